package jp.shisakuflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.Owners;
import jp.shisakuflow.initiative.WardScope;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The coordination's ward choice over the engine's REST door, as Tasklist sends it: checked, and kept only when valid. */
@ApiTest
class WardChoiceOverHttpTest {

  static final int YEAR = 2054;

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void aWardMayNotChangeTheWardsThePlanGaveItsItem() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    String instance = start("http-wards-listed", "wardTakatsu",
        new WardScope(WardScope.Mode.LISTED, List.of("wardTakatsu")));
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

    for (String door : List.of("complete", "submit-form")) {
      ResponseEntity<String> refused = post("takatsu", task, door, "[\"wardTakatsu\",\"wardTama\"]");
      assertThat(refused.getStatusCode().value()).as(door).isEqualTo(400);
      assertThat(refused.getBody()).as(door).contains(Var.WARDS, "計画で決まっている");
    }
    assertThat(runtimeService.getVariable(instance, Var.WARDS)).as("nothing changed").isEqualTo("wardTakatsu");
    assertThat(taskService.createTaskQuery().taskId(task).count()).as("the task stays open").isEqualTo(1);
  }

  @Test
  void theLeadChoosesAtLeastOneWardAndTheChoiceIsKept() {
    TestUsers.ensure(identityService, "promotion", OrganizationGroup.COMMUNITY_PROMOTION);
    String instance = start("http-wards-decided", OrganizationGroup.COMMUNITY_PROMOTION.id(),
        new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of()));
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

    ResponseEntity<String> none = post("promotion", task, "complete", "[]");
    assertThat(none.getStatusCode().value()).isEqualTo(400);
    assertThat(none.getBody()).contains("実施する区を一つ以上選んでください");

    assertThat(post("promotion", task, "complete", "[\"wardTama\"]").getStatusCode().value()).isEqualTo(204);
    assertThat(runtimeService.getVariable(instance, Var.WARDS)).isEqualTo("wardTama");
  }

  private String start(String id, String lead, WardScope wards) {
    return initiatives.startIfAbsent(new InitiativeStart(id, "実施区のHTTPテスト " + id, "other", Owners.led(lead), wards,
        YEAR, List.of(), Outcome.CONTINUE, Outcome.CONTINUE.labelJa(), null, null)).orElseThrow();
  }

  /** Completes the coordination with the checklist as Tasklist sends it (JSON text) and the form's required fields. */
  private ResponseEntity<String> post(String user, String task, String door, String wards) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    Map<String, Object> variables = Map.of(
        "coordinationPartners", Map.of("value", "関係課"),
        "coordinationContent", Map.of("value", "実施区を調整した"),
        Var.WARDS, Map.of("value", wards));
    return http.withBasicAuth(user, TestUsers.PASSWORD).postForEntity("/engine-rest/task/{id}/" + door,
        new HttpEntity<>(Map.of("variables", variables), headers), String.class, task);
  }
}
