package jp.shisakuflow.progress;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.initiative.InitiativeProcesses;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The history-derived answer: what progress needs about the instances of a year, read from the engine's own history
 * tables in three queries (the instances, their variables, the runs of their phase tasks). Progress read it so until
 * the read model (progress.model); it stays as the reference the read model is rebuilt from and checked against.
 * Plain SQL selecting only the columns needed: the engine's entity mapping of whole rows cost more than everything
 * else together (BENCHMARKS.md).
 */
@Component
public class ProgressHistory {

  static final String INITIATIVE_PROCESSES = InitiativeProcesses.sqlList();
  /** The initiatives and the plan instances of the year: the plans hold the initiatives' links. */
  public static final String READ_PROCESSES = INITIATIVE_PROCESSES + ", '" + FiscalYearPlan.PROCESS_KEY + "'";

  private final ManagementService managementService;
  private final JdbcTemplate jdbc;

  public ProgressHistory(ManagementService managementService, ProcessEngine engine) {
    this.managementService = managementService;
    // The engine's own data source: inside its transactions where there are any, and its table prefix.
    this.jdbc = new JdbcTemplate(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getDataSource());
  }

  /**
   * The instances (initiatives and plans) whose business key is {@code LIKE businessKeys}; null: every instance of
   * these processes, whatever its key (a rebuild).
   */
  public List<InstanceRecord> instances(String businessKeys) {
    Object[] args = businessKeys == null ? new Object[0] : new Object[] {businessKeys};
    String keyFilter = businessKeys == null ? "" : " BUSINESS_KEY_ LIKE ? AND";
    Map<String, Object[]> instances = new java.util.LinkedHashMap<>();
    jdbc.query("SELECT ID_, BUSINESS_KEY_, END_TIME_, PROC_DEF_KEY_, TENANT_ID_, START_TIME_ FROM "
        + table(HistoricProcessInstance.class) + " WHERE" + keyFilter + " PROC_DEF_KEY_ IN (" + READ_PROCESSES + ")",
        row -> {
          instances.put(row.getString(1), new Object[] {row.getString(2), instant(row.getTimestamp(3)),
              row.getString(4), row.getString(5), instant(row.getTimestamp(6))});
        }, args);
    Map<String, Map<String, Object>> variables = new HashMap<>();
    jdbc.query("SELECT X.PROC_INST_ID_, X.NAME_, X.VAR_TYPE_, X.TEXT_, X.LONG_ FROM "
        + table(HistoricVariableInstance.class) + " X" + ofTheYear(READ_PROCESSES, keyFilter)
        + " AND X.NAME_ IN ('" + String.join("', '", ProgressService.VARIABLES) + "')", row -> {
          // Only strings and booleans are read here (see VARIABLES): text in TEXT_, booleans as 0/1 in LONG_.
          Object value = "boolean".equals(row.getString(3)) ? Long.valueOf(1).equals(row.getObject(5, Long.class))
              : row.getString(4);
          variables.computeIfAbsent(row.getString(1), k -> new HashMap<>()).put(row.getString(2), value);
        }, args);
    Map<String, List<InstanceRecord.Run>> runs = new HashMap<>();
    // The task history rather than the activity history: only user tasks are in it, a third of the rows.
    jdbc.query("SELECT X.PROC_INST_ID_, X.TASK_DEF_KEY_, X.START_TIME_, X.END_TIME_, X.ID_ FROM "
        + table(HistoricTaskInstance.class) + " X" + ofTheYear(INITIATIVE_PROCESSES, keyFilter),
        row -> {
          if (row.getString(2) != null && ProgressCalculator.isPhaseTask(row.getString(2))) {
            runs.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(new InstanceRecord.Run(
                row.getString(5), row.getString(2), instant(row.getTimestamp(3)), instant(row.getTimestamp(4))));
          }
        }, args);
    List<InstanceRecord> records = new ArrayList<>();
    instances.forEach((id, i) -> records.add(new InstanceRecord(id, (String) i[0], (String) i[2], (String) i[3],
        (Instant) i[4], (Instant) i[1], variables.getOrDefault(id, Map.of()), runs.getOrDefault(id, List.of()))));
    return records;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** Rows of the year's instances of these processes. */
  private String ofTheYear(String processes, String keyFilter) {
    return " WHERE X.PROC_INST_ID_ IN (SELECT P.PROC_INST_ID_ FROM " + table(HistoricProcessInstance.class)
        + " P WHERE" + keyFilter.replace("BUSINESS_KEY_", "P.BUSINESS_KEY_") + " P.PROC_DEF_KEY_ IN (" + processes
        + "))";
  }

  private String table(Class<?> entity) {
    return managementService.getTableName(entity);
  }
}
