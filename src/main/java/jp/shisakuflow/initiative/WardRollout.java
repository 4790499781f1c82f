package jp.shisakuflow.initiative;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/**
 * Next year's wards of an item, from this year's instance: 順次モデル実施 (a phased rollout) keeps this year's
 * wards and adds wards decided anew during next year (its coordination offers only the others); every other
 * outcome keeps the wards this year ran in. An item in no ward stays in none, one in all seven stays in all.
 */
@Service
public class WardRollout implements NextYearWards {

  private final HistoryService historyService;

  public WardRollout(HistoryService historyService) {
    this.historyService = historyService;
  }

  /**
   * Next year's start ({@link NextYear#of}) with next year's wards in place of this year's: what the rollover
   * and a late decision start.
   *
   * @param next next year's start, whose {@code previousBusinessKey} names this year's instance
   * @param outcome this year's outcome (decided, or else planned)
   */
  @Override
  public InitiativeStart withNextYearsWards(InitiativeStart next, Outcome outcome) {
    WardScope wards = next.previousBusinessKey() == null ? nextYear(next.wards(), outcome)
        : nextYear(next.previousBusinessKey(), next.wards(), outcome);
    return new InitiativeStart(next.initiativeId(), next.title(), next.workstream(), next.owners(), wards,
        next.fiscalYear(), next.phases(), next.plannedOutcome(), next.plannedOutcomeLabel(), next.planKey(),
        next.previousBusinessKey());
  }

  /**
   * Next year's wards of an item by this year's business key ({@code FY2019-<id>}); an item that had no
   * instance this year goes from the wards its plan gave it.
   *
   * @param planned the wards this year's plan gave the item
   * @param outcome the outcome next year follows (decided, or else planned)
   */
  public WardScope nextYear(String thisYearsBusinessKey, WardScope planned, Outcome outcome) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(thisYearsBusinessKey)
        .list().stream()
        .filter(instance -> InitiativeProcesses.KEYS.contains(instance.getProcessDefinitionKey()))
        .findFirst()
        .map(instance -> nextYear(instance.getId(), outcome))
        .orElseGet(() -> nextYear(planned, outcome));
  }

  /**
   * @param processInstanceId this year's instance of the item, running or ended
   * @param outcome the outcome next year follows (decided, or else planned)
   */
  public WardScope nextYear(String processInstanceId, Outcome outcome) {
    Map<String, Object> values = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId)
        .variableNameIn(Var.WARD_SCOPE, Var.WARDS)
        .list().stream()
        .filter(v -> processInstanceId.equals(v.getExecutionId())) // the instance's own, not a task's
        .filter(v -> v.getValue() != null)
        .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue));
    return nextYear(thisYear((String) values.get(Var.WARD_SCOPE), (String) values.get(Var.WARDS)), outcome);
  }

  /** The scope an instance ran with, from its variables (an instance from before ward scopes: none). */
  static WardScope thisYear(String wardScope, String wards) {
    return new WardScope(WardTasks.mode(wardScope), WardTasks.split(wards));
  }

  static WardScope nextYear(WardScope thisYear, Outcome outcome) {
    List<String> wards = thisYear.wards();
    return switch (thisYear.mode()) {
      case NONE -> WardScope.NONE;
      case ALL -> new WardScope(WardScope.Mode.ALL, WardTasks.ALL_WARDS);
      case LISTED, DECIDED_IN_YEAR -> {
        if (outcome != Outcome.PHASED_ROLLOUT) {
          // The wards it ran in go on; wards never decided are decided next year.
          yield wards.isEmpty() ? new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of())
              : new WardScope(WardScope.Mode.LISTED, wards);
        }
        if (wards.containsAll(WardTasks.ALL_WARDS)) {
          yield new WardScope(WardScope.Mode.ALL, WardTasks.ALL_WARDS); // no ward left to add
        }
        yield new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of(), wards);
      }
    };
  }
}
