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
    }
  }
}
