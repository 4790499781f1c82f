package jp.shisakuflow.web;

/**
 * A service the app cannot do without is gone (the database): the error that says so, which the engine's
 * REST API answers with 503. Provided by operations/, so that web/ needs to know no feature.
 */
public interface Outage {

  /** Whether this error, or one of its causes, is the outage. */
  boolean isCause(Throwable error);

  /** The error body's {@code type}. */
  String type();

  /** What the caller is told, Japanese first. */
  String message();

  /** The {@code Retry-After} header's value. */
  String retryAfterSeconds();
}
