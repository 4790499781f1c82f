package jp.shisakuflow.audit;

import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/** Finished and running instances of a definition, filtered as auditors ask; read-only. */
@Service
public class HistoricInstanceSearch {

  static final int MAX_ROWS = 500;
  private static final ZoneId ZONE = CityTime.ZONE;
  private static final List<String> SHOWN = List.of(Var.TITLE, Var.WORKSTREAM, Var.FISCAL_YEAR, Var.DECIDED_OUTCOME);

  private final HistoryService historyService;

  public HistoricInstanceSearch(HistoryService historyService) {
    this.historyService = historyService;
  }

  public List<HistoricInstanceSummary> search(HistoricInstanceFilter filter) {
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(filter.processDefinitionKey());
    if (filter.state().equals("running")) {
      query.unfinished();
    } else if (filter.state().equals("finished")) {
      query.finished();
    }
    if (filter.fiscalYear() != null) {
      query.variableValueEquals(Var.FISCAL_YEAR, filter.fiscalYear());
    }
    if (filter.workstream() != null) {
      query.variableValueEquals(Var.WORKSTREAM, filter.workstream());
    }
    if (filter.outcome() != null) {
      query.variableValueEquals(Var.DECIDED_OUTCOME, filter.outcome());
    }
    if (filter.startedFrom() != null) {
      query.startedAfter(Date.from(filter.startedFrom().atStartOfDay(ZONE).toInstant()));
    }
    if (filter.startedTo() != null) {
      query.startedBefore(Date.from(filter.startedTo().plusDays(1).atStartOfDay(ZONE).toInstant()));
    }
    List<HistoricProcessInstance> instances = query.orderByProcessInstanceStartTime().desc().listPage(0, MAX_ROWS);
    if (instances.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Object>> values = new HashMap<>();
    historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(SHOWN.toArray(String[]::new)).disableCustomObjectDeserialization().list()
        .forEach(v -> values.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>())
            .put(v.getName(), valueOf(v)));
    return instances.stream().map(i -> {
      Map<String, Object> v = values.getOrDefault(i.getId(), Map.of());
      return new HistoricInstanceSummary(i.getId(), i.getBusinessKey(), InitiativeLifecycle.Typed.TITLE.from(v),
          InitiativeLifecycle.Typed.WORKSTREAM.from(v), v.get(Var.FISCAL_YEAR), InitiativeLifecycle.Typed.DECIDED_OUTCOME.from(v), i.getState(),
          i.getStartTime().toInstant(), i.getEndTime() == null ? null : i.getEndTime().toInstant(),
          i.getStartUserId());
    }).toList();
  }

  private static Object valueOf(HistoricVariableInstance variable) {
    Object value = variable.getValue();
    return value instanceof String || value instanceof Number ? value : value == null ? null : value.toString();
  }
}
