package jp.shisakuflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
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
  static final String OWN_FORM_MARK = "若葉市版：";
  static final String WAKABA_STAFF = "cdWakabaStaff";
  static final String KAWASAKI_STAFF = "cdKawasakiStaff";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired CityScope cities;
  @Autowired org.camunda.bpm.engine.TaskService taskService;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;
  @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;

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

  @Test
  void aCitysOwnFormWinsForThatCitysPeopleOnTheSharedProcess() throws Exception {
    TestUsers.ensure(identityService, WAKABA_STAFF, OrganizationGroup.WAKABA_COMMUNITY, City.WAKABA);
    TestUsers.ensure(identityService, KAWASAKI_STAFF, OrganizationGroup.COMMUNITY_PROMOTION, City.KAWASAKI);
    String form = Files.readString(Path.of("processes/forms/coordinate.form"));
    String ownForm = form.replaceFirst("\"label\": \"", "\"label\": \"" + OWN_FORM_MARK);
    assertThat(ownForm).contains(OWN_FORM_MARK);
    Deployment own = repositoryService.createDeployment().name("wakaba-own-form").tenantId(City.WAKABA.tenantId())
        .addString("coordinate.form", ownForm).deploy();
    try {
      String wakabaTask = firstTask(start(City.WAKABA));
      String kawasakiTask = firstTask(start(City.KAWASAKI));
      var wakaba = http.withBasicAuth(WAKABA_STAFF, TestUsers.PASSWORD)
          .getForEntity("/engine-rest/task/{id}/deployed-form", String.class, wakabaTask);
      assertThat(wakaba.getStatusCode().value()).as(wakaba.getBody()).isEqualTo(200);
      assertThat(wakaba.getBody()).as("若葉市's own form").contains(OWN_FORM_MARK);
      var kawasaki = http.withBasicAuth(KAWASAKI_STAFF, TestUsers.PASSWORD)
          .getForEntity("/engine-rest/task/{id}/deployed-form", String.class, kawasakiTask);
      assertThat(kawasaki.getStatusCode().value()).as(kawasaki.getBody()).isEqualTo(200);
      assertThat(kawasaki.getBody()).as("the shared form for every other city").doesNotContain(OWN_FORM_MARK);
    } finally {
      repositoryService.deleteDeployment(own.getId(), true);
    }
  }

  private String firstTask(String instanceId) {
    return taskService.createTaskQuery().processInstanceId(instanceId).list().get(0).getId();
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
