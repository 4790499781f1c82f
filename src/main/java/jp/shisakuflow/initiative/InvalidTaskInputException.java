package jp.shisakuflow.initiative;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Thrown when a task is completed with missing or ill-typed variables. The transaction rolls back, so
 * the task stays open; the REST API answers 400 (see {@code web.EngineRestErrorMapping}).
 */
public class InvalidTaskInputException extends BadUserRequestException {

  private final List<String> problems;

  public InvalidTaskInputException(String taskDefinitionKey, List<String> problems) {
    super("入力内容に誤りがあります (invalid input for " + taskDefinitionKey + "): "
        + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
