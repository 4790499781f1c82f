package jp.shisakuflow.progress.model;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The progress read model in the engine: its history handler composed with the engine's default database one (both
 * run for every event), its per-command session, its rows deleted with their history ({@link ProgressModelDeletion}),
 * its table created where missing (H2, PostgreSQL) before the engine runs any command, and rebuilt from the history
 * once the engine is built when the table is empty while the history has instances (a new table: an upgrade) or when
 * {@code shisaku.progress-model.rebuild-at-start} asks for it.
 */
@Component
public class ProgressModelPlugin extends SpringProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressModelPlugin.class);

  private final boolean rebuildAtStart;

  public ProgressModelPlugin(@Value("${shisaku.progress-model.rebuild-at-start:false}") boolean rebuildAtStart) {
    this.rebuildAtStart = rebuildAtStart;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new ProgressHistoryHandler());
    configuration.setEnableDefaultDbHistoryEventHandler(true);
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new ProgressModelSession.Factory());
    configuration.getCustomSessionFactories().add(new ProgressModelDeletion.Factory());
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
    boolean h2 = "h2".equals(configuration.getDatabaseType());
    List<String> statements = ProgressModel.ddl(h2);
    for (String statement : statements) {
      try {
        jdbc.execute(statement);
      } catch (RuntimeException e) {
        // Another node creating it at the same moment; else no right to (docs/operations.md has the statements).
        LOG.warn("Could not create the progress read model ({}): {}", statement, e.getMessage());
      }
    }
    upgrade(jdbc, h2);
    ProgressModelDeletion.map(configuration);
  }

  /**
   * A table of an older version gets the columns added since (its rows' status intervals: computed by the first read
   * of their year, ProgressService); on H2 then the page's order index, where missing.
   */
  static void upgrade(JdbcTemplate jdbc, boolean h2) {
    try {
      java.util.Set<String> columns = new java.util.HashSet<>();
      jdbc.query("SELECT * FROM " + ProgressModel.TABLE + " WHERE 1 = 0", (java.sql.ResultSet row) -> {
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
          columns.add(row.getMetaData().getColumnName(i));
        }
        return null;
      });
      for (String statement : ProgressModel.upgrade(columns, h2)) {
        LOG.info("Upgrading the progress read model: {}", statement);
        jdbc.execute(statement);
      }
      if (h2) {
        jdbc.execute(ProgressModel.h2OrderIndex()); // where missing: after the columns it names
      }
    } catch (RuntimeException e) {
      // Another node upgrading at the same moment; else no right to (docs/operations.md has the statements).
      LOG.warn("Could not upgrade the progress read model: {}", e.getMessage());
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    try {
      // Rows an older version kept after their history was deleted (it hid them at every read).
      int deleted = ProgressModelDeletion.deleteRowsWithoutHistory(configuration);
      if (deleted > 0) {
        LOG.info("Deleted {} rows of the progress read model whose history was deleted", deleted);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not delete the progress read model's rows without history: {}", e.getMessage());
    }
    try {
      if (rebuildAtStart || ProgressModelRebuild.emptyWhileHistoryExists(engine)) {
        ProgressModelRebuild.rebuild(engine);
      }
    } catch (RuntimeException e) {
      // Another node rebuilding at the same moment: its rebuild stands.
      LOG.warn("Could not rebuild the progress read model: {}", e.getMessage());
    }
  }
}
