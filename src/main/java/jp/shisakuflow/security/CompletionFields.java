package jp.shisakuflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * What completing a task may write: the fields of the task's own Camunda Form (its {@code camunda:formRef},
 * as deployed), nothing else. A read-only field (the recommendation shown on the decision form) may be
 * sent back only unchanged. A task without a form takes no values.
 */
@Component
public class CompletionFields {

  /** The keys a task's form lets its user fill in, and those it only shows. */
  public record Fields(Set<String> editable, Set<String> readOnly) {
    static final Fields NONE = new Fields(Set.of(), Set.of());
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngineConfigurationImpl configuration;

  public CompletionFields(ProcessEngine engine) {
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  /** The fields of a running task's form; empty when there is no such running task. */
  public Optional<Fields> of(String taskId) {
    try {
      return read(taskId);
    } catch (RuntimeException failed) {
      // Completed by someone else while its form was read (the engine then fails on the vanished execution): no
      // running task, which the engine answers as a conflict. A task still running fails closed, as before.
      if (isRunning(taskId)) {
        throw failed;
      }
      return Optional.empty();
    }
  }

  private boolean isRunning(String taskId) {
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      context.disableAuthorizationCheck();
      return context.getTaskManager().findTaskById(taskId) != null;
    });
  }

  private Optional<Fields> read(String taskId) {
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      context.disableAuthorizationCheck();
      if (context.getTaskManager().findTaskById(taskId) == null) {
        return Optional.empty();
      }
      InputStream form;
      try {
        form = configuration.getFormService().getDeployedTaskForm(taskId);
      } catch (ProcessEngineException noForm) {
        return Optional.of(Fields.NONE);
      }
      try (form) {
        return Optional.of(fields(JSON.readTree(form)));
      } catch (IOException e) {
        throw new UncheckedIOException("Task " + taskId + " has an unreadable form", e);
      }
    });
  }

  /** The keyed fields of a Camunda Form (form-js schema), groups included. */
  public static Fields fields(JsonNode form) {
    Set<String> editable = new LinkedHashSet<>();
    Set<String> readOnly = new LinkedHashSet<>();
    collect(form.path("components"), editable, readOnly);
    return new Fields(Set.copyOf(editable), Set.copyOf(readOnly));
  }

  private static void collect(JsonNode components, Set<String> editable, Set<String> readOnly) {
    for (JsonNode component : components) {
      String key = component.path("key").asText("");
      if (!key.isEmpty()) {
        boolean shownOnly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
        (shownOnly ? readOnly : editable).add(key);
      }
      collect(component.path("components"), editable, readOnly);
    }
  }
}
