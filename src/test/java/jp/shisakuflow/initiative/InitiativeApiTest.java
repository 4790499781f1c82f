package jp.shisakuflow.initiative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code POST /api/initiatives} through the real HTTP stack. */
@ApiTest
class InitiativeApiTest {

  static final int YEAR = 2047;

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired AuthorizationService authorizationService;
  @Autowired HistoryService historyService;

  @BeforeEach
  void users() {
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
  }

  @Test
  void aManagerStartsAnInitiativeOnceAndARetryAnswersTheSameInstance() {
    String body = """
        {"initiativeId":"api-start","title":"商店街との連携モデル","workstream":"other","ownerGroup":"wardTakatsu",
         "fiscalYear":%d,"phases":[{"stage":"coordinate","start":"%d-04-01","end":"%d-06-30"},
                                   {"stage":"verify","start":"%d-07-01","end":"%d-12-31"}]}
        """.formatted(YEAR, YEAR, YEAR, YEAR, YEAR);

    ResponseEntity<Map> first = post("manager", body);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(first.getBody()).containsEntry("businessKey", "FY" + YEAR + "-api-start").containsEntry("created", true);
    String instance = (String) first.getBody().get("processInstanceId");
    assertThat(taskService.createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey())
        .isEqualTo(InitiativeLifecycle.Element.TASK_COORDINATE);

    assertThat(authorizationService.createAuthorizationQuery().resourceId(instance).groupIdIn("wardTakatsu").count())
        .as("the owner group reads its initiative, running and in the history").isEqualTo(2);
    assertThat(historyService.createUserOperationLogQuery().processInstanceId(instance).list())
        .as("the start is in the audit log under the manager's name").singleElement()
        .satisfies(entry -> assertThat(entry.getUserId()).isEqualTo("manager"));
    assertThat(historyService.createUserOperationLogQuery().entityType(EntityTypes.AUTHORIZATION).list())
        .as("the grants that follow from it are not separate entries")
        .noneMatch(entry -> instance.equals(entry.getNewValue()));

    ResponseEntity<Map> again = post("manager", body);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody()).containsEntry("processInstanceId", instance).containsEntry("created", false);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("FY" + YEAR + "-api-start")
        .count()).isEqualTo(1);
  }

  @Test
  void aBadRequestNamesEveryProblemAndStartsNothing() {
    String body = """
        {"initiativeId":"Bad Id","title":"","workstream":"other","ownerGroup":"wardTakatsu","fiscalYear":%d,
         "plannedOutcome":"forever",
         "phases":[{"stage":"coordinate","start":"%d-06-30","end":"%d-04-01"},{"stage":"celebrate","start":"%d-04-01","end":"%d-05-01"}]}
        """.formatted(YEAR, YEAR, YEAR, YEAR, YEAR);

    ResponseEntity<Map> response = post("manager", body);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("detail").toString())
        .contains("initiativeId", "title", "phases[0]: end", "phases[1].stage", "celebrate", "plannedOutcome", "forever");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike("FY" + YEAR + "-%")
        .list()).extracting("businessKey").doesNotContain("FY" + YEAR + "-Bad Id");
  }

  @Test
  void anUnknownOwnerGroupIsRefused() {
    ResponseEntity<Map> response = post("manager", """
        {"initiativeId":"no-owner","title":"x","workstream":"other","ownerGroup":"wardAtlantis","fiscalYear":%d}
        """.formatted(YEAR));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("detail").toString()).contains("wardAtlantis");
  }

  @Test
  void wardStaffMayNotStartInitiatives() {
    assertThat(post("takatsu", """
        {"initiativeId":"staff-start","title":"x","workstream":"other","ownerGroup":"wardTakatsu","fiscalYear":%d}
        """.formatted(YEAR)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("FY" + YEAR + "-staff-start")
        .count()).isZero();
  }

  private ResponseEntity<Map> post(String user, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, TestUsers.PASSWORD)
        .postForEntity("/api/initiatives", new HttpEntity<>(json, headers), Map.class);
  }

}
