package jp.shisakuflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.VerificationRating;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** GET /api/tasks/next: what happens after 完了, for those who may read the instance, in Japanese. */
@ApiTest
class NextStepApiTest {

  static final int YEAR = 2061;
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;

  @BeforeEach
  void users() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "tama", OrganizationGroup.WARD_TAMA);
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
  }

  @Test
  void afterCoordinationTheNextStepIsTheModelImplementationOfTheWard() throws Exception {
    String instance = start("next-step-model");
    complete(instance, Map.of("coordinationPartners", "高津区役所 地域振興課"));

    JsonNode next = ok("takatsu", instance);

    assertThat(next.get("finished").asBoolean()).isFalse();
    assertThat(next.get("text").asText()).isEqualTo("次は「モデル実施」（高津区役所）です");
    assertThat(next.get("tasks")).hasSize(1);
    assertThat(next.get("tasks").get(0).get("name").asText()).isEqualTo("モデル実施");
    assertThat(next.get("tasks").get(0).get("candidateNames").get(0).asText())
        .isEqualTo(OrganizationGroup.WARD_TAKATSU.nameJa());
  }

  @Test
  void aClaimedTaskNamesThePersonWhoHasIt() throws Exception {
    String instance = start("next-step-claimed");
    taskService.claim(task(instance), "takatsu");

    assertThat(ok("takatsu", instance).get("text").asText()).isEqualTo("次は「調整」（担当: テスト takatsu）です");
  }

  @Test
  void anEndedInitiativeSaysSoAndHowItEnded() throws Exception {
    String instance = start("next-step-ended");
    complete(instance, Map.of("coordinationPartners", "高津区役所 地域振興課"));
    complete(instance, Map.of());
    complete(instance, Map.of(Var.VERIFICATION_RATING, VerificationRating.GOOD.code(), Var.ACHIEVEMENT_RATE, 90));
    complete(instance, Map.of(Var.DECIDED_OUTCOME, Outcome.NONE.code(), Var.DECISION_REASON, "単年度の取組のため"));
    assertThat(taskService.createTaskQuery().processInstanceId(instance).count()).isZero();

    JsonNode next = ok("takatsu", instance);

    assertThat(next.get("finished").asBoolean()).isTrue();
    assertThat(next.get("text").asText()).isEqualTo("この取組は完了しました（次年度の予定なし）");
    assertThat(next.get("tasks")).isEmpty();
  }

  @Test
  void anotherWardMayNotReadItAndGetsAJapanese403() throws Exception {
    String instance = start("next-step-other-ward");

    ResponseEntity<String> response = get("tama", instance);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(response.getBody());
    assertThat(problem.get("title").asText()).isEqualTo("権限がありません");
    assertThat(problem.get("detail").asText()).startsWith("このプロセスインスタンスを見る権限がありません");
    assertThat(response.getBody()).doesNotContain("モデル実施", "調整");
  }

  @Test
  void anUnknownInstanceIsAJapanese404() throws Exception {
    ResponseEntity<String> response = get("takatsu", "no-such-instance");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    JsonNode problem = JSON.readTree(response.getBody());
    assertThat(problem.get("title").asText()).isEqualTo("見つかりません");
    assertThat(problem.get("detail").asText()).contains("no-such-instance", "ありません");
  }

  private String start(String id) {
    return initiatives.startIfAbsent(InitiativeStart.unplanned(id + "-" + System.nanoTime(), "次の段階の確認 " + id,
        "other", OrganizationGroup.WARD_TAKATSU.id(), YEAR)).orElseThrow();
  }

  private String task(String instance) {
    return taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
  }

  private void complete(String instance, Map<String, Object> variables) {
    taskService.complete(task(instance), variables);
  }

  private JsonNode ok(String user, String instance) throws Exception {
    ResponseEntity<String> response = get(user, instance);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return JSON.readTree(response.getBody());
  }

  private ResponseEntity<String> get(String user, String instance) {
    return http.withBasicAuth(user, TestUsers.PASSWORD).getForEntity(NextStepController.PATH + "?processInstanceId={id}",
        String.class, instance);
  }
}
