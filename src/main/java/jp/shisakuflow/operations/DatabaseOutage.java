package jp.shisakuflow.operations;

import jp.shisakuflow.web.Outage;
import org.springframework.stereotype.Component;

/** The lost database as the engine's REST API answers it (503, see {@link DatabaseUnavailable}). */
@Component
class DatabaseOutage implements Outage {

  @Override
  public boolean isCause(Throwable error) {
    return DatabaseUnavailable.isCause(error);
  }

  @Override
  public String type() {
    return DatabaseUnavailable.class.getSimpleName();
  }

  @Override
  public String message() {
    return DatabaseUnavailable.MESSAGE;
  }

  @Override
  public String retryAfterSeconds() {
    return DatabaseUnavailable.RETRY_AFTER_SECONDS;
  }
}
