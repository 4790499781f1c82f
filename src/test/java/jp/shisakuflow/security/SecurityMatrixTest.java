package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.shisakuflow.fiscalyear.StandalonePlanServices;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Every role against every operation, through the real HTTP stack. The ward initiative belongs to
 * 高津区役所 ({@code wardTakatsu}); "other ward" is 川崎区役所 staff.
 */
@ApiTest
class SecurityMatrixTest {

  static final ObjectMapper JSON = new ObjectMapper();

  enum Role {
    ANONYMOUS(null), WARD_STAFF("takatsu"), OTHER_WARD_STAFF("kawasaki"), COMMUNITY_PROMOTION("community"),
    MANAGER("manager"), AUDITOR("auditor"), ADMIN("admin");

    final String user;

    Role(String user) {
      this.user = user;
    }
  }

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @LocalServerPort int port;
  @Value("${shisaku.admin.password}") String adminPassword;

  private String instanceId;
  private String taskId;

  @BeforeEach
  void wardInitiative() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "takatsu2", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "kawasaki", OrganizationGroup.WARD_KAWASAKI);
    TestUsers.ensure(identityService, "community", OrganizationGroup.COMMUNITY_PROMOTION);
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
    instanceId = initiatives.startIfAbsent(InitiativeStart.unplanned("sec-" + System.nanoTime(), "権限テストの施策",
        "social-design-center", OrganizationGroup.WARD_TAKATSU.id(), 2030)).orElseThrow();
    taskId = taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId();
  }

  static Stream<Arguments> reads() {
    // role, tasks of the ward initiative the role sees, variables, history (404: the engine does not
    // even say that an instance the caller may not read exists)
    return Stream.of(
        Arguments.of(Role.ANONYMOUS, "401", 401, 401),
        Arguments.of(Role.WARD_STAFF, "1", 200, 200),
        Arguments.of(Role.OTHER_WARD_STAFF, "0", 403, 404),
        Arguments.of(Role.COMMUNITY_PROMOTION, "0", 403, 404),
        Arguments.of(Role.MANAGER, "1", 200, 200),
        Arguments.of(Role.AUDITOR, "1", 200, 200),
        Arguments.of(Role.ADMIN, "1", 200, 200));
  }

  @ParameterizedTest(name = "{0}: tasks {1}, variables {2}, history {3}")
  @MethodSource("reads")
  void eachRoleReadsWhatItMay(Role role, String tasks, int variables, int history) throws Exception {
    var taskList = as(role).getForEntity("/engine-rest/task?processInstanceId={id}&maxResults=50", String.class,
        instanceId);
    assertThat(taskList.getStatusCode().value() == 401 ? "401"
        : String.valueOf(JSON.readTree(taskList.getBody()).size()))
        .as("tasks: " + taskList.getBody()).isEqualTo(tasks);
    assertThat(as(role).getForEntity("/engine-rest/process-instance/{id}/variables", String.class, instanceId)
        .getStatusCode().value()).as("variables").isEqualTo(variables);
    assertThat(as(role).getForEntity("/engine-rest/history/process-instance/{id}", String.class, instanceId)
        .getStatusCode().value()).as("history").isEqualTo(history);
  }

  static Stream<Arguments> writes() {
    // role, claim, complete, start an instance, delete an instance, deploy, create a user, change an authorization
    return Stream.of(
        Arguments.of(Role.ANONYMOUS, 401, 401, 401, 401, 401, 401, 401),
        Arguments.of(Role.WARD_STAFF, 204, 204, 403, 403, 403, 403, 403),
        Arguments.of(Role.OTHER_WARD_STAFF, 403, 403, 403, 403, 403, 403, 403),
        Arguments.of(Role.COMMUNITY_PROMOTION, 403, 403, 403, 403, 403, 403, 403),
        Arguments.of(Role.MANAGER, 204, 204, 403, 403, 403, 403, 403),
        Arguments.of(Role.AUDITOR, 403, 403, 403, 403, 403, 403, 403),
        Arguments.of(Role.ADMIN, 204, 204, 200, 204, 200, 204, 200));
  }

  @ParameterizedTest(name = "{0}: claim {1}, complete {2}, start {3}, delete {4}, deploy {5}, user {6}, auth {7}")
  @MethodSource("writes")
  void eachRoleChangesOnlyWhatItMay(Role role, int claim, int complete, int start, int delete, int deploy,
      int createUser, int authorize) {
    var client = as(role);
    String user = role.user == null ? "nobody" : role.user;
    assertThat(client.postForEntity("/engine-rest/task/{id}/claim", json(Map.of("userId", user)), String.class,
        taskId).getStatusCode().value()).as("claim").isEqualTo(claim);
    assertThat(client.postForEntity("/engine-rest/task/{id}/complete", json(Map.of("variables", Map.of())),
        String.class, taskId).getStatusCode().value()).as("complete").isEqualTo(complete);
    assertThat(client.postForEntity("/engine-rest/process-definition/key/initiative-lifecycle/start",
        json(Map.of("businessKey", "FY2030-started-by-" + user + "-" + System.nanoTime(), "variables", Map.of(
            "ownerGroup", Map.of("value", "wardTakatsu"), "fiscalYear", Map.of("value", 2030, "type", "Integer"),
            "plannedOutcome", Map.of("value", "continue")))), String.class)
        .getStatusCode().value()).as("start").isEqualTo(start);
    String other = initiatives.startIfAbsent(InitiativeStart.unplanned("del-" + System.nanoTime(), "削除テスト",
        "hiroba", "wardTakatsu", 2030)).orElseThrow();
    assertThat(client.exchange("/engine-rest/process-instance/{id}", HttpMethod.DELETE, null, String.class, other)
        .getStatusCode().value()).as("delete").isEqualTo(delete);
    assertThat(client.postForEntity("/engine-rest/deployment/create", deployment(user), String.class)
        .getStatusCode().value()).as("deploy").isEqualTo(deploy);
    assertThat(client.postForEntity("/engine-rest/user/create", json(Map.of(
        "profile", Map.of("id", "made" + Math.abs(System.nanoTime() % 100000), "firstName", "新", "lastName", "職員"),
        "credentials", Map.of("password", TestUsers.PASSWORD))), String.class).getStatusCode().value())
        .as("create a user").isEqualTo(createUser);
    assertThat(client.postForEntity("/engine-rest/authorization/create", json(Map.of("type", 1, "permissions",
        List.of("READ"), "groupId", "wardKawasaki", "resourceType", 8, "resourceId", instanceId)), String.class)
        .getStatusCode().value()).as("change an authorization").isEqualTo(authorize);
  }

  static Stream<Arguments> planUploads() {
    // role, the upload page's form (GET /api/plans/upload-form), the dry run of a valid plan (POST /api/plans/preview)
    return Stream.of(
        Arguments.of(Role.ANONYMOUS, 401, 401),
        Arguments.of(Role.WARD_STAFF, 403, 403),
        Arguments.of(Role.OTHER_WARD_STAFF, 403, 403),
        Arguments.of(Role.COMMUNITY_PROMOTION, 403, 403),
        Arguments.of(Role.MANAGER, 200, 200),
        Arguments.of(Role.AUDITOR, 403, 403),
        Arguments.of(Role.ADMIN, 200, 200));
  }

  @ParameterizedTest(name = "{0}: upload form {1}, plan preview {2}")
  @MethodSource("planUploads")
  void onlyThoseWhoMayImportAPlanMayPreviewIt(Role role, int form, int preview) {
    assertThat(as(role).getForEntity("/api/plans/upload-form", String.class).getStatusCode().value())
        .as("upload form").isEqualTo(form);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml"));
    var response = as(role).postForEntity("/api/plans/preview?fiscalYear=2083&source=plan.yaml",
        new HttpEntity<>(StandalonePlanServices.seedYaml(), headers), String.class);
    assertThat(response.getStatusCode().value()).as("preview: " + response.getBody()).isEqualTo(preview);
  }

  static Stream<Arguments> uncheckedWrites() {
    // role, claim for another user, complete with a variable not on the form, comment on the task, comment
    // into another ward's instance, change / delete the manager's comment, attach, delete the manager's attachment,
    // set a variable that is not on the task's form outside completion
    return Stream.of(
        Arguments.of(Role.ANONYMOUS, 401, 401, 401, 401, 401, 401, 401, 401, 401),
        Arguments.of(Role.WARD_STAFF, 403, 400, 200, 403, 403, 403, 200, 403, 403),
        Arguments.of(Role.OTHER_WARD_STAFF, 403, 403, 403, 403, 403, 403, 403, 403, 403),
        Arguments.of(Role.COMMUNITY_PROMOTION, 403, 403, 403, 403, 403, 403, 403, 403, 403),
        Arguments.of(Role.MANAGER, 204, 400, 200, 403, 204, 204, 200, 204, 400),
        Arguments.of(Role.AUDITOR, 403, 403, 403, 403, 403, 403, 403, 403, 403),
        Arguments.of(Role.ADMIN, 204, 400, 200, 403, 204, 204, 200, 204, 204));
  }

  @ParameterizedTest(name = "{0}: claim for another {1}, foreign variable {2}, comment {3}, comment elsewhere {4},"
      + " change another's comment {5}, delete it {6}, attach {7}, delete another's attachment {8}, set a variable {9}")
  @MethodSource("uncheckedWrites")
  void writesTheEngineLeavesUncheckedAreCheckedAtTheDoor(Role role, int claimForOther, int foreignVariable,
      int comment, int commentElsewhere, int changeComment, int deleteComment, int attach, int deleteAttachment,
      int setVariable) {
    var client = as(role);
    String otherWard = initiatives.startIfAbsent(InitiativeStart.unplanned("kw-" + System.nanoTime(), "他区の施策",
        "hiroba", OrganizationGroup.WARD_KAWASAKI.id(), 2030)).orElseThrow();
    String managersComment = managerComments(1).get(0);
    String managersAttachment = attachAsManager();

    assertThat(client.postForEntity("/engine-rest/task/{id}/claim", json(Map.of("userId", "takatsu2")), String.class,
        taskId).getStatusCode().value()).as("claim for another user").isEqualTo(claimForOther);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .as("assignee").isEqualTo(claimForOther == 204 ? "takatsu2" : null);
    taskService.setAssignee(taskId, null);
    var foreign = client.postForEntity("/engine-rest/task/{id}/complete", json(Map.of("variables", Map.of(
        "coordinationPartners", Map.of("value", "高津区 地域振興課"), "ownerGroup", Map.of("value", "wardKawasaki"),
        "title", Map.of("value", "書き換えた名前")))), String.class, taskId);
    assertThat(foreign.getStatusCode().value()).as("complete with foreign variables: " + foreign.getBody())
        .isEqualTo(foreignVariable);
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("the task stays open").isOne();
    assertThat(runtimeService.getVariables(instanceId, List.of("title", "ownerGroup", "coordinationPartners")))
        .as("nothing changed").containsEntry("title", "権限テストの施策").containsEntry("ownerGroup", "wardTakatsu")
        .doesNotContainKey("coordinationPartners");
    assertThat(client.postForEntity("/engine-rest/task/{id}/comment/create", json(Map.of("message", "確認しました")),
        String.class, taskId).getStatusCode().value()).as("comment").isEqualTo(comment);
    assertThat(client.postForEntity("/engine-rest/task/{id}/comment/create", json(Map.of("message", "他区へ",
        "processInstanceId", otherWard)), String.class, taskId).getStatusCode().value())
        .as("comment into another instance").isEqualTo(commentElsewhere);
    assertThat(taskService.getProcessInstanceComments(otherWard)).as("another ward's instance has no comment").isEmpty();
    assertThat(client.exchange("/engine-rest/task/{id}/comment", HttpMethod.PUT, json(Map.of("id", managersComment,
        "message", "書き換え")), String.class, taskId).getStatusCode().value()).as("change the manager's comment")
        .isEqualTo(changeComment);
    assertThat(taskService.getTaskComment(taskId, managersComment).getFullMessage())
        .isEqualTo(changeComment == 204 ? "書き換え" : "管理者のコメント 0");
    assertThat(client.exchange("/engine-rest/task/{id}/comment/{c}", HttpMethod.DELETE, null, String.class, taskId,
        managersComment).getStatusCode().value()).as("delete the manager's comment").isEqualTo(deleteComment);
    assertThat(taskService.getTaskComment(taskId, managersComment) == null).isEqualTo(deleteComment == 204);
    assertThat(client.postForEntity("/engine-rest/task/{id}/attachment/create", attachment("memo.txt"), String.class,
        taskId).getStatusCode().value()).as("attach").isEqualTo(attach);
    assertThat(client.exchange("/engine-rest/task/{id}/attachment/{a}", HttpMethod.DELETE, null, String.class, taskId,
        managersAttachment).getStatusCode().value()).as("delete the manager's attachment").isEqualTo(deleteAttachment);
    assertThat(taskService.getTaskAttachment(taskId, managersAttachment) == null).isEqualTo(deleteAttachment == 204);
    var variable = client.exchange("/engine-rest/task/{id}/variables/title", HttpMethod.PUT, json(Map.of("value",
        "変数で書き換え")), String.class, taskId);
    assertThat(variable.getStatusCode().value()).as("set a variable: " + variable.getBody()).isEqualTo(setVariable);
    assertThat(runtimeService.getVariable(instanceId, "title"))
        .isEqualTo(setVariable == 204 ? "変数で書き換え" : "権限テストの施策");
  }

  @Test
  void staffChangeAndDeleteTheirOwnCommentsAndAttachmentsOnly() throws Exception {
    var staff = as(Role.WARD_STAFF);
    var created = staff.postForEntity("/engine-rest/task/{id}/comment/create", json(Map.of("message", "初回")),
        String.class, taskId);
    String own = JSON.readTree(created.getBody()).get("id").asText();
    assertThat(staff.exchange("/engine-rest/task/{id}/comment", HttpMethod.PUT, json(Map.of("id", own, "message",
        "訂正")), String.class, taskId).getStatusCode().value()).isEqualTo(204);
    assertThat(taskService.getTaskComment(taskId, own).getUserId()).as("authorship kept").isEqualTo("takatsu");
    managerComments(1);
    assertThat(staff.exchange("/engine-rest/task/{id}/comment", HttpMethod.DELETE, null, String.class, taskId)
        .getStatusCode().value()).as("delete all, another's among them").isEqualTo(403);
    assertThat(staff.exchange("/engine-rest/task/{id}/comment/{c}", HttpMethod.DELETE, null, String.class, taskId, own)
        .getStatusCode().value()).isEqualTo(204);
    var attached = staff.postForEntity("/engine-rest/task/{id}/attachment/create", attachment("own.txt"), String.class,
        taskId);
    String attachmentId = JSON.readTree(attached.getBody()).get("id").asText();
    assertThat(staff.exchange("/engine-rest/task/{id}/attachment/{a}", HttpMethod.DELETE, null, String.class, taskId,
        attachmentId).getStatusCode().value()).isEqualTo(204);
    assertThat(staff.postForEntity("/engine-rest/task/{id}/comment/create", json(Map.of("message", "長".repeat(
        EngineWriteRules.MAX_COMMENT_CHARS + 1))), String.class, taskId).getStatusCode().value())
        .as("an over-long comment").isEqualTo(400);
  }

  @Test
  void aCompletionThroughTheWebappsSetsOnlyTheFormsFields() throws Exception {
    var browser = new BrowserSession(port);
    browser.login("takatsu", TestUsers.PASSWORD);
    browser.get("/camunda/app/tasklist/default/");
    String path = "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form";
    var refused = browser.post(path, "application/json", "{\"variables\":{\"agreements\":{\"value\":\"合意\"},"
        + "\"ownerGroup\":{\"value\":\"wardKawasaki\"}}}", "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("ownerGroup").doesNotContain("agreements:");
    assertThat(runtimeService.getVariable(instanceId, "ownerGroup")).isEqualTo("wardTakatsu");
    var accepted = browser.post(path, "application/json", "{\"variables\":{\"agreements\":{\"value\":\"合意\"}}}",
        "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
        .variableName("agreements").singleResult().getValue()).isEqualTo("合意");
  }

  static Stream<Arguments> releases() {
    // role, release of one's own claim (unclaim), of someone else's claim by unclaim, by a claim for nobody. Whoever
    // a task is assigned to may give it back (the engine grants its assignee the task); someone else's claim only
    // those who may assign tasks release.
    return Stream.of(
        Arguments.of(Role.ANONYMOUS, 401, 401, 401),
        Arguments.of(Role.WARD_STAFF, 204, 403, 403),
        Arguments.of(Role.OTHER_WARD_STAFF, 204, 403, 403),
        Arguments.of(Role.COMMUNITY_PROMOTION, 204, 403, 403),
        Arguments.of(Role.MANAGER, 204, 204, 204),
        Arguments.of(Role.AUDITOR, 204, 403, 403),
        Arguments.of(Role.ADMIN, 204, 204, 204));
  }

  @ParameterizedTest(name = "{0}: release own claim {1}, someone else's {2}, claim for nobody {3}")
  @MethodSource("releases")
  void staffReleaseTheirOwnClaimOnly(Role role, int own, int othersByUnclaim, int othersByNullClaim) {
    var client = as(role);
    String self = role.user == null ? "nobody" : role.user;
    taskService.setAssignee(taskId, self);
    var released = client.postForEntity("/engine-rest/task/{id}/unclaim", null, String.class, taskId);
    assertThat(released.getStatusCode().value()).as("release own claim: " + released.getBody()).isEqualTo(own);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .isEqualTo(own == 204 ? null : self);

    taskService.setAssignee(taskId, "takatsu2");
    var others = client.postForEntity("/engine-rest/task/{id}/unclaim", null, String.class, taskId);
    assertThat(others.getStatusCode().value()).as("release someone else's: " + others.getBody())
        .isEqualTo(othersByUnclaim);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .isEqualTo(othersByUnclaim == 204 ? null : "takatsu2");

    taskService.setAssignee(taskId, "takatsu2");
    var byNullClaim = client.postForEntity("/engine-rest/task/{id}/claim", json(java.util.Collections.singletonMap(
        "userId", null)), String.class, taskId);
    assertThat(byNullClaim.getStatusCode().value()).as("claim for nobody: " + byNullClaim.getBody())
        .isEqualTo(othersByNullClaim);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .isEqualTo(othersByNullClaim == 204 ? null : "takatsu2");
    if (role == Role.WARD_STAFF) {
      assertThat(others.getBody()).contains("自分の担当だけ");
    }
  }

  @Test
  void staffReleaseTheirOwnClaimThroughTasklistsDoorOnly() {
    var browser = new BrowserSession(port);
    browser.login("takatsu", TestUsers.PASSWORD);
    browser.get("/camunda/app/tasklist/default/");
    String unclaim = "/camunda/api/engine/engine/default/task/" + taskId + "/unclaim";
    taskService.setAssignee(taskId, "takatsu2");
    var others = browser.post(unclaim, "application/json", "", "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
    assertThat(others.statusCode()).as(others.body()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("takatsu2");

    taskService.setAssignee(taskId, "takatsu");
    var own = browser.post(unclaim, "application/json", "", "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
    assertThat(own.statusCode()).as(own.body()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    taskService.setAssignee(taskId, "takatsu");
    var withoutToken = browser.post(unclaim, "application/json", "");
    assertThat(withoutToken.statusCode()).as("Camunda's CSRF check still applies").isIn(401, 403);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("takatsu");
    assertThat(historyService.createUserOperationLogQuery().taskId(taskId).property("assignee").list())
        .as("the release is recorded as the user's").anyMatch(entry -> "takatsu".equals(entry.getUserId())
            && "takatsu".equals(entry.getOrgValue()) && entry.getNewValue() == null);
  }

  @Test
  void whatTasklistNoLongerOffersStaffTheServerStillRefuses() {
    var staff = as(Role.WARD_STAFF);
    var removeGroup = staff.postForEntity("/engine-rest/task/{id}/identity-links/delete", json(Map.of("groupId",
        "wardTakatsu", "type", "candidate")), String.class, taskId);
    assertThat(removeGroup.getStatusCode().value()).as("remove one's own group: " + removeGroup.getBody())
        .isEqualTo(403);
    assertThat(taskService.getIdentityLinksForTask(taskId)).anyMatch(link -> "wardTakatsu".equals(link.getGroupId()));
    var addGroup = staff.postForEntity("/engine-rest/task/{id}/identity-links", json(Map.of("groupId",
        "wardKawasaki", "type", "candidate")), String.class, taskId);
    assertThat(addGroup.getStatusCode().value()).as("add a group").isEqualTo(403);
    var create = staff.postForEntity("/engine-rest/task/create", json(Map.of("name", "勝手なタスク")), String.class);
    assertThat(create.getStatusCode().value()).as("create a task: " + create.getBody()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskName("勝手なタスク").count()).isZero();
    var assign = staff.postForEntity("/engine-rest/task/{id}/assignee", json(Map.of("userId", "takatsu2")),
        String.class, taskId);
    assertThat(assign.getStatusCode().value()).as("set someone as assignee").isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
  }

  @Test
  void aTasksDueDateChangesThroughTasklistsDoorForThoseWhoMayAssignOnly() throws Exception {
    String task = JSON.readTree(as(Role.MANAGER).getForEntity("/engine-rest/task/{id}", String.class, taskId)
        .getBody()).toString();
    Map<String, Object> sent = JSON.readValue(task, Map.class);
    sent.put("due", null);
    var staff = as(Role.WARD_STAFF).exchange("/engine-rest/task/{id}", HttpMethod.PUT, json(sent), String.class, taskId);
    assertThat(staff.getStatusCode().value()).as(staff.getBody()).isEqualTo(403);
    var manager = as(Role.MANAGER).exchange("/engine-rest/task/{id}", HttpMethod.PUT, json(sent), String.class, taskId);
    assertThat(manager.getStatusCode().value()).as("the task as GET answers it, camundaFormRef included: "
        + manager.getBody()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getDueDate()).isNull();
  }

  @Test
  void theDecisionsRecommendationIsShownButCannotBeChanged() {
    String decide = initiatives.startIfAbsent(InitiativeStart.unplanned("dec-" + System.nanoTime(), "決定テスト",
        "hiroba", OrganizationGroup.WARD_TAKATSU.id(), 2030)).orElseThrow();
    for (int step = 0; step < 3; step++) {
      Map<String, Object> values = step == 2 ? Map.of("verificationRating", "good", "achievementRate", 90) : Map.of();
      taskService.complete(taskService.createTaskQuery().processInstanceId(decide).singleResult().getId(), values);
    }
    var task = taskService.createTaskQuery().processInstanceId(decide).singleResult();
    Object recommended = runtimeService.getVariable(decide, "recommendedOutcome");
    var manager = as(Role.MANAGER);
    var changed = manager.postForEntity("/engine-rest/task/{id}/complete", json(Map.of("variables", Map.of(
        "recommendedOutcome", Map.of("value", "abolish"), "decidedOutcome", Map.of("value", "abolish"),
        "decisionReason", Map.of("value", "理由")))), String.class, task.getId());
    assertThat(changed.getStatusCode().value()).as(changed.getBody()).isEqualTo(400);
    assertThat(changed.getBody()).contains("recommendedOutcome");
    assertThat(manager.postForEntity("/engine-rest/task/{id}/complete", json(Map.of("variables", Map.of(
        "recommendedOutcome", Map.of("value", recommended), "decidedOutcome", Map.of("value", recommended)))),
        String.class, task.getId()).getStatusCode().value()).as("sent back unchanged, as the form does").isEqualTo(204);
  }

  @ParameterizedTest(name = "{0} may not throw a BPMN error or escalation from a task")
  @MethodSource("roles")
  void nobodyEndsATaskUnworkedWithABpmnErrorOrFakesAnEscalation(Role role) {
    int expected = role == Role.ANONYMOUS ? 401 : 403;
    var client = as(role);
    assertThat(client.postForEntity("/engine-rest/task/{id}/bpmnError", json(Map.of("errorCode", "anything",
        "variables", Map.of("title", Map.of("value", "x")))), String.class, taskId).getStatusCode().value())
        .as("BPMN error").isEqualTo(expected);
    assertThat(client.postForEntity("/engine-rest/task/{id}/bpmnEscalation", json(Map.of("escalationCode",
        "phaseOverdue")), String.class, taskId).getStatusCode().value()).as("escalation").isEqualTo(expected);
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("the task is still there").isOne();
  }

  @Test
  void theNamedEngineDoorAndATrailingSlashAreGuardedToo() {
    var staff = as(Role.WARD_STAFF);
    assertThat(staff.getForEntity("/engine-rest/engine/default/task/{id}", String.class, taskId).getStatusCode().value())
        .as("the named engine's door is open for reading").isEqualTo(200);
    assertThat(staff.postForEntity("/engine-rest/engine/default/task/{id}/claim", json(Map.of("userId", "takatsu2")),
        String.class, taskId).getStatusCode().value()).as("named engine").isEqualTo(403);
    assertThat(staff.postForEntity("/engine-rest/task/{id}/claim/", json(Map.of("userId", "takatsu2")),
        String.class, taskId).getStatusCode().value()).as("trailing slash").isIn(403, 404);
    assertThat(staff.postForEntity("/engine-rest/engine/default/task/{id}/complete", json(Map.of("variables",
        Map.of("title", Map.of("value", "x")))), String.class, taskId).getStatusCode().value()).isEqualTo(400);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
  }

  static Stream<Role> roles() {
    return Stream.of(Role.values());
  }

  static Stream<Arguments> heads() {
    // role, HEAD of the year's audit export, of the quarterly report, of an initiative's trail: as GET answers
    return Stream.of(
        Arguments.of(Role.ANONYMOUS, 401),
        Arguments.of(Role.WARD_STAFF, 403),
        Arguments.of(Role.OTHER_WARD_STAFF, 403),
        Arguments.of(Role.COMMUNITY_PROMOTION, 403),
        Arguments.of(Role.MANAGER, 200),
        Arguments.of(Role.AUDITOR, 200),
        Arguments.of(Role.ADMIN, 403));
  }

  @ParameterizedTest(name = "{0}: HEAD and GET of the reports and the audit answer {1}")
  @MethodSource("heads")
  void headIsAnsweredAsGetIs(Role role, int expected) {
    String businessKey = runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).singleResult()
        .getBusinessKey();
    var client = as(role);
    for (String path : List.of("/api/audit/export?fiscalYear=2030", "/api/reports/quarterly?fiscalYear=2030&quarter=1",
        "/api/audit/initiatives/" + businessKey)) {
      for (HttpMethod method : List.of(HttpMethod.HEAD, HttpMethod.GET)) {
        assertThat(client.exchange(path, method, null, byte[].class).getStatusCode().value())
            .as(method + " " + path).isEqualTo(expected);
      }
    }
  }

  static Stream<Arguments> standaloneJobs() {
    // role, list all jobs, read the cleanup job, suspend, re-time, set retries, execute, delete
    return Stream.of(
        Arguments.of(Role.ANONYMOUS, 401, 401, 401, 401, 401, 401, 401),
        Arguments.of(Role.WARD_STAFF, 403, 403, 403, 403, 403, 403, 403),
        Arguments.of(Role.OTHER_WARD_STAFF, 403, 403, 403, 403, 403, 403, 403),
        Arguments.of(Role.COMMUNITY_PROMOTION, 403, 403, 403, 403, 403, 403, 403),
        Arguments.of(Role.MANAGER, 403, 403, 403, 403, 403, 403, 403),
        Arguments.of(Role.AUDITOR, 403, 403, 403, 403, 403, 403, 403),
        Arguments.of(Role.ADMIN, 200, 200, 204, 204, 204, 204, 204));
  }

  @ParameterizedTest(name = "{0}: list {1}, read {2}, suspend {3}, due date {4}, retries {5}, execute {6}, delete {7}")
  @MethodSource("standaloneJobs")
  void aJobOfNoProcessInstanceIsTheAdministratorsAlone(Role role, int list, int read, int suspend, int dueDate,
      int retries, int execute, int delete) {
    var client = as(role);
    String job = historyCleanupJob();
    assertThat(client.getForEntity("/engine-rest/job?maxResults=50", String.class).getStatusCode().value())
        .as("list every job").isEqualTo(list);
    assertThat(client.getForEntity("/engine-rest/job?processInstanceId={id}&maxResults=50", String.class, instanceId)
        .getStatusCode().value()).as("list an instance's jobs").isEqualTo(role == Role.ANONYMOUS ? 401 : 200);
    assertThat(client.getForEntity("/engine-rest/job/{id}", String.class, job).getStatusCode().value())
        .as("read").isEqualTo(read);
    assertThat(client.exchange("/engine-rest/job/{id}/suspended", HttpMethod.PUT, json(Map.of("suspended", true)),
        String.class, job).getStatusCode().value()).as("suspend").isEqualTo(suspend);
    assertThat(managementService.createJobQuery().jobId(job).singleResult().isSuspended()).isEqualTo(suspend == 204);
    managementService.activateJobById(job);
    assertThat(client.exchange("/engine-rest/job/{id}/duedate", HttpMethod.PUT, json(Map.of("duedate",
        "2099-01-01T00:00:00.000+0900")), String.class, job).getStatusCode().value()).as("due date").isEqualTo(dueDate);
    assertThat(client.exchange("/engine-rest/job/{id}/retries", HttpMethod.PUT, json(Map.of("retries", 0)),
        String.class, job).getStatusCode().value()).as("retries").isEqualTo(retries);
    assertThat(managementService.createJobQuery().jobId(job).singleResult().getRetries() == 0)
        .isEqualTo(retries == 204);
    managementService.setJobRetries(job, 3);
    assertThat(client.postForEntity("/engine-rest/job/{id}/execute", null, String.class, job).getStatusCode().value())
        .as("execute").isEqualTo(execute);
    String current = historyCleanupJob();
    assertThat(client.exchange("/engine-rest/job/{id}", HttpMethod.DELETE, null, String.class, current)
        .getStatusCode().value()).as("delete").isEqualTo(delete);
    assertThat(managementService.createJobQuery().jobId(current).count()).isEqualTo(delete == 204 ? 0 : 1);
  }

  @Test
  void theEngineItselfRefusesAJobOfNoInstanceToAnyoneButAdministrators() {
    String job = historyCleanupJob();
    identityService.setAuthentication("manager", List.of(OrganizationGroup.MANAGERS.id()),
        List.of(jp.shisakuflow.organization.City.SEED.tenantId()));
    try {
      assertThatThrownBy(() -> managementService.setJobRetries(job, 0)).isInstanceOf(AuthorizationException.class)
          .hasMessageContaining("camunda-admin");
      assertThatThrownBy(() -> managementService.deleteJob(job)).isInstanceOf(AuthorizationException.class);
    } finally {
      identityService.clearAuthentication();
    }
    identityService.setAuthentication("admin", List.of(OrganizationGroup.ADMINISTRATORS.id()));
    try {
      managementService.setJobRetries(job, 2);
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(managementService.createJobQuery().jobId(job).singleResult().getRetries()).isEqualTo(2);
  }

  /** The engine's history cleanup job, scheduled anew when a test deleted it. */
  private String historyCleanupJob() {
    var jobs = historyService.findHistoryCleanupJobs();
    return (jobs.isEmpty() ? historyService.cleanUpHistoryAsync() : jobs.get(0)).getId();
  }

  private List<String> managerComments(int count) {
    identityService.setAuthenticatedUserId("manager");
    try {
      return IntStream.range(0, count)
          .mapToObj(i -> taskService.createComment(taskId, instanceId, "管理者のコメント " + i).getId()).toList();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private String attachAsManager() {
    var created = as(Role.MANAGER).postForEntity("/engine-rest/task/{id}/attachment/create", attachment("manager.txt"),
        String.class, taskId);
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(200);
    try {
      return JSON.readTree(created.getBody()).get("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HttpEntity<LinkedMultiValueMap<String, Object>> attachment(String name) {
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("attachment-name", name);
    parts.add("attachment-description", "テスト");
    parts.add("attachment-type", "text/plain");
    parts.add("content", new ByteArrayResource("メモ".getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return new HttpEntity<>(parts, headers);
  }

  static Stream<Arguments> jobChanges() {
    // role, execute the ward initiative's overdue timer, set its retries: the engine counts a refused execution as
    // the job's failure (a retry fewer), so the door asks the engine's own check first
    return Stream.of(
        Arguments.of(Role.ANONYMOUS, 401, 401),
        Arguments.of(Role.WARD_STAFF, 403, 403),
        Arguments.of(Role.OTHER_WARD_STAFF, 403, 403),
        Arguments.of(Role.MANAGER, 403, 403),
        Arguments.of(Role.AUDITOR, 403, 403));
  }

  @ParameterizedTest(name = "{0}: execute a process's timer {1}, its retries {2}; the job unchanged")
  @MethodSource("jobChanges")
  void aProcesssJobIsChangedOnlyByWhoMayUpdateIt(Role role, int execute, int retries) {
    var timer = managementService.createJobQuery().processInstanceId(instanceId).timers().singleResult();
    assertThat(as(role).postForEntity("/engine-rest/job/{id}/execute", null, String.class, timer.getId())
        .getStatusCode().value()).as("execute").isEqualTo(execute);
    assertThat(as(role).exchange("/engine-rest/job/{id}/retries", HttpMethod.PUT, json(Map.of("retries", 0)),
        String.class, timer.getId()).getStatusCode().value()).as("retries").isEqualTo(retries);
    var after = managementService.createJobQuery().jobId(timer.getId()).singleResult();
    assertThat(after.getRetries()).as("retries unchanged").isEqualTo(timer.getRetries());
    assertThat(after.getExceptionMessage()).as("no failure recorded").isNull();
  }

  static Stream<Arguments> webapps() {
    return Stream.of(
        Arguments.of(Role.WARD_STAFF, List.of("tasklist", "welcome")),
        Arguments.of(Role.COMMUNITY_PROMOTION, List.of("tasklist", "welcome")),
        Arguments.of(Role.MANAGER, List.of("cockpit", "tasklist", "welcome")),
        Arguments.of(Role.AUDITOR, List.of("cockpit", "welcome")),
        Arguments.of(Role.ADMIN, List.of("admin", "cockpit", "tasklist", "welcome")));
  }

  @ParameterizedTest(name = "{0} may open {1}")
  @MethodSource("webapps")
  void eachRoleOpensItsWebapps(Role role, List<String> apps) throws Exception {
    var browser = new BrowserSession(port);
    assertThat(browser.login(role.user, password(role)).headers().firstValue("Location").orElse(""))
        .doesNotContain("error");
    assertThat(browser.get("/camunda/app/" + apps.get(0) + "/default/").statusCode()).isEqualTo(200);
    var user = browser.get("/camunda/api/admin/auth/user/default");
    assertThat(user.statusCode()).isEqualTo(200);
    Map<?, ?> body = JSON.readValue(user.body(), Map.class);
    assertThat(body.get("userId")).isEqualTo(role.user);
    assertThat((List<String>) body.get("authorizedApps")).containsExactlyInAnyOrderElementsOf(apps);
  }

  static Stream<Arguments> progressModelRebuild() {
    // role, POST, any other method (GET, HEAD, PUT, DELETE): administrators alone, by path, whatever the method
    return Stream.of(
        Arguments.of(Role.ANONYMOUS, 401, 401),
        Arguments.of(Role.WARD_STAFF, 403, 403),
        Arguments.of(Role.OTHER_WARD_STAFF, 403, 403),
        Arguments.of(Role.COMMUNITY_PROMOTION, 403, 403),
        Arguments.of(Role.MANAGER, 403, 403),
        Arguments.of(Role.AUDITOR, 403, 403),
        Arguments.of(Role.ADMIN, 200, 405));
  }

  @ParameterizedTest(name = "{0}: rebuild the progress model {1}, other methods {2}")
  @MethodSource("progressModelRebuild")
  void onlyAdministratorsRebuildTheProgressModel(Role role, int post, int otherMethods) throws Exception {
    String path = "/api/admin/progress-model/rebuild";
    var answer = as(role).exchange(path, HttpMethod.POST, null, String.class);
    assertThat(answer.getStatusCode().value()).as("POST: " + answer.getBody()).isEqualTo(post);
    if (post == 200) {
      assertThat(JSON.readTree(answer.getBody()).get("instances").asInt()).as("instances rebuilt").isPositive();
    } else {
      assertThat(answer.getHeaders().getContentType()).isNotNull()
          .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
    }
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE)) {
      assertThat(as(role).exchange(path, method, null, String.class).getStatusCode().value()).as(method.name())
          .isEqualTo(otherMethods);
    }
  }

  @ParameterizedTest(name = "{0}: give records of no city a city {1}, other methods {2}")
  @MethodSource("progressModelRebuild")
  void onlyAdministratorsGiveRecordsOfNoCityACity(Role role, int post, int otherMethods) throws Exception {
    String path = "/api/admin/cities/kawasaki/records-of-no-city";
    // Everyone else is refused the real run; the administrator's is its dry run here (the real one gives every record
    // of no city in the shared context a city: RecordsOfNoCityTest runs it in an application of its own).
    var answer = as(role).exchange(post == 200 ? path : path + "?dryRun=false", HttpMethod.POST, null, String.class);
    assertThat(answer.getStatusCode().value()).as("POST: " + answer.getBody()).isEqualTo(post);
    if (post == 200) {
      assertThat(JSON.readTree(answer.getBody()).get("dryRun").asBoolean()).isTrue();
    }
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE)) {
      assertThat(as(role).exchange(path, method, null, String.class).getStatusCode().value()).as(method.name())
          .isEqualTo(otherMethods);
    }
  }

  private TestRestTemplate as(Role role) {
    return role == Role.ANONYMOUS ? http : http.withBasicAuth(role.user, password(role));
  }

  private String password(Role role) {
    return role == Role.ADMIN ? adminPassword : TestUsers.PASSWORD;
  }

  static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  static HttpEntity<LinkedMultiValueMap<String, Object>> deployment(String user) {
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", "by-" + user);
    parts.add("data", new ByteArrayResource(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\">"
        + "<process id=\"uploaded\" isExecutable=\"true\" camunda:historyTimeToLive=\"1\">"
        + "<startEvent id=\"s\"/></process></definitions>").getBytes()) {
      @Override
      public String getFilename() {
        return "uploaded.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return new HttpEntity<>(parts, headers);
  }
}
