package jp.shisakuflow.initiative;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.organization.CityDefinitions;
import jp.shisakuflow.security.Grants;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * {@link NextYearInstances} on the engine. Its work runs inside the command that called it (a manager's
 * completion of 次年度方針の決定, or the year-end rollover's job), under that command's user, who is
 * what the user operation log and the comments name; the engine's authorization checks are left out for
 * it, as the decision itself was authorized.
 */
@Service
public class EngineNextYearInstances implements NextYearInstances {

  /** The comment on the previous year's 継続実施 when next year's instance takes it over. */
  public static final String CARRIED_OVER = "次年度の取組に引き継ぎ";
  /** Prefix of the business key a replaced instance keeps, so next year's key stays unique. */
  public static final String REPLACED_PREFIX = "replaced:";

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final AuthorizationService authorizationService;
  private final InitiativeLifecycleService initiatives;

  public EngineNextYearInstances(RuntimeService runtimeService, TaskService taskService,
      HistoryService historyService, AuthorizationService authorizationService,
      InitiativeLifecycleService initiatives) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.historyService = historyService;
    this.authorizationService = authorizationService;
    this.initiatives = initiatives;
  }

  @Override
  public Optional<Found> find(String businessKey) {
    return initiatives.find(businessKey).map(this::found);
  }

  private Found found(HistoricProcessInstance instance) {
    Map<String, Object> values = new HashMap<>();
    historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(instance.getId())
        .variableNameIn(Var.PREVIOUS_BUSINESS_KEY, Var.PLANNED_OUTCOME, Var.PLANNED_OUTCOME_LABEL, Var.PHASE_PLAN)
        .list().stream().filter(v -> v.getActivityInstanceId() == null || v.getActivityInstanceId().equals(instance.getId()))
        .forEach(v -> values.put(v.getName(), v.getValue()));
    return new Found(instance.getId(), instance.getProcessDefinitionKey(), instance.getEndTime() == null,
        (String) values.get(Var.PREVIOUS_BUSINESS_KEY),
        Outcome.fromCode((String) values.get(Var.PLANNED_OUTCOME)).orElse(null),
        (String) values.get(Var.PLANNED_OUTCOME_LABEL), PhasePlanCodec.read(values.get(Var.PHASE_PLAN)));
  }

  @Override
  public Optional<String> startIfAbsent(InitiativeStart start) {
    Optional<String> started = unchecked(() -> initiatives.startIfAbsent(start));
    if (started.isPresent()) {
      carryOverContinuation(start);
    }
    return started;
  }

  @Override
  public void carryOverContinuation(InitiativeStart start) {
    if (start.previousBusinessKey() == null) {
      return;
    }
    closePreviousContinuation(start);
    // A late decision of 継続実施 decides next year from its completion, before the previous year's
    // lifecycle has reached its 継続実施: close that too, once the command has done its work.
    CommandContext context = Context.getCommandContext();
    if (context != null) {
      context.registerCommandContextListener(new CommandContextListener() {
        @Override
        public void onCommandContextClose(CommandContext closing) {
          // Not yet in the database: the task the command has just created is in its entity cache.
          closing.getDbEntityManager().getCachedEntitiesByType(TaskEntity.class).stream()
              .filter(task -> !task.isDeleted()
                  && InitiativeLifecycle.Element.TASK_CONTINUE_IMPLEMENTATION.equals(task.getTaskDefinitionKey())
                  && task.getProcessInstance() != null
                  && start.previousBusinessKey().equals(task.getProcessInstance().getBusinessKey()))
              .toList()
              .forEach(task -> carryOver(task.getId(), task.getProcessInstanceId(), start));
        }

        @Override
        public void onCommandFailed(CommandContext failed, Throwable t) {
          // nothing was done
        }
      });
    }
  }

  /** The previous year's 継続実施 still open is done: next year's instance carries the work on. */
  void closePreviousContinuation(InitiativeStart start) {
    if (start.previousBusinessKey() == null) {
      return;
    }
    unchecked(() -> {
      for (Task task : taskService.createTaskQuery().processInstanceBusinessKey(start.previousBusinessKey())
          .taskDefinitionKey(InitiativeLifecycle.Element.TASK_CONTINUE_IMPLEMENTATION).list()) {
        carryOver(task.getId(), task.getProcessInstanceId(), start);
      }
      return null;
    });
  }

  private void carryOver(String taskId, String processInstanceId, InitiativeStart start) {
    unchecked(() -> {
      taskService.createComment(taskId, processInstanceId, CARRIED_OVER + " (" + start.businessKey() + ")");
      taskService.complete(taskId);
      return null;
    });
  }

  @Override
  public void record(String processInstanceId, NextYearDecision decision, String outcome) {
    unchecked(() -> {
      Map<String, Object> values = new HashMap<>();
      values.put(NextYearDecision.Var.PREVIOUS_YEAR_DECISION, decision.decided().code());
      values.put(NextYearDecision.Var.PREVIOUS_YEAR_DECISION_BY, decision.decidedBy());
      values.put(NextYearDecision.Var.PREVIOUS_YEAR_DECISION_AT, CityTime.text(decision.decidedAt()));
      values.put(NextYearDecision.Var.PREVIOUS_YEAR_DECISION_REASON, decision.reason());
      runtimeService.setVariables(processInstanceId, values);
      taskService.createComment(null, processInstanceId, decision.describe() + " → " + outcome);
      return null;
    });
  }

  @Override
  public void replan(String processInstanceId, InitiativeStart start, String note) {
    unchecked(() -> {
      runtimeService.setVariables(processInstanceId, Map.of(
          Var.PHASE_PLAN, PhasePlanCodec.write(start.phases()),
          Var.PLANNED_OUTCOME, start.plannedOutcome().code(),
          Var.PLANNED_OUTCOME_LABEL, start.plannedOutcomeLabel()));
      ProcessInstanceModificationBuilder restart = runtimeService.createProcessInstanceModification(processInstanceId);
      ActivityInstance root = runtimeService.getActivityInstance(processInstanceId);
      for (ActivityInstance child : root.getChildActivityInstances()) {
        restart.cancelActivityInstance(child.getId());
      }
      for (TransitionInstance transition : root.getChildTransitionInstances()) {
        restart.cancelTransitionInstance(transition.getId());
      }
      restart.startBeforeActivity(firstElement(start.processKey())).setAnnotation(note).execute();
      return null;
    });
  }

  /** Where an instance's work begins, after its start event. */
  static String firstElement(String processKey) {
    return processKey.equals(InitiativeSteps.PROCESS_KEY) ? InitiativeSteps.Element.SUBPROCESS_STEP
        : InitiativeLifecycle.Element.GATEWAY_HAS_COORDINATION;
  }

  @Override
  public String replace(String processInstanceId, InitiativeStart start, String reason) {
    return unchecked(() -> {
      // Next year's business key must stay unique (one instance per initiative and year): the withdrawn
      // instance keeps it behind a prefix, in the runtime and in the history.
      CommandContext context = Context.getCommandContext();
      context.getExecutionManager().findExecutionById(processInstanceId)
          .setProcessBusinessKey(REPLACED_PREFIX + start.businessKey());
      runtimeService.deleteProcessInstance(processInstanceId, reason);
      String id = CityDefinitions.start(runtimeService, start.processKey()).businessKey(start.businessKey())
          .setVariables(InitiativeLifecycleService.variables(start)).execute().getId();
      for (String group : start.owners().readerGroups()) {
        Grants.grantNew(authorizationService, group, Resources.PROCESS_INSTANCE, id, List.of(Permissions.READ));
        Grants.grantNew(authorizationService, group, Resources.HISTORIC_PROCESS_INSTANCE, id,
            List.of(HistoricProcessInstancePermissions.READ));
      }
      return id;
    });
  }

  @Override
  public void withdraw(String processInstanceId, String reason) {
    unchecked(() -> {
      runtimeService.deleteProcessInstance(processInstanceId, reason);
      return null;
    });
  }

  /**
   * Runs the work in the calling command without the engine's authorization checks (the caller's were
   * made: the decision's completion, or the rollover's job); outside a command, as it is.
   */
  private static <T> T unchecked(Supplier<T> work) {
    CommandContext context = Context.getCommandContext();
    if (context == null || !context.isAuthorizationCheckEnabled()) {
      return work.get();
    }
    context.disableAuthorizationCheck();
    try {
      return work.get();
    } finally {
      context.enableAuthorizationCheck();
    }
  }
}
