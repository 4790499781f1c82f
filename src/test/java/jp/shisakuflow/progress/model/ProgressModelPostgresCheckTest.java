package jp.shisakuflow.progress.model;

import static org.assertj.core.api.Assertions.assertThat;

import jp.shisakuflow.ShisakuFlowApplication;
import jp.shisakuflow.support.LocalPostgres;
import jp.shisakuflow.support.OwnApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link ProgressModelCheck} on PostgreSQL: the app on the {@code postgres} profile against a real PostgreSQL on
 * loopback (its own application, run when named). The seed is logged; rerun one with {@code -Dprogress.check.seed=}.
 */
@Tag(OwnApplication.TAG)
class ProgressModelPostgresCheckTest {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressModelPostgresCheckTest.class);

  @Test
  void theReadModelAnswersAsTheHistoryDoesOnPostgres() throws Exception {
    try (LocalPostgres postgres = LocalPostgres.start();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ShisakuFlowApplication.class)
            .profiles("test", "postgres").run("--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=postgres", "--spring.datasource.password=")) {
      assertThat(((ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class).getProcessEngineConfiguration())
          .getDatabaseType()).isEqualTo("postgres");
      long seed = Long.getLong("progress.check.seed", System.nanoTime());
      LOG.info("on PostgreSQL");
      new ProgressModelCheck(app).run(seed);
      assertThat(pagePlan(app)).as("a page can walk the order index instead of sorting the year")
          .containsIgnoringCase(ProgressModel.ORDER_INDEX).doesNotContain("Sort");
    }
  }

  /**
   * PostgreSQL's plan for a page with sorting and whole-table scans priced out: the order index serves the page only if
   * its expressions are the statement's ORDER BY, collation included (the check's few rows would not show it otherwise).
   */
  private static String pagePlan(ConfigurableApplicationContext app) throws java.sql.SQLException {
    javax.sql.DataSource dataSource = ((ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
        .getProcessEngineConfiguration()).getDataSource();
    try (java.sql.Connection connection = dataSource.getConnection();
        java.sql.Statement settings = connection.createStatement()) {
      settings.execute("SET enable_sort = off");
      settings.execute("SET enable_seqscan = off");
      try (java.sql.PreparedStatement explain = connection.prepareStatement(
          "EXPLAIN " + app.getBean(ProgressModelReader.class).pageStatement())) {
        explain.setInt(1, ProgressModelCheck.YEAR);
        explain.setInt(2, 50);
        explain.setInt(3, 0);
        StringBuilder plan = new StringBuilder();
        try (java.sql.ResultSet lines = explain.executeQuery()) {
          while (lines.next()) {
            plan.append(lines.getString(1)).append('\n');
          }
        }
        return plan.toString();
      } finally {
        settings.execute("RESET enable_sort");
        settings.execute("RESET enable_seqscan");
      }
    }
  }
}
