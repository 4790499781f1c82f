package jp.shisakuflow.deployment;

import java.util.List;

/** A file in {@code processes/} that cannot be deployed; names every file and what is wrong with it. */
public class ProcessDeploymentException extends RuntimeException {

  private final List<String> problems;

  public ProcessDeploymentException(List<String> problems, Throwable cause) {
    super("Cannot deploy processes/: " + String.join("; ", problems), cause);
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
