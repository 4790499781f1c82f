package jp.shisakuflow.operations;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database cannot be reached (stopped, restarting, network gone). Said loudly as 503 with a clear
 * message, never as a wrong password or a generic 500; the connection pool reconnects by itself.
 */
public class DatabaseUnavailable extends RuntimeException {

  public static final String MESSAGE = "データベースに接続できません。しばらくしてから再度お試しください"
      + " (database unavailable; try again shortly)";
  public static final String RETRY_AFTER_SECONDS = "5";

  public DatabaseUnavailable(Throwable cause) {
    super(MESSAGE, cause);
  }

  /** Whether this error, or one of its causes, is a lost or refused database connection. */
  public static boolean isCause(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof DatabaseUnavailable || cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException || cause instanceof CannotGetJdbcConnectionException
          || cause instanceof ConnectException
          // A commit or rollback that failed at the JDBC level: the connection went away under it.
          || cause instanceof TransactionSystemException) {
        return true;
      }
      // 08xxx: connection exceptions; 57P0x: the server is shutting down or starting up.
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
