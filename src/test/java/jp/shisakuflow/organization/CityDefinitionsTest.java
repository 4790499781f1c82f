package jp.shisakuflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.support.ApiTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A city's own version of a definition wins for that city only; every other city keeps the shared one. */
@ApiTest
class CityDefinitionsTest {

  static final int YEAR = 2059;
  static final String OWN_NAME = "施策ライフサイクル（若葉市版）";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired CityScope cities;

  @Test
  void aCitysOwnVersionWinsForThatCityOnly() throws Exception {
    String bpmn = Files.readString(Path.of(InitiativeLifecycle.RESOURCE))
        .replaceFirst("(<bpmn:process id=\"" + InitiativeLifecycle.PROCESS_KEY + "\" name=\")[^\"]*\"",
            "$1" + OWN_NAME + "\"");
    assertThat(bpmn).contains(OWN_NAME);
    Deployment own = repositoryService.createDeployment().name("wakaba-own-lifecycle").tenantId(City.WAKABA.tenantId())
        .addString("initiative-lifecycle.bpmn", bpmn).deploy();
    try {
      ProcessDefinition wakaba = definitionOf(start(City.WAKABA));
      ProcessDefinition kawasaki = definitionOf(start(City.KAWASAKI));
      assertThat(wakaba.getTenantId()).isEqualTo(City.WAKABA.tenantId());
      assertThat(wakaba.getName()).isEqualTo(OWN_NAME);
      assertThat(kawasaki.getTenantId()).as("the shared version for every other city").isNull();
      assertThat(kawasaki.getName()).isNotEqualTo(OWN_NAME);
    } finally {
      repositoryService.deleteDeployment(own.getId(), true);
    }
    assertThat(definitionOf(start(City.WAKABA)).getTenantId()).as("without its own: the shared one again").isNull();
  }

  private String start(City city) {
    InitiativeStart start = InitiativeStart.unplanned("own-" + city.tenantId() + "-" + System.nanoTime(), "版の確認",
        "other", city == City.WAKABA ? OrganizationGroup.WAKABA_COMMUNITY.id()
            : OrganizationGroup.COMMUNITY_PROMOTION.id(), YEAR);
    return cities.call(city.tenantId(), () -> initiatives.startIfAbsent(start)).orElseThrow();
  }

  private ProcessDefinition definitionOf(String instanceId) {
    String definitionId = runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).singleResult()
        .getProcessDefinitionId();
    return repositoryService.getProcessDefinition(definitionId);
  }
}
