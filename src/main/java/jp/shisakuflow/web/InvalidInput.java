package jp.shisakuflow.web;

import java.util.List;

/**
 * An error of input the sender got wrong that names each problem, so that both APIs can answer it with
 * 400 and the list. Implemented by the features' exceptions: web/ knows none of them.
 */
public interface InvalidInput {

  /** The problem type the app's API answers it with. */
  ProblemType problemType();

  /** Each problem as it goes into the error body (a text, or e.g. a {@code {line, message}} record). */
  List<?> problems();

  /** The whole error in one message, Japanese first. */
  String getMessage();
}
