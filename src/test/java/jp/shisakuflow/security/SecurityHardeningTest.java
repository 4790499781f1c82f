package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.TestUsers;
import jp.shisakuflow.tasklist.TasklistFilters;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** What the application defends where Camunda 7.24 no longer will, through the real HTTP stack. */
@ApiTest
class SecurityHardeningTest {

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired FilterService filterService;
  @LocalServerPort int port;
  @org.springframework.beans.factory.annotation.Value("${shisaku.admin.password}") String adminPassword;
  @Autowired org.camunda.bpm.engine.ProcessEngine processEngine;

  @BeforeEach
  void users() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
  }

  @Test
  void aWrongPasswordIsRefusedWithAClearMessage() {
    var response = http.withBasicAuth("takatsu", "not-the-password").getForEntity("/engine-rest/task?maxResults=1",
        Map.class);
    assertThat(response.getStatusCode().value()).isEqualTo(401);
    assertThat((String) response.getBody().get("message")).contains("ユーザー名またはパスワードが正しくない",
        "15分ほどおいて");
  }

  @Test
  void aLockedAccountIsRefusedWithTheRightPasswordAndAnswersAsAnUnknownUserDoes() {
    String locked = lockedUser();
    String unknown = "nobody" + System.nanoTime();
    failFiveTimes(unknown);

    var lockedAnswer = http.withBasicAuth(locked, TestUsers.PASSWORD).getForEntity("/engine-rest/task?maxResults=1",
        String.class);
    var unknownAnswer = http.withBasicAuth(unknown, TestUsers.PASSWORD).getForEntity("/engine-rest/task?maxResults=1",
        String.class);
    assertThat(lockedAnswer.getStatusCode().value()).isEqualTo(401);
    assertThat(unknownAnswer.getStatusCode().value()).isEqualTo(401);
    assertThat(lockedAnswer.getBody()).isEqualTo(unknownAnswer.getBody())
        .contains("一時的にロックされています", "15分ほどおいてやり直すか、管理者に連絡してください");
    assertThat(http.withBasicAuth(locked, TestUsers.PASSWORD).getForEntity("/api/progress?fiscalYear=2030",
        String.class).getBody()).as("the app's API answers the same").isEqualTo(unknownAnswer.getBody());

    var browser = new BrowserSession(port);
    String lockedPage = browser.login(locked, TestUsers.PASSWORD).headers().firstValue("Location").orElse("");
    String unknownPage = new BrowserSession(port).login(unknown, TestUsers.PASSWORD).headers().firstValue("Location")
        .orElse("");
    assertThat(lockedPage).isEqualTo(unknownPage).endsWith("/login?error");
    String alert = alert(browser.get("/login?error").body());
    assertThat(alert).contains("一時的にロックされています", "15分ほどおいて");
    assertThat(alert(browser.get("/login?locked").body())).as("an old bookmark of ?locked says the same")
        .isEqualTo(alert);
  }

  @Test
  void aLockEndsFifteenMinutesAfterTheLastFailure() {
    String locked = lockedUser();
    long lockedAt = System.currentTimeMillis();
    try {
      ClockUtil.setCurrentTime(new Date(lockedAt + Duration.ofMinutes(14).toMillis()));
      assertThat(status(locked, TestUsers.PASSWORD)).as("still locked after 14 minutes").isEqualTo(401);

      ClockUtil.setCurrentTime(new Date(lockedAt + Duration.ofMinutes(15).plusSeconds(5).toMillis()));
      assertThat(status(locked, TestUsers.PASSWORD)).as("unlocked after 15 minutes").isEqualTo(200);
      assertThat(identityService.createNativeUserQuery().sql("SELECT * FROM ACT_ID_USER WHERE ID_ = #{id}"
          + " AND ATTEMPTS_ = 0").parameter("id", locked).list()).as("the engine's row is unlocked").hasSize(1);
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void afterTheLockEndsFailuresCountAfresh() {
    String locked = lockedUser();
    long lockedAt = System.currentTimeMillis();
    try {
      ClockUtil.setCurrentTime(new Date(lockedAt + Duration.ofMinutes(16).toMillis()));
      failFiveTimes(locked);
      assertThat(status(locked, TestUsers.PASSWORD)).as("five more failures lock it again").isEqualTo(401);
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void anAdministratorUnlocksAnAccountInAdmin() {
    String locked = lockedUser();
    String unlock = "/camunda/api/engine/engine/default/user/" + locked + "/unlock";

    var manager = new BrowserSession(port);
    manager.login("manager", TestUsers.PASSWORD);
    manager.get("/camunda/app/tasklist/default/");
    assertThat(manager.post(unlock, "application/json", "", "X-XSRF-TOKEN", manager.cookie("XSRF-TOKEN"))
        .statusCode()).as("not an administrator").isEqualTo(403);
    assertThat(status(locked, TestUsers.PASSWORD)).isEqualTo(401);

    var admin = new BrowserSession(port);
    admin.login("admin", adminPassword);
    admin.get("/camunda/app/admin/default/");
    var response = admin.post(unlock, "application/json", "", "X-XSRF-TOKEN", admin.cookie("XSRF-TOKEN"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(status(locked, TestUsers.PASSWORD)).isEqualTo(200);
  }

  private static String alert(String page) {
    int start = page.indexOf("<p class=\"error\"");
    assertThat(start).as("the page shows an error").isNotNegative();
    return page.substring(start, page.indexOf("</p>", start));
  }

  private String lockedUser() {
    String id = "locked" + System.nanoTime();
    TestUsers.ensure(identityService, id, OrganizationGroup.WARD_TAMA);
    failFiveTimes(id);
    assertThat(status(id, TestUsers.PASSWORD)).as("locked after five failures").isEqualTo(401);
    return id;
  }

  private void failFiveTimes(String userId) {
    for (int i = 0; i < 5; i++) {
      assertThat(status(userId, "wrong-" + i)).isEqualTo(401);
    }
  }

  private int status(String userId, String password) {
    return http.withBasicAuth(userId, password).getForEntity("/engine-rest/task?maxResults=1", String.class)
        .getStatusCode().value();
  }

  @Test
  void theLoginFormNeedsItsCsrfToken() {
    var browser = new BrowserSession(port);
    browser.get("/login");
    var response = browser.post("/login", "application/x-www-form-urlencoded",
        "username=takatsu&password=" + TestUsers.PASSWORD);
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void aWebappPostWithoutItsCsrfTokenIsRefused() {
    var browser = new BrowserSession(port);
    browser.login("manager", TestUsers.PASSWORD);
    browser.get("/camunda/app/tasklist/default/");
    String query = "{\"maxResults\":1}";

    var withToken = browser.post("/camunda/api/engine/engine/default/task/count", "application/json", query,
        "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
    assertThat(browser.post("/camunda/api/engine/engine/default/task/count", "application/json", query).statusCode())
        .isEqualTo(403);
  }

  @Test
  void aBrowserPostToTheAppApiNeedsTheAppsCsrfToken() {
    var browser = new BrowserSession(port);
    browser.login("manager", TestUsers.PASSWORD);
    browser.get("/api/progress?fiscalYear=2030");

    assertThat(browser.post("/api/plans", "application/yaml", "id: x").statusCode()).isEqualTo(403);
    assertThat(browser.post("/api/plans", "application/yaml", "id: x",
        SecurityConfiguration.CSRF_HEADER, browser.cookie(SecurityConfiguration.CSRF_COOKIE)).statusCode())
        .as("past CSRF, the invalid plan is refused for what it is").isEqualTo(400);
  }

  @Test
  void anOversizedRequestIsRefused() {
    String body = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
    var response = http.withBasicAuth("manager", TestUsers.PASSWORD).postForEntity("/engine-rest/task?maxResults=1",
        SecurityMatrixTest.json(body), String.class);
    assertThat(response.getStatusCode().value()).isEqualTo(413);
  }

  @ParameterizedTest(name = "GET /task?{0}=… is refused")
  @ValueSource(strings = {"assigneeExpression", "candidateGroupExpression", "dueBeforeExpression"})
  void anExpressionQueryParameterIsRefused(String parameter) {
    var response = http.withBasicAuth("manager", TestUsers.PASSWORD)
        .getForEntity("/engine-rest/task?maxResults=1&" + parameter + "={value}", Map.class, "${currentUser()}");
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat((String) response.getBody().get("message")).contains(parameter);
  }

  @Test
  void aTopLevelExpressionInATaskQueryIsRefused() {
    assertRefused("/engine-rest/task?maxResults=1", HttpMethod.POST,
        Map.of("assigneeExpression", "${currentUser()}"), "assigneeExpression");
  }

  @Test
  void anExpressionNestedInOrQueriesIsRefused() {
    // Stock 7.24.0 evaluates this one, method calls included, and answers 200.
    assertRefused("/engine-rest/task?maxResults=1", HttpMethod.POST,
        Map.of("orQueries", List.of(Map.of("assigneeExpression", "${''.getClass().getName()}"))),
        "orQueries[0].assigneeExpression");
    assertRefused("/engine-rest/task/count", HttpMethod.POST,
        Map.of("orQueries", List.of(Map.of("candidateUserExpression", "${currentUser()}"))),
        "orQueries[0].candidateUserExpression");
  }

  @Test
  void aFilterWithAnExpressionCannotBeCreatedOrUpdated() {
    assertRefused("/engine-rest/filter/create", HttpMethod.POST, Map.of("resourceType", "Task", "name", "mine",
        "query", Map.of("candidateGroupsExpression", "${currentUserGroups()}")), "query.candidateGroupsExpression");
    String filterId = filterService.createFilterQuery().filterName(TasklistFilters.ALL_TASKS).singleResult().getId();
    assertRefused("/engine-rest/filter/" + filterId, HttpMethod.PUT, Map.of("resourceType", "Task", "name", "全件",
        "query", Map.of("assignee", "${currentUser()}")), "query.assignee");
  }

  @Test
  void theWebappsOwnApiIsGuardedToo() {
    var browser = new BrowserSession(port);
    browser.login("manager", TestUsers.PASSWORD);
    browser.get("/camunda/app/tasklist/default/");
    var response = browser.post("/camunda/api/engine/engine/default/task", "application/json",
        "{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"}]}", "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("orQueries[0].assigneeExpression");
  }

  @Test
  void theAppsOwnRoleFiltersStillEvaluateTheirExpressions() throws Exception {
    String mine = initiatives.startIfAbsent(InitiativeStart.unplanned("filter-" + System.nanoTime(), "フィルタのテスト",
        "hiroba", OrganizationGroup.WARD_TAKATSU.id(), 2031)).orElseThrow();
    String filterId = filterService.createFilterQuery().filterName(TasklistFilters.DEPARTMENT_TASKS).singleResult()
        .getId();

    var response = http.withBasicAuth("takatsu", TestUsers.PASSWORD)
        .getForEntity("/engine-rest/filter/{id}/list?maxResults=200", String.class, filterId);

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    var tasks = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody());
    assertThat(tasks.findValuesAsText("processInstanceId")).contains(mine);
    var managersOnly = filterService.createFilterQuery().filterName(TasklistFilters.ALL_TASKS).singleResult().getId();
    assertThat(http.withBasicAuth("takatsu", TestUsers.PASSWORD)
        .getForEntity("/engine-rest/filter/{id}/list?maxResults=1", String.class, managersOnly)
        .getStatusCode().value()).as("全件 is for managers").isEqualTo(403);
  }

  @Test
  void theAppsPagesCarryTheSecurityHeadersAndCookieFlags() {
    var login = http.getForEntity("/login", String.class);
    assertThat(login.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'self'",
        "frame-ancestors 'none'");
    assertThat(login.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(login.getHeaders().get(HttpHeaders.SET_COOKIE)).anySatisfy(cookie ->
        assertThat(cookie).contains("JSESSIONID", "HttpOnly", "SameSite=Lax"));
    assertThat(login.getHeaders().getFirst("Strict-Transport-Security")).as("HSTS only under TLS").isNull();
    assertThat(login.getBody()).contains("<html lang=\"ja\">", "ログイン");
  }

  @Test
  void aWeakPasswordIsRefusedByThePolicy() {
    var response = http.withBasicAuth("admin", adminPassword).postForEntity("/engine-rest/user/create",
        SecurityMatrixTest.json(Map.of("profile", Map.of("id", "weakling", "firstName", "弱", "lastName", "鍵"),
            "credentials", Map.of("password", "abc12345"))), Map.class);
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat((String) response.getBody().get("message")).contains("ポリシー", "policy");
    assertThat(identityService.createUserQuery().userId("weakling").count()).isZero();
  }

  @Test
  void anUnboundedQueryIsRefused() {
    var response = http.withBasicAuth("manager", TestUsers.PASSWORD).getForEntity("/engine-rest/task", Map.class);
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat((String) response.getBody().get("message")).contains("unbound");
  }

  @Test
  void theEngineRunsHardened() {
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) processEngine
        .getProcessEngineConfiguration();
    assertThat(configuration.isAuthorizationEnabled()).isTrue();
    assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
    assertThat(configuration.isDeserializationTypeValidationEnabled()).isTrue();
    assertThat(configuration.getDeserializationAllowedPackages()).isEqualTo("jp.shisakuflow");
    assertThat(configuration.isEnablePasswordPolicy()).isTrue();
    assertThat(configuration.getQueryMaxResultsLimit()).isEqualTo(2000);
  }

  @Test
  void theH2ConsoleIsNotThere() {
    var browser = new BrowserSession(port);
    browser.login("manager", TestUsers.PASSWORD);
    assertThat(browser.get("/h2-console").statusCode()).isEqualTo(404);
  }

  private void assertRefused(String path, HttpMethod method, Object body, String field) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var response = http.withBasicAuth("manager", TestUsers.PASSWORD)
        .exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    assertThat(response.getStatusCode().value()).as(path).isEqualTo(400);
    assertThat((String) response.getBody().get("message")).contains(field);
  }
}
