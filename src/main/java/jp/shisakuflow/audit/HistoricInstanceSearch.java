package jp.shisakuflow.audit;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.shisakuflow.initiative.Coded;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import jp.shisakuflow.security.CityCondition;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/** Finished and running instances of a definition, filtered as auditors ask; read-only. */
@Service
public class HistoricInstanceSearch {

  static final int MAX_ROWS = 500;
  private static final ZoneId ZONE = CityTime.ZONE;
  private static final List<String> SHOWN = List.of(Var.TITLE, Var.WORKSTREAM, Var.FISCAL_YEAR, Var.DECIDED_OUTCOME);
  private static final String DISTINCT_TEXT = "SELECT DISTINCT TEXT_ FROM ACT_HI_VARINST"
      + " WHERE PROC_DEF_KEY_ = ? AND NAME_ = ? AND TEXT_ IS NOT NULL";
  private static final String DISTINCT_NUMBER = "SELECT DISTINCT LONG_ FROM ACT_HI_VARINST"
      + " WHERE PROC_DEF_KEY_ = ? AND NAME_ = ? AND LONG_ IS NOT NULL";

  private final HistoryService historyService;
  private final JdbcTemplate jdbc;
  private final AuditLabels labels;
  private final IdentityService identityService;

  public HistoricInstanceSearch(HistoryService historyService, JdbcTemplate jdbc, AuditLabels labels,
      IdentityService identityService) {
    this.historyService = historyService;
    this.identityService = identityService;
    this.jdbc = jdbc;
    this.labels = labels;
  }

  /** A variable's distinct values in the history of the cities the reader may see. */
  private <T> List<T> distinct(String sql, Class<T> type, String processDefinitionKey, String name) {
    CityCondition cities = CityCondition.on(identityService, "TENANT_ID_");
    return jdbc.queryForList(sql + cities.sql(), type, cities.around(List.of(processDefinitionKey, name), List.of()));
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
    Map<Integer, Map<String, String>> workstreamNames = new HashMap<>();
    return instances.stream().map(i -> {
      Map<String, Object> v = values.getOrDefault(i.getId(), Map.of());
      Integer year = InitiativeLifecycle.Typed.FISCAL_YEAR.from(v);
      String workstream = InitiativeLifecycle.Typed.WORKSTREAM.from(v);
      String workstreamLabel = workstream == null ? null : workstreamNames
          .computeIfAbsent(year == null ? Integer.MIN_VALUE : year, y -> labels.workstreamNames(year))
          .getOrDefault(workstream, workstream);
      return new HistoricInstanceSummary(i.getId(), i.getBusinessKey(), InitiativeLifecycle.Typed.TITLE.from(v),
          workstream, workstreamLabel, v.get(Var.FISCAL_YEAR), InitiativeLifecycle.Typed.DECIDED_OUTCOME.from(v),
          i.getState(), i.getStartTime().toInstant(), i.getEndTime() == null ? null : i.getEndTime().toInstant(),
          i.getStartUserId(), i.getProcessDefinitionKey());
    }).toList();
  }

  /**
   * What the filters offer for a definition, each value with its label: the states, and the fiscal years,
   * workstreams and decided outcomes its instances have.
   */
  public HistoryFilterChoices choices(String processDefinitionKey) {
    if (processDefinitionKey == null || processDefinitionKey.isBlank()) {
      throw new IllegalArgumentException("processDefinitionKey: プロセス定義キーを指定してください (required)");
    }
    List<Integer> years = distinct(DISTINCT_NUMBER, Long.class, processDefinitionKey, Var.FISCAL_YEAR)
        .stream().filter(Objects::nonNull).map(Long::intValue).sorted(Comparator.reverseOrder()).toList();
    Map<String, String> names = labels.workstreamNames(years.isEmpty() ? null : years.get(0));
    List<HistoryFilterChoices.Choice> workstreams = distinct(DISTINCT_TEXT, String.class,
            processDefinitionKey, Var.WORKSTREAM).stream()
        .map(code -> new HistoryFilterChoices.Choice(code, names.getOrDefault(code, code)))
        .sorted(Comparator.comparing(HistoryFilterChoices.Choice::label)).toList();
    List<String> decided = distinct(DISTINCT_TEXT, String.class, processDefinitionKey, Var.DECIDED_OUTCOME);
    List<HistoryFilterChoices.Choice> outcomes = new java.util.ArrayList<>();
    for (Outcome outcome : Outcome.values()) {
      if (decided.contains(outcome.code())) {
        outcomes.add(new HistoryFilterChoices.Choice(outcome.code(), outcome.labelJa()));
      }
    }
    decided.stream().filter(code -> Coded.fromCode(Outcome.class, code).isEmpty())
        .forEach(code -> outcomes.add(new HistoryFilterChoices.Choice(code, code)));
    return new HistoryFilterChoices(HistoryFilterChoices.STATES,
        years.stream().map(y -> new HistoryFilterChoices.Choice(String.valueOf(y), y + "年度")).toList(),
        workstreams, outcomes);
  }

  private static Object valueOf(HistoricVariableInstance variable) {
    Object value = variable.getValue();
    return value instanceof String || value instanceof Number ? value : value == null ? null : value.toString();
  }
}
