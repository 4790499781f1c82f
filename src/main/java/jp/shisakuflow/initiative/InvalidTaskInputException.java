package jp.shisakuflow.initiative;

import java.util.List;
import jp.shisakuflow.web.InvalidInput;
import jp.shisakuflow.web.ProblemType;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Thrown when a task is completed with missing or ill-typed variables. The transaction rolls back, so
 * the task stays open; the REST API answers 400 (see {@code web.EngineRestErrorMapping}).
 */
public class InvalidTaskInputException extends BadUserRequestException implements InvalidInput {

  private final List<String> problems;

  public InvalidTaskInputException(String taskDefinitionKey, List<String> problems) {
    super("入力内容に誤りがあります (invalid input for " + taskDefinitionKey + "): "
        + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  @Override
  public ProblemType problemType() {
    return ProblemType.INVALID_REQUEST;
  }

  @Override
  public List<String> problems() {
    return problems;
  }
}
