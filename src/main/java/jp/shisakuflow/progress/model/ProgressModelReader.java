package jp.shisakuflow.progress.model;

import java.util.ArrayList;
import java.util.List;
import jp.shisakuflow.progress.InstanceRecord;
import jp.shisakuflow.progress.ProgressService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The instances of a year from the read model, in one query touching one row per instance of the year (by its year's
 * index) and the engine's history row of each by its primary key: an instance whose history was deleted (by hand, or
 * by the history cleanup) is not shown, whether or not its row was removed yet.
 */
@Component
public class ProgressModelReader implements ProgressService.ProgressSource {

  private final JdbcTemplate jdbc;
  private final String select;

  public ProgressModelReader(ProcessEngine engine, ManagementService managementService) {
    this.jdbc = new JdbcTemplate(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getDataSource());
    this.select = "SELECT R." + ProgressModel.ID + ", R." + ProgressModel.BUSINESS_KEY + ", R."
        + ProgressModel.PROCESS_KEY + ", R." + ProgressModel.TENANT_ID + ", R." + ProgressModel.START_TIME + ", R."
        + ProgressModel.END_TIME + ", R." + ProgressModel.RUNS
        + ProgressModel.VARIABLE_COLUMNS.values().stream().map(c -> ", R." + c).reduce("", String::concat)
        + " FROM " + ProgressModel.TABLE + " R JOIN " + managementService.getTableName(HistoricProcessInstance.class)
        + " P ON P.ID_ = R." + ProgressModel.ID + " WHERE R." + ProgressModel.FISCAL_YEAR + " = ?";
  }

  @Override
  public List<InstanceRecord> instances(int fiscalYear) {
    List<InstanceRecord> records = new ArrayList<>();
    jdbc.query(select, row -> {
      records.add(new InstanceRecord(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
          instant(row.getTimestamp(5)), instant(row.getTimestamp(6)), ProgressModel.variables(row),
          ProgressModel.runs(row.getString(7))));
    }, fiscalYear);
    return records;
  }

  private static java.time.Instant instant(java.sql.Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
