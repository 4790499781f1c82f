package jp.shisakuflow.fiscalyear;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.BusinessKey;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeProcesses;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.NextYearInstances;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlannedInitiative;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/** Starts a plan's initiatives, and at the year's end those that go on into the next. */
@Service
public class PlanInitiatives {

  private final InitiativeLifecycleService initiatives;
  private final HistoryService historyService;
  private final YearEndRollover rollover;
  private final NextYearInstances nextYearInstances;

  public PlanInitiatives(InitiativeLifecycleService initiatives, HistoryService historyService,
      YearEndRollover rollover, NextYearInstances nextYearInstances) {
    this.initiatives = initiatives;
    this.historyService = historyService;
    this.rollover = rollover;
    this.nextYearInstances = nextYearInstances;
  }

  /**
   * Starts every initiative of the plan that has no instance yet; returns how many were started. Whether one exists is
   * asked as {@link #absent} asks it ({@link InitiativeLifecycleService#find}), so a preview shows what this starts.
   */
  public int startAll(Plan plan) {
    int started = 0;
    for (PlannedInitiative initiative : plan.initiatives()) {
      started += initiatives.startIfAbsent(toStart(plan, initiative)).isPresent() ? 1 : 0;
    }
    return started;
  }

  /** The plan's initiatives that have no instance yet (running or finished): those {@link #startAll} would start. */
  public List<PlannedInitiative> absent(Plan plan) {
    return plan.initiatives().stream()
        .filter(i -> initiatives.find(toStart(plan, i).businessKey()).isEmpty()).toList();
  }

  public static InitiativeStart toStart(Plan plan, PlannedInitiative initiative) {
    return new InitiativeStart(initiative.id(), initiative.title(), initiative.workstream(), initiative.owners(),
        initiative.wards(), plan.fiscalYear(), initiative.phases(), initiative.nextYear(), initiative.nextYearLabel(),
        plan.businessKey(), null);
  }

  /**
   * Starts next year's instances of the initiatives whose outcome continues (the manager's decision, else
   * the plan's); each closes its previous year's open 継続実施. Returns how many started.
   */
  public int rollOver(Plan plan) {
    int started = 0;
    for (InitiativeStart next : rollover.nextYear(plan, decidedOutcomes(plan))) {
      started += nextYearInstances.startIfAbsent(next).isPresent() ? 1 : 0;
    }
    return started;
  }

  /** The outcome each initiative of the plan's year was decided for, where a manager decided one. */
  Map<String, Outcome> decidedOutcomes(Plan plan) {
    List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKeyIn(InitiativeProcesses.keys())
        .processInstanceBusinessKeyLike(BusinessKey.likeInYear(plan.fiscalYear()))
        .list();
    Map<String, String> initiativeByInstance = new HashMap<>();
    instances.forEach(i -> initiativeByInstance.put(i.getId(),
        BusinessKey.parse(i.getBusinessKey()).orElseThrow().id()));
    Map<String, Outcome> outcomes = new HashMap<>();
    if (initiativeByInstance.isEmpty()) {
      return outcomes;
    }
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .variableName(InitiativeLifecycle.Var.DECIDED_OUTCOME)
        .processInstanceIdIn(initiativeByInstance.keySet().toArray(String[]::new))
        .list()) {
      Outcome.fromCode(InitiativeLifecycle.Typed.DECIDED_OUTCOME.read(variable.getValue()))
          .ifPresent(o -> outcomes.put(initiativeByInstance.get(variable.getProcessInstanceId()), o));
    }
    return outcomes;
  }
}
