package jp.shisakuflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jp.shisakuflow.deployment.ProcessResourceDeployer;
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
    // The product's own definitions (processes/); an administrator's own deployment sets its own (SecurityMatrixTest
    // deploys one with a day, and whichever test class ran before decides whether it is there).
    var repository = engine.getRepositoryService();
    var ours = repository.createDeploymentQuery().deploymentName(ProcessResourceDeployer.DEPLOYMENT_NAME).list()
        .stream().map(org.camunda.bpm.engine.repository.Deployment::getId).toList();
    assertThat(repository.createProcessDefinitionQuery().list()).filteredOn(d -> ours.contains(d.getDeploymentId()))
        .isNotEmpty()
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
