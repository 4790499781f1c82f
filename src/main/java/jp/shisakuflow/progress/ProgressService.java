package jp.shisakuflow.progress;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.BusinessKey;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeProcesses;
import jp.shisakuflow.initiative.PhasePlanCodec;
import jp.shisakuflow.progress.ProgressCalculator.Snapshot;
import jp.shisakuflow.progress.ProgressCalculator.TaskRun;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Plan against actual for a whole fiscal year in three queries, whatever the number of initiatives:
 * the instances, the variables that describe them, and the runs of their user tasks. Plain SQL on the
 * engine's history tables selecting only the columns needed: the engine's entity mapping of whole rows
 * cost more than everything else together (BENCHMARKS.md).
 */
@Service
public class ProgressService {

  static final List<String> VARIABLES = List.of(Var.INITIATIVE_ID, Var.TITLE, Var.WORKSTREAM, Var.OWNER_GROUP,
      Var.PHASE_PLAN, Var.DELAYED);
  static final String INITIATIVE_PROCESSES = InitiativeProcesses.sqlList();

  private final ManagementService managementService;
  private final JdbcTemplate jdbc;

  public ProgressService(ManagementService managementService, ProcessEngine engine) {
    this.managementService = managementService;
    // The engine's own data source: inside its transactions where there are any, and its table prefix.
    this.jdbc = new JdbcTemplate(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getDataSource());
  }

  public ProgressReport report(int fiscalYear, LocalDate asOf) {
    String businessKeys = BusinessKey.likeInYear(fiscalYear);
    // A semi-join on the instance id, which both tables index; a plain join made H2 scan (BENCHMARKS.md).
    String ofTheYear = " WHERE X.PROC_INST_ID_ IN (SELECT P.PROC_INST_ID_ FROM " + table(HistoricProcessInstance.class)
        + " P WHERE P.BUSINESS_KEY_ LIKE ? AND P.PROC_DEF_KEY_ IN (" + INITIATIVE_PROCESSES + "))";
    List<Instance> instances = jdbc.query("SELECT ID_, BUSINESS_KEY_, END_TIME_ FROM "
        + table(HistoricProcessInstance.class) + " WHERE BUSINESS_KEY_ LIKE ? AND PROC_DEF_KEY_ IN ("
        + INITIATIVE_PROCESSES + ")", (row, n) -> new Instance(row.getString(1), row.getString(2),
        instant(row.getTimestamp(3))), businessKeys);
    Map<String, Map<String, Object>> variables = new HashMap<>();
    jdbc.query("SELECT X.PROC_INST_ID_, X.NAME_, X.VAR_TYPE_, X.TEXT_, X.LONG_ FROM " + table(HistoricVariableInstance.class)
        + " X" + ofTheYear + " AND X.NAME_ IN ('" + String.join("', '", VARIABLES) + "')", row -> {
          // Only strings and booleans are read here (see VARIABLES): text in TEXT_, booleans as 0/1 in LONG_.
          Object value = "boolean".equals(row.getString(3)) ? Long.valueOf(1).equals(row.getObject(5, Long.class))
              : row.getString(4);
          variables.computeIfAbsent(row.getString(1), k -> new HashMap<>()).put(row.getString(2), value);
        }, businessKeys);
    Map<String, List<TaskRun>> runs = new HashMap<>();
    // The task history rather than the activity history: only user tasks are in it, a third of the rows.
    jdbc.query("SELECT X.PROC_INST_ID_, X.TASK_DEF_KEY_, X.START_TIME_, X.END_TIME_ FROM "
        + table(HistoricTaskInstance.class) + " X" + ofTheYear,
        row -> {
          runs.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(new TaskRun(row.getString(2),
              instant(row.getTimestamp(3)), instant(row.getTimestamp(4))));
        }, businessKeys);

    List<InitiativeProgress> progress = instances.stream()
        .map(i -> snapshot(i, variables.getOrDefault(i.id(), Map.of()), runs.getOrDefault(i.id(), List.of())))
        .map(s -> ProgressCalculator.progress(s, asOf))
        .sorted(java.util.Comparator.comparing(InitiativeProgress::workstream)
            .thenComparing(InitiativeProgress::initiativeId))
        .toList();
    return new ProgressReport(fiscalYear, asOf, progress,
        ProgressCalculator.summarize(progress, InitiativeProgress::workstream),
        ProgressCalculator.summarize(progress, InitiativeProgress::ownerGroup));
  }

  /** One initiative's instance: the columns progress needs, no more. */
  private record Instance(String id, String businessKey, Instant ended) {}

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Snapshot snapshot(Instance instance, Map<String, Object> vars, List<TaskRun> runs) {
    return new Snapshot(instance.businessKey(), instance.id(), InitiativeLifecycle.Typed.INITIATIVE_ID.from(vars),
        InitiativeLifecycle.Typed.TITLE.from(vars), InitiativeLifecycle.Typed.WORKSTREAM.from(vars),
        InitiativeLifecycle.Typed.OWNER_GROUP.from(vars),
        PhasePlanCodec.read(vars.get(Var.PHASE_PLAN)),
        instance.ended(), Boolean.TRUE.equals(vars.get(Var.DELAYED)), runs);
  }

  private String table(Class<?> entity) {
    return managementService.getTableName(entity);
  }
}
