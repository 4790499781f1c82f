package jp.shisakuflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jp.shisakuflow.support.ApiTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The record is kept: full history, ten years on every definition, cleanup off-hours, every change logged. */
@ApiTest
class RetentionTest {

  @Autowired ProcessEngine engine;

  @Test
  void everyDefinitionKeepsItsHistoryForTenYears() {
    var repository = engine.getRepositoryService();
    assertThat(repository.createProcessDefinitionQuery().list()).isNotEmpty()
        .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isEqualTo(3650));
    assertThat(repository.createDecisionDefinitionQuery().list()).isNotEmpty()
        .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isEqualTo(3650));
  }

  @Test
  void historyIsFullCleanedUpOffHoursAndEveryChangeIsLogged() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistory()).isEqualTo("full");
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");
    assertThat(configuration.isRestrictUserOperationLogToAuthenticatedUsers()).isFalse();
  }
}
