package jp.shisakuflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Two ward officers complete the same task: one succeeds, the other is told of the conflict (409). */
@ApiTest
class TaskConflictTest {

  static final int YEAR = 2044;
  static final int ROUNDS = 20;

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;

  @Test
  void twoClientsCompletingOneTaskAtOnceGetOneSuccessAndOneConflict() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "takatsu2", OrganizationGroup.WARD_TAKATSU);
    int[] round = {0};
    CompletionRace.expectOneWinnerPerRound(ROUNDS, () -> openTask("conflict-" + round[0]++), (user, task) -> {
      ResponseEntity<String> response = complete(user, task);
      return new CompletionRace.Answer(response.getStatusCode().value(), response.getBody());
    }, "takatsu", "takatsu2");
  }

  @Test
  void completingAnAlreadyCompletedTaskIsAConflictNamingTheTask() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    String task = openTask("conflict-late");
    assertThat(complete("takatsu", task).getStatusCode().value()).isEqualTo(204);
    ResponseEntity<String> again = complete("takatsu", task);
    assertThat(again.getStatusCode().value()).isEqualTo(409);
    assertThat(again.getBody()).contains("既に完了", task);
  }

  @Test
  void completingATaskThatNeverExistedIsNotCalledAConflict() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    assertThat(complete("takatsu", "no-such-task").getStatusCode().value()).isNotEqualTo(409);
  }

  private String openTask(String id) {
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned(id, "同時完了テスト " + id, "other",
        "wardTakatsu", YEAR)).orElseThrow();
    return taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
  }

  private ResponseEntity<String> complete(String user, String task) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, TestUsers.PASSWORD).postForEntity("/engine-rest/task/{id}/complete",
        new HttpEntity<>(Map.of("variables", Map.of("coordinationPartners", Map.of("value", "高津区 地域振興課"))),
            headers), String.class, task);
  }
}
