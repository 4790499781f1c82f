package jp.shisakuflow.initiative;

import static jp.shisakuflow.initiative.InitiativeLifecycle.PROCESS_KEY;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/** Starts initiative lifecycles, at most one per initiative and fiscal year. */
@Service
public class InitiativeLifecycleService {

  private final RuntimeService runtimeService;
  private final HistoryService historyService;

  public InitiativeLifecycleService(RuntimeService runtimeService, HistoryService historyService) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
  }

  /**
   * Starts the lifecycle unless one with the same business key exists, running or finished.
   *
   * @return the id of the new instance, or empty when it already existed
   */
  public Optional<String> startIfAbsent(InitiativeStart initiative) {
    if (find(initiative.businessKey()).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(runtimeService
        .startProcessInstanceByKey(PROCESS_KEY, initiative.businessKey(), variables(initiative))
        .getId());
  }

  public Optional<HistoricProcessInstance> find(String businessKey) {
    return Optional.ofNullable(historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(businessKey)
        .singleResult());
  }

  static Map<String, Object> variables(InitiativeStart initiative) {
    return Map.of(
        InitiativeLifecycle.Var.INITIATIVE_ID, initiative.initiativeId(),
        InitiativeLifecycle.Var.TITLE, initiative.title(),
        InitiativeLifecycle.Var.WORKSTREAM, initiative.workstream(),
        InitiativeLifecycle.Var.OWNER_GROUP, initiative.ownerGroup(),
        InitiativeLifecycle.Var.FISCAL_YEAR, initiative.fiscalYear());
  }
}
