package jp.shisakuflow.progress.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.progress.InstanceRecord;
import jp.shisakuflow.progress.ProgressHistory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read model rebuilt from the engine's history, in one transaction: every row deleted, then one row per instance
 * of the initiatives' and plans' processes that the history holds, as {@link ProgressHistory} (the reference) reads
 * it. Rows of deleted or cleaned-up history go with it.
 */
public final class ProgressModelRebuild {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressModelRebuild.class);

  private ProgressModelRebuild() {}

  /** Rebuilds the model; the number of instances it now holds. */
  public static int rebuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    ProgressHistory history = new ProgressHistory(engine.getManagementService(), engine);
    long started = System.nanoTime();
    int rows = configuration.getCommandExecutorTxRequired().execute(context -> {
      JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
      jdbc.update("DELETE FROM " + ProgressModel.TABLE);
      List<InstanceRecord> instances = history.instances(null);
      List<String> columns = new ArrayList<>(List.of(ProgressModel.ID, ProgressModel.PROCESS_KEY,
          ProgressModel.BUSINESS_KEY, ProgressModel.FISCAL_YEAR, ProgressModel.TENANT_ID, ProgressModel.START_TIME,
          ProgressModel.END_TIME, ProgressModel.RUNS));
      columns.addAll(ProgressModel.VARIABLE_COLUMNS.values());
      columns.add(ProgressModel.VERSION);
      columns.add(ProgressModel.STATUS_VERSION);
      columns.addAll(ProgressModel.STATUS_COLUMNS);
      List<Object[]> values = instances.stream().map(ProgressModelRebuild::row).toList();
      jdbc.batchUpdate("INSERT INTO " + ProgressModel.TABLE + " (" + String.join(", ", columns) + ") VALUES ("
          + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")", values);
      return instances.size();
    });
    LOG.info("Progress read model rebuilt from the history: {} instances in {} ms", rows,
        (System.nanoTime() - started) / 1_000_000);
    return rows;
  }

  /** Whether the model is empty while the history has instances it should hold (new table, an upgrade). */
  static boolean emptyWhileHistoryExists(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
    return jdbc.queryForList("SELECT " + ProgressModel.ID + " FROM " + ProgressModel.TABLE + " LIMIT 1").isEmpty()
        && !jdbc.queryForList("SELECT ID_ FROM " + engine.getManagementService().getTableName(
            HistoricProcessInstance.class) + " WHERE PROC_DEF_KEY_ IN (" + ProgressHistory.READ_PROCESSES
            + ") LIMIT 1").isEmpty();
  }

  private static Object[] row(InstanceRecord instance) {
    StringBuilder runs = new StringBuilder();
    instance.runs().forEach(run -> {
      runs.append(ProgressModel.opened(run.taskId(), run.taskKey(), date(run.start())));
      if (run.end() != null) {
        runs.append(ProgressModel.ended(run.taskId(), date(run.end())));
      }
    });
    List<Object> row = new ArrayList<>(List.of(instance.id()));
    row.add(instance.processKey());
    row.add(instance.businessKey());
    row.add(ProgressModel.fiscalYearOf(instance.businessKey()));
    row.add(instance.tenantId());
    row.add(ProgressModel.timestamp(instance.started()));
    row.add(ProgressModel.timestamp(instance.ended()));
    row.add(runs.toString());
    Map<String, Object> variables = instance.variables();
    ProgressModel.VARIABLE_COLUMNS.keySet().forEach(name -> row.add(variables.containsKey(name)
        ? ProgressModel.columnValue(name, variables.get(name)) : null));
    row.add(0);
    // The status intervals from the row as written (not from the history's typed values: the same as a live write).
    InstanceRecord written = new InstanceRecord(instance.id(), instance.businessKey(), instance.processKey(),
        instance.tenantId(), instance.started(), instance.ended(), writtenVariables(variables), instance.runs());
    row.addAll(ProgressModel.statusColumns(written, 0).values());
    return row.toArray();
  }

  private static Map<String, Object> writtenVariables(Map<String, Object> variables) {
    Map<String, Object> written = new java.util.HashMap<>();
    variables.forEach((name, value) -> {
      Object column = ProgressModel.columnValue(name, value);
      if (column != null) {
        written.put(name, column);
      }
    });
    return written;
  }

  private static java.util.Date date(java.time.Instant instant) {
    return instant == null ? null : java.util.Date.from(instant);
  }
}
