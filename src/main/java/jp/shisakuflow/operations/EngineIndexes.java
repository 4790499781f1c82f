package jp.shisakuflow.operations;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes the engine's schema lacks for this product's load. Completing a task looks up its sub-tasks by
 * {@code PARENT_TASK_ID_}, which Camunda 7.24 does not index on any database: every completion scanned all
 * open tasks, and with tens of thousands of them completions slowed down in step (BENCHMARKS.md).
 * Created where the engine manages its schema; where a DBA does, docs/design.md (Tuning the figures justified) lists the statement.
 */
@Component
public class EngineIndexes {

  static final List<String> STATEMENTS = List.of(
      "CREATE INDEX IF NOT EXISTS SHISAKU_IDX_TASK_PARENT ON %sACT_RU_TASK(PARENT_TASK_ID_)");
  private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

  private final ProcessEngineConfigurationImpl configuration;

  public EngineIndexes(ProcessEngine engine) {
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  @EventListener(ApplicationStartedEvent.class)
  public void ensure() {
    if ("false".equals(configuration.getDatabaseSchemaUpdate())) {
      return;
    }
    JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
    String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    for (String statement : STATEMENTS) {
      try {
        jdbc.execute(statement.formatted(prefix));
      } catch (RuntimeException e) {
        // Another node creating it at the same moment, or no right to: the app works without, only slower.
        LOG.warn("Could not create index ({}): {}", statement.formatted(prefix), e.getMessage());
      }
    }
  }
}
