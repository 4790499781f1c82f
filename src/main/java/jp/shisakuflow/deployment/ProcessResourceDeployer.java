package jp.shisakuflow.deployment;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.dmn.Dmn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deploys every BPMN, DMN and form file of {@code processes/} as the engine is built, before anything
 * can start an instance. Unchanged files are not deployed again. A file that does not parse stops
 * start-up with an error naming the file, the line and the problem.
 */
@Component
public class ProcessResourceDeployer extends SpringProcessEnginePlugin {

  public static final String DEPLOYMENT_NAME = "shisaku-flow";
  private static final Logger log = LoggerFactory.getLogger(ProcessResourceDeployer.class);

  private final String location;

  public ProcessResourceDeployer(@Value("${shisaku.processes.location:classpath*:processes/}") String location) {
    this.location = location;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    List<ProcessResources.Entry> entries = ProcessResources.scan(location);
    if (entries.isEmpty()) {
      throw new ProcessDeploymentException(
          List.of("no .bpmn, .dmn or .form file found at " + location), null);
    }
    checkModels(entries);
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(location)
        .enableDuplicateFiltering(true);
    entries.forEach(entry -> deployment.addInputStream(entry.name(), entry.open()));
    try {
      var result = deployment.deployWithResult();
      log.info("{} process files from {} are deployed (deployment {})", entries.size(), location,
          result.getId());
    } catch (ParseException e) {
      throw new ProcessDeploymentException(describe(e), e);
    } catch (RuntimeException e) {
      throw new ProcessDeploymentException(List.of(e.getMessage()), e);
    }
  }

  /** Reads each file with the model API first, so that an XML error names its file. */
  private static void checkModels(List<ProcessResources.Entry> entries) {
    List<String> problems = new ArrayList<>();
    for (ProcessResources.Entry entry : entries) {
      try (InputStream in = entry.open()) {
        switch (entry.extension()) {
          case "bpmn" -> Bpmn.readModelFromStream(in);
          case "dmn" -> Dmn.readModelFromStream(in);
          default -> { }
        }
      } catch (Exception e) {
        problems.add(entry.name() + ": " + rootMessage(e));
      }
    }
    if (!problems.isEmpty()) {
      throw new ProcessDeploymentException(problems, null);
    }
  }

  private static List<String> describe(ParseException e) {
    List<String> problems = new ArrayList<>();
    e.getResorceReports().forEach(report -> report.getErrors().forEach(problem -> problems.add(
        report.getResourceName() + " (line " + problem.getLine() + ", column " + problem.getColumn()
            + (problem.getMainElementId() == null ? "" : ", element " + problem.getMainElementId())
            + "): " + problem.getMessage())));
    return problems.isEmpty() ? List.of(e.getMessage()) : problems;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      message.append(" — ").append(cause.getMessage());
    }
    return message.toString();
  }
}
