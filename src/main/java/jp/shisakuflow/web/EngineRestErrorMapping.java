package jp.shisakuflow.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * The engine wraps an exception thrown by a task listener into a generic one, which the REST API
 * answers with 500. Invalid task input is the sender's mistake: this answers it with 400 and the
 * problems. So are a value the database refuses as data (SQLState class 22, e.g. a name longer than
 * its column) and a query combination the engine refuses ("Invalid query usage…"): 400 saying so.
 * Every other error goes to Camunda's own handler.
 */
@Component
public class EngineRestErrorMapping implements ResourceConfigCustomizer {

  private final ObjectProvider<HistoryService> historyService;
  private final ObjectProvider<TaskService> taskService;
  private final Outage outage;

  public EngineRestErrorMapping(ObjectProvider<HistoryService> historyService, ObjectProvider<TaskService> taskService,
      Outage outage) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.outage = outage;
  }

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    TaskConflicts conflicts = new TaskConflicts(historyService, taskService);
    config.register(new InvalidInputMapper(conflicts, outage));
    config.register(new EngineExceptionMapper(conflicts, outage));
    config.register(new UnexpectedFailureMapper(conflicts, outage));
  }

  static final String DATA_EXCEPTION_CLASS = "22";
  static final String STRING_TOO_LONG = "22001";
  static final String INVALID_QUERY = "Invalid query usage";

  /** 400 for what the sender got wrong but the engine reports as an internal error, if it is that. */
  static java.util.Optional<Response> sendersMistake(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
          && sql.getSQLState().startsWith(DATA_EXCEPTION_CLASS)) {
        String message = STRING_TOO_LONG.equals(sql.getSQLState())
            ? "入力された値が長すぎます。項目の上限より短くしてください (a value is too long for its field)"
            : "入力された値が項目の形式に合いません (a value does not fit its field: invalid data)";
        return java.util.Optional.of(badRequest("InvalidValue", message));
      }
      if (cause.getMessage() != null && cause.getMessage().startsWith(INVALID_QUERY)) {
        return java.util.Optional.of(badRequest("InvalidQuery", "検索条件の組み合わせが正しくありません ("
            + cause.getMessage() + ")"));
      }
    }
    return java.util.Optional.empty();
  }

  static Response badRequest(String type, String message) {
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(type, message)).build();
  }

  static Response taskConflict(String message) {
    return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(TaskConflicts.TYPE, message)).build();
  }

  /** Anything else the REST API fails with (even a NullPointerException in a race): a conflict, or Camunda's 500. */
  @Priority(1)
  public static class UnexpectedFailureMapper implements ExceptionMapper<RuntimeException> {

    private final org.camunda.bpm.engine.rest.exception.ExceptionHandler camundaHandler =
        new org.camunda.bpm.engine.rest.exception.ExceptionHandler();
    private final TaskConflicts conflicts;

    private final Outage outage;

    UnexpectedFailureMapper(TaskConflicts conflicts, Outage outage) {
      this.conflicts = conflicts;
      this.outage = outage;
    }

    @Override
    public Response toResponse(RuntimeException exception) {
      if (outage.isCause(exception)) {
        return unavailable(outage);
      }
      return conflicts.explain(exception).map(EngineRestErrorMapping::taskConflict)
          .or(() -> sendersMistake(exception))
          .orElseGet(() -> camundaHandler.toResponse(exception));
    }
  }

  static Response unavailable(Outage outage) {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
        .header("Retry-After", outage.retryAfterSeconds())
        .entity(new ErrorBody(outage.type(), outage.message())).build();
  }

  /** An error body: a type and a message (Japanese, then English). */
  public record ErrorBody(String type, String message) {}

  /**
   * Engine errors: a lost database is 503, a task conflict 409, a weak password (which the engine answers
   * with a generic error) 400; the rest goes to Camunda's own handler.
   */
  @Priority(1)
  public static class EngineExceptionMapper implements ExceptionMapper<ProcessEngineException> {

    static final String ENGINE_MESSAGE = "Password does not match policy";
    private final ProcessEngineExceptionHandler camundaHandler = new ProcessEngineExceptionHandler();
    private final TaskConflicts conflicts;

    private final Outage outage;

    EngineExceptionMapper(TaskConflicts conflicts, Outage outage) {
      this.conflicts = conflicts;
      this.outage = outage;
    }

    @Override
    public Response toResponse(ProcessEngineException exception) {
      if (outage.isCause(exception)) {
        return unavailable(outage);
      }
      java.util.Optional<String> conflict = conflicts.explain(exception);
      if (conflict.isPresent()) {
        return taskConflict(conflict.get());
      }
      if (ENGINE_MESSAGE.equals(exception.getMessage())) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorBody("PasswordPolicyException", "パスワードがポリシーを満たしていません。10文字以上で、"
                + "大文字・小文字・数字・記号をそれぞれ含み、ユーザー名や氏名を含まないものにしてください (the password does not"
                + " match the policy: at least 10 characters with upper and lower case letters, a digit and a special"
                + " character, and none of the user's id or names)"))
            .build();
      }
      return sendersMistake(exception).orElseGet(() -> camundaHandler.toResponse(exception));
    }
  }

  /** The error body: Camunda's {@code type} and {@code message}, plus each problem on its own. */
  public record InvalidInputBody(String type, String message, List<?> problems) {}

  @Priority(1)
  public static class InvalidInputMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camundaHandler = new RestExceptionHandler();
    private final TaskConflicts conflicts;

    private final Outage outage;

    InvalidInputMapper(TaskConflicts conflicts, Outage outage) {
      this.conflicts = conflicts;
      this.outage = outage;
    }

    @Override
    public Response toResponse(RestException exception) {
      if (outage.isCause(exception)) {
        return unavailable(outage);
      }
      java.util.Optional<String> conflict = conflicts.explain(exception);
      if (conflict.isPresent()) {
        return taskConflict(conflict.get());
      }
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidInput invalid) {
          return Response.status(Response.Status.BAD_REQUEST)
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(new InvalidInputBody(cause.getClass().getSimpleName(), invalid.getMessage(), invalid.problems()))
              .build();
        }
      }
      return sendersMistake(exception).orElseGet(() -> camundaHandler.toResponse(exception));
    }
  }
}
