package jp.shisakuflow.deployment;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed deployment into a start-up report that names each bad file, without a stack trace. */
public class ProcessDeploymentFailureAnalyzer extends AbstractFailureAnalyzer<ProcessDeploymentException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ProcessDeploymentException cause) {
    StringBuilder description = new StringBuilder("The process files could not be deployed:");
    cause.problems().forEach(problem -> description.append(System.lineSeparator()).append("  - ").append(problem));
    return new FailureAnalysis(description.toString(),
        "Fix the files named above in processes/ (open them in Camunda Modeler to see the problem), then start"
            + " the application again.",
        cause);
  }
}
