package jp.shisakuflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.shisakuflow.initiative.InitiativeLifecycle;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import jp.shisakuflow.ProcessTestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProcessResourceDeployerTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessTestEngine.plain();

  private ProcessEngine engine;
  private RepositoryService repository;

  @BeforeEach
  void setUp() {
    engine = extension.getProcessEngine();
    repository = engine.getRepositoryService();
  }

  @AfterEach
  void removeDeployments() {
    repository.createDeploymentQuery().deploymentName(ProcessResourceDeployer.DEPLOYMENT_NAME).list()
        .forEach(d -> repository.deleteDeployment(d.getId(), true));
  }

  @Test
  void deploysEveryProcessFileUnderItsNameInsideProcesses() {
    deploy("classpath*:processes/");

    var deployment = repository.createDeploymentQuery().deploymentName(ProcessResourceDeployer.DEPLOYMENT_NAME)
        .singleResult();
    assertThat(repository.getDeploymentResources(deployment.getId())).extracting(Resource::getName)
        .contains("initiative-lifecycle.bpmn", "continuation-decision.dmn");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(InitiativeLifecycle.PROCESS_KEY)
        .singleResult().getName()).isEqualTo("施策ライフサイクル");
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(InitiativeLifecycle.DECISION_KEY)
        .count()).isEqualTo(1);
  }

  @Test
  void unchangedFilesAreNotDeployedAgain() {
    deploy("classpath*:processes/");
    deploy("classpath*:processes/");

    assertThat(repository.createDeploymentQuery().deploymentName(ProcessResourceDeployer.DEPLOYMENT_NAME).count())
        .isEqualTo(1);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(InitiativeLifecycle.PROCESS_KEY)
        .count()).isEqualTo(1);
  }

  @Test
  void malformedBpmnIsRefusedWithItsFileName() {
    assertThatThrownBy(() -> deploy("classpath*:invalid-processes/malformed-bpmn/"))
        .isInstanceOfSatisfying(ProcessDeploymentException.class, e -> assertThat(e.problems())
            .singleElement().asString().startsWith("broken-xml.bpmn: "));
    assertNothingDeployed();
  }

  @Test
  void bpmnTheEngineCannotRunIsRefusedWithFileLineAndElement() {
    assertThatThrownBy(() -> deploy("classpath*:invalid-processes/invalid-bpmn/"))
        .isInstanceOfSatisfying(ProcessDeploymentException.class, e -> assertThat(e.problems())
            .singleElement().asString()
            .startsWith("missing-implementation.bpmn (line ")
            .contains("element Task_WithoutImplementation"));
    assertNothingDeployed();
  }

  @Test
  void malformedDmnIsRefusedWithItsFileName() {
    assertThatThrownBy(() -> deploy("classpath*:invalid-processes/malformed-dmn/"))
        .isInstanceOfSatisfying(ProcessDeploymentException.class, e -> assertThat(e.problems())
            .singleElement().asString().startsWith("broken.dmn: ").contains("NOT_A_HIT_POLICY"));
    assertNothingDeployed();
  }

  @Test
  void aFolderWithoutProcessFilesIsRefused() {
    assertThatThrownBy(() -> deploy("classpath*:invalid-processes/empty/"))
        .isInstanceOf(ProcessDeploymentException.class)
        .hasMessageContaining("no .bpmn, .dmn or .form file found at classpath*:invalid-processes/empty/");
  }

  private void deploy(String location) {
    new ProcessResourceDeployer(location).postProcessEngineBuild(engine);
  }

  private void assertNothingDeployed() {
    assertThat(repository.createDeploymentQuery().deploymentName(ProcessResourceDeployer.DEPLOYMENT_NAME).count())
        .isZero();
  }
}
