package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
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
  @LocalServerPort int port;
  @Value("${shisaku.admin.password}") String adminPassword;

  private String instanceId;
  private String taskId;

  @BeforeEach
  void wardInitiative() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
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
        : String.valueOf(new com.fasterxml.jackson.databind.ObjectMapper().readTree(taskList.getBody()).size()))
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
    Map<?, ?> body = new com.fasterxml.jackson.databind.ObjectMapper().readValue(user.body(), Map.class);
    assertThat(body.get("userId")).isEqualTo(role.user);
    assertThat((List<String>) body.get("authorizedApps")).containsExactlyInAnyOrderElementsOf(apps);
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
