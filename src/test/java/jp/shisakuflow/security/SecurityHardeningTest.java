package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.KnownYear;
import jp.shisakuflow.support.TestUsers;
import jp.shisakuflow.tasklist.TasklistFilters;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
  @Autowired org.camunda.bpm.engine.TaskService taskService;
  @Autowired org.camunda.bpm.engine.RepositoryService repositoryService;
  @Autowired KnownYear knownYear;

  @BeforeEach
  void users() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
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
        String.class).getBody()).as("the app's API answers the same, in its own shape")
        .isEqualTo(http.withBasicAuth(unknown, TestUsers.PASSWORD).getForEntity("/api/progress?fiscalYear=2030",
            String.class).getBody())
        .contains("一時的にロックされています", "urn:shisaku:problem:unauthorized");

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
    String token = browser.cookie(SecurityConfiguration.CSRF_COOKIE);
    assertThat(token).as("a GET hands out the token before any POST").isNotBlank();

    assertThat(browser.post("/api/plans", "application/yaml", "id: x", SecurityConfiguration.CSRF_HEADER, token)
        .statusCode()).as("past CSRF, the invalid plan is refused for what it is").isEqualTo(400);
    assertThat(browser.post("/api/plans", "application/yaml", "id: x").statusCode()).isEqualTo(403);
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

    // Narrowed to the new instance (the filter's own expressions still apply): the shared context holds more of the
    // ward's tasks than one page, in an order that depends on which tests ran before.
    var response = http.withBasicAuth("takatsu", TestUsers.PASSWORD).postForEntity(
        "/engine-rest/filter/{id}/list?maxResults=200", SecurityMatrixTest.json(java.util.Map.of("processInstanceId",
            mine)), String.class, filterId);

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

  // --- Every access rule holds for every method (HEAD, OPTIONS … included) ---

  static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  static Stream<Arguments> readOnlyPaths() {
    return Stream.of(
        Arguments.of("/api/audit/export?fiscalYear=" + KnownYear.YEAR, "auditor"),
        Arguments.of("/api/reports/quarterly?fiscalYear=" + KnownYear.YEAR + "&quarter=2", "manager"),
        Arguments.of("/api/audit/initiatives/FY" + KnownYear.YEAR + "-hiroba-booklet", "auditor"),
        Arguments.of("/api/audit/instances?processDefinitionKey=initiative-lifecycle&fiscalYear=" + KnownYear.YEAR,
            "manager"),
        Arguments.of("/api/audit/filters?processDefinitionKey=initiative-lifecycle", "auditor"),
        Arguments.of("/api/plans/FY" + KnownYear.YEAR + "-plan-fy2019-community/chart.pdf?asOf=2019-12-31",
            "manager"),
        Arguments.of("/api/plans/FY" + KnownYear.YEAR + "-plan-fy2019-community/schedule.xlsx?asOf=2019-12-31",
            "manager"),
        Arguments.of("/api/plans/FY" + KnownYear.YEAR + "-plan-fy2019-community/schedule.xlsx", "manager"),
        Arguments.of("/api/plans/upload-form", "manager"));
  }

  @ParameterizedTest(name = "{0}: ward staff refused for every method, {1} reads and writes nothing")
  @MethodSource("readOnlyPaths")
  void aReadRuleHoldsForEveryMethod(String path, String rightful) {
    knownYear.ensure();
    for (String method : METHODS) {
      var ward = send(method, path, "takatsu", TestUsers.PASSWORD, null, null);
      assertThat(ward.statusCode()).as("ward staff " + method + " " + path).isEqualTo(403);
      assertThat(ward.headers().firstValue("Content-Disposition")).as(method).isEmpty();
      var allowed = send(method, path, rightful, TestUsers.PASSWORD, null, null);
      int expected = switch (method) {
        case "GET", "HEAD", "OPTIONS" -> 200;
        default -> 405;
      };
      assertThat(allowed.statusCode()).as(rightful + " " + method + " " + path).isEqualTo(expected);
    }
  }

  static Stream<Arguments> writePaths() {
    return Stream.of(
        Arguments.of("/api/plans", "manager", "application/yaml", "id: x"),
        Arguments.of("/api/plans/preview", "manager", "application/yaml", "id: x"),
        Arguments.of("/api/initiatives", "manager", "application/json", "{}"),
        Arguments.of("/engine-rest/deployment/create", "admin", "application/json", "{}"),
        Arguments.of("/engine-rest/engine/default/deployment/create", "admin", "application/json", "{}"));
  }

  @ParameterizedTest(name = "{0}: ward staff refused for every method, {1} may only POST")
  @MethodSource("writePaths")
  void aWriteRuleHoldsForEveryMethod(String path, String rightful, String contentType, String body) {
    String password = rightful.equals("admin") ? adminPassword : TestUsers.PASSWORD;
    for (String method : METHODS) {
      var ward = send(method, path, "takatsu", TestUsers.PASSWORD, contentType, body);
      assertThat(ward.statusCode()).as("ward staff " + method + " " + path).isEqualTo(403);
      var allowed = send(method, path, rightful, password, contentType, body);
      assertThat(allowed.statusCode()).as(rightful + " " + method + " " + path)
          .isNotEqualTo(403).isNotEqualTo(401);
      if (!method.equals("OPTIONS")) {
        assertThat(allowed.statusCode()).as(rightful + " " + method + " " + path + ": the body is invalid")
            .isBetween(400, 499);
      }
    }
  }

  // --- The body limit holds however the body is sent ---

  @Test
  void aChunkedPlanOverTheLimitIsRefused() {
    byte[] yaml = ("# " + "x".repeat(1_100_000) + "\nid: x\n").getBytes(StandardCharsets.UTF_8);
    var response = sendChunked("/api/plans", "manager", "application/yaml", yaml);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.body()).contains("リクエストが大きすぎます");

    byte[] justUnder = ("# " + "x".repeat(1_000_000) + "\nid: x\n").getBytes(StandardCharsets.UTF_8);
    assertThat(sendChunked("/api/plans", "manager", "application/yaml", justUnder).statusCode())
        .as("under the limit the plan is read, and refused for what it is").isEqualTo(400);
  }

  @Test
  void aChunkedFormOverTheLimitIsRefused() {
    byte[] form = ("name=" + "x".repeat(1_100_000)).getBytes(StandardCharsets.UTF_8);
    var response = sendChunked("/engine-rest/task?maxResults=1", "manager", "application/x-www-form-urlencoded",
        form);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
  }

  @Test
  void aChunkedAttachmentOverTheLimitIsRefused() {
    String taskId = wardTask();
    String boundary = "shisaku" + System.nanoTime();
    var tooLarge = sendChunked("/engine-rest/task/" + taskId + "/attachment/create", "manager",
        "multipart/form-data; boundary=" + boundary, attachment(boundary, 1_100_000));
    assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);

    var fits = sendChunked("/engine-rest/task/" + taskId + "/attachment/create", "manager",
        "multipart/form-data; boundary=" + boundary, attachment(boundary, 1_000_000));
    assertThat(fits.statusCode()).as(fits.body()).isEqualTo(200);
    assertThat(taskService.getTaskAttachments(taskId)).hasSize(1);
  }

  // --- One login door ---

  @Test
  void camundasOwnLoginIsClosed() {
    var browser = new BrowserSession(port);
    browser.login("manager", TestUsers.PASSWORD);
    browser.get("/camunda/app/tasklist/default/");
    var attempt = browser.post("/camunda/api/admin/auth/user/default/login/tasklist",
        "application/x-www-form-urlencoded", "username=takatsu&password=" + TestUsers.PASSWORD,
        "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
    assertThat(attempt.statusCode()).as(attempt.body()).isEqualTo(403);
    assertThat(attempt.body()).doesNotContain("takatsu");
    assertThat(browser.get("/camunda/api/admin/auth/user/default").body()).as("the caller's session lives on")
        .contains("\"userId\":\"manager\"");
    assertThat(browser.get("/camunda/api/admin/auth/user/default/login/tasklist").statusCode()).isEqualTo(403);

    var anonymous = send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", null, null,
        "application/x-www-form-urlencoded", "username=takatsu&password=" + TestUsers.PASSWORD);
    assertThat(anonymous.statusCode()).isIn(401, 403);
    assertThat(anonymous.body()).doesNotContain("takatsu");
  }

  @Test
  void theWebappsLogoutNeedsCamundasCsrfToken() {
    var browser = new BrowserSession(port);
    browser.login("manager", TestUsers.PASSWORD);
    browser.get("/camunda/app/tasklist/default/");
    assertThat(browser.post("/camunda/api/admin/auth/user/default/logout", "application/json", "").statusCode())
        .as("without X-XSRF-TOKEN it is no logout").isEqualTo(403);
    var forging = new BrowserSession(port);
    forging.login("manager", TestUsers.PASSWORD);
    forging.get("/camunda/app/tasklist/default/");
    assertThat(forging.post("/camunda/api/admin/auth/user/default/logout", "application/json", "",
        "X-XSRF-TOKEN", "forged").statusCode()).as("nor with a wrong one").isEqualTo(403);

    var loggedIn = new BrowserSession(port);
    loggedIn.login("manager", TestUsers.PASSWORD);
    loggedIn.get("/camunda/app/tasklist/default/");
    assertThat(loggedIn.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(200);
    var logout = loggedIn.post("/camunda/api/admin/auth/user/default/logout", "application/json", "",
        "X-XSRF-TOKEN", loggedIn.cookie("XSRF-TOKEN"));
    assertThat(logout.statusCode()).as("the Tasklist's ログアウト button").isEqualTo(200);
    assertThat(loggedIn.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(401);
  }

  // --- CSRF is off only for a verified Basic credential ---

  @Test
  void onlyAValidBasicCredentialSkipsCsrfOnASession() {
    var browser = new BrowserSession(port);
    browser.login("manager", TestUsers.PASSWORD);
    browser.get("/api/progress?fiscalYear=2030");
    assertThat(browser.post("/api/plans", "application/yaml", "id: x", "Authorization", "Bearer x").statusCode())
        .as("any other scheme is no credential").isEqualTo(403);
    assertThat(browser.post("/api/plans", "application/yaml", "id: x", "Authorization",
        basic("manager", TestUsers.PASSWORD)).statusCode()).as("valid Basic: past CSRF").isEqualTo(400);
    var wrong = browser.post("/api/plans", "application/yaml", "id: x", "Authorization",
        basic("manager", "not-the-password"));
    assertThat(wrong.statusCode()).as("a wrong password is no credential, session or not").isEqualTo(401);
    assertThat(wrong.body()).as("the one answer to every failed login").contains("ユーザー名またはパスワードが正しくないか");
  }

  // --- Health details for administrators only ---

  @Test
  void healthDetailsAreForAdministratorsOnly() {
    for (String path : new String[] {"/actuator/health", "/actuator/health/readiness"}) {
      var ward = http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity(path, String.class);
      assertThat(ward.getStatusCode().value()).as(path).isEqualTo(200);
      assertThat(ward.getBody()).as(path).contains("\"status\":\"UP\"").doesNotContain("components", "\"db\"");
      var admin = http.withBasicAuth("admin", adminPassword).getForEntity(path, String.class);
      assertThat(admin.getBody()).as(path).contains("components", "\"db\"");
    }
    assertThat(send("HEAD", "/actuator/health", null, null, null, null).statusCode()).as("probes may HEAD")
        .isEqualTo(200);
  }

  // --- Engine-wide metrics and statistics not for ward staff ---

  static Stream<String> engineWideReads() {
    return Stream.of("/metrics/activity-instance-start/sum", "/metrics?interval=900&maxResults=10",
        "/process-definition/statistics", "/process-definition/key/initiative-lifecycle/statistics",
        "/process-definition/{id}/statistics", "/history/process-definition/{id}/statistics",
        "/history/task/report?reportType=count&groupBy=processDefinition",
        "/history/process-definition/cleanable-process-instance-report/count");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engineWideReads")
  void engineWideFiguresAreNotForWardStaff(String path) {
    String resolved = path.replace("{id}", repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey("initiative-lifecycle").latestVersion().singleResult().getId());
    var browser = new BrowserSession(port);
    browser.login("takatsu", TestUsers.PASSWORD);
    for (String url : List.of("/engine-rest" + resolved, "/engine-rest/engine/default" + resolved)) {
      for (String method : List.of("GET", "HEAD", "POST")) {
        assertThat(send(method, url, "takatsu", TestUsers.PASSWORD, null, null).statusCode())
            .as(method + " " + url).isEqualTo(403);
      }
      assertThat(send("GET", url, "auditor", TestUsers.PASSWORD, null, null).statusCode()).as("auditor " + url)
          .isEqualTo(200);
      assertThat(send("GET", url, "manager", TestUsers.PASSWORD, null, null).statusCode()).as("manager " + url)
          .isEqualTo(200);
    }
    assertThat(browser.get("/camunda/api/engine/engine/default" + resolved).statusCode()).as("webapps' API")
        .isEqualTo(403);
  }

  @Test
  void cockpitsStatisticsAreNotForWardStaff() {
    var ward = new BrowserSession(port);
    ward.login("takatsu", TestUsers.PASSWORD);
    var manager = new BrowserSession(port);
    manager.login("manager", TestUsers.PASSWORD);
    for (String path : List.of("/camunda/api/cockpit/plugin/base/default/process-definition/statistics?maxResults=50",
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count")) {
      assertThat(ward.get(path).statusCode()).as(path).isEqualTo(403);
      assertThat(manager.get(path).statusCode()).as("manager " + path).isEqualTo(200);
    }
  }

  // --- 400, not 500, for what the sender got wrong ---

  @Test
  void anOverlongFirstNameIsTheSendersMistake() {
    var response = http.withBasicAuth("admin", adminPassword).postForEntity("/engine-rest/user/create",
        SecurityMatrixTest.json(Map.of("profile", Map.of("id", "longname", "firstName", "名".repeat(300),
            "lastName", "長"), "credentials", Map.of("password", TestUsers.PASSWORD))), Map.class);
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(400);
    assertThat((String) response.getBody().get("message")).contains("長すぎ", "too long");
    assertThat(identityService.createUserQuery().userId("longname").count()).isZero();
  }

  @Test
  void anInvalidQueryCombinationIsTheSendersMistake() {
    var response = send("GET",
        "/engine-rest/history/task?taskDueDate=2030-01-01T00:00:00.000%2B0900&withoutTaskDueDate=true&maxResults=1",
        "manager", TestUsers.PASSWORD, null, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("検索条件", "withoutTaskDueDate");
  }

  // --- Referrer-Policy everywhere ---

  @Test
  void everyResponseSaysWhichReferrerToSend() {
    var browser = new BrowserSession(port);
    browser.login("manager", TestUsers.PASSWORD);
    for (String path : List.of("/login", "/camunda/app/tasklist/default/", "/api/progress?fiscalYear=2030",
        "/engine-rest/task/count", "/camunda/api/admin/auth/user/default")) {
      assertThat(browser.get(path).headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
    }
    assertThat(send("GET", "/actuator/health", null, null, null, null).headers().firstValue("Referrer-Policy"))
        .hasValue("same-origin");
    assertThat(send("GET", "/engine-rest/task/count", null, null, null, null).headers()
        .firstValue("Referrer-Policy")).as("401 too").hasValue("same-origin");
  }

  // --- Redirects and links from the configured public URL, never from the Host header ---

  @Test
  void theLoginRedirectIgnoresTheHostHeader() throws IOException {
    String response = raw("GET /camunda/app/tasklist/default/ HTTP/1.1\r\nHost: evil.example\r\n"
        + "Accept: text/html\r\nConnection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 302");
    assertThat(locationOf(response)).endsWith("/login").doesNotContain("evil.example");
  }

  @Test
  void theRedirectAfterTheLoginIgnoresTheHostHeader() throws IOException {
    String first = raw("GET /camunda/app/tasklist/default/ HTTP/1.1\r\nHost: evil.example\r\n"
        + "Accept: text/html\r\nConnection: close\r\n\r\n");
    String session = header(first, "Set-Cookie").split(";")[0];
    String page = raw("GET /login HTTP/1.1\r\nHost: evil.example\r\nCookie: " + session
        + "\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
    var token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).as(page).isTrue();
    String form = "username=manager&password=" + java.net.URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8)
        + "&_csrf=" + java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    String login = raw("POST /login HTTP/1.1\r\nHost: evil.example\r\nCookie: " + session
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
        + "\r\nConnection: close\r\n\r\n" + form);
    assertThat(login).startsWith("HTTP/1.1 302");
    assertThat(locationOf(login)).as("back to the page asked for, at the public URL")
        .startsWith("http://localhost:" + port + "/camunda/app/tasklist/default/");
  }

  @Test
  void restLinksIgnoreTheHostHeader() throws IOException {
    String body = "{\"businessKey\":\"FY2030-host-" + System.nanoTime() + "\",\"variables\":{"
        + "\"ownerGroup\":{\"value\":\"wardTakatsu\"},\"fiscalYear\":{\"value\":2030,\"type\":\"Integer\"},"
        + "\"plannedOutcome\":{\"value\":\"continue\"}}}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String response = raw("POST /engine-rest/process-definition/key/initiative-lifecycle/start HTTP/1.1\r\n"
        + "Host: evil.example\r\nAuthorization: " + basic("admin", adminPassword) + "\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n"
        + body);
    assertThat(response).startsWith("HTTP/1.1 200").contains("/engine-rest/process-instance/")
        .contains("http://localhost:" + port + "/engine-rest/process-instance/").doesNotContain("evil.example");
  }

  private String wardTask() {
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("edge-" + System.nanoTime(), "境界のテスト",
        "hiroba", OrganizationGroup.WARD_TAKATSU.id(), 2031)).orElseThrow();
    return taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
  }

  private static byte[] attachment(String boundary, int size) {
    var out = new java.io.ByteArrayOutputStream();
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment-name\"\r\n\r\n"
        + "memo.txt\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment-type\"\r\n\r\n"
        + "text/plain\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"content\"; "
        + "filename=\"memo.txt\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    out.writeBytes("a".repeat(size).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** One request as a client library sends it, with any method; Basic credentials unless {@code user} is null. */
  private java.net.http.HttpResponse<String> send(String method, String path, String user, String password,
      String contentType, String body) {
    var request = java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, body == null || method.equals("HEAD") ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      request.header("Authorization", basic(user, password));
    }
    if (contentType != null && body != null && !method.equals("HEAD")) {
      request.header("Content-Type", contentType);
    }
    return exchange(request.build());
  }

  /** A body without a length: the client sends it chunked. */
  private java.net.http.HttpResponse<String> sendChunked(String path, String user, String contentType, byte[] body) {
    return exchange(java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", basic(user, TestUsers.PASSWORD)).header("Content-Type", contentType)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build());
  }

  private static java.net.http.HttpResponse<String> exchange(java.net.http.HttpRequest request) {
    try {
      return CLIENT.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newBuilder()
      .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

  /** A request written by hand, for headers a client library will not send (a forged Host). */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String locationOf(String response) {
    return header(response, "Location");
  }

  private static String header(String response, String name) {
    String prefix = name.toLowerCase(java.util.Locale.ROOT) + ":";
    return response.lines().takeWhile(line -> !line.isEmpty())
        .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith(prefix))
        .map(line -> line.substring(prefix.length()).trim()).findFirst().orElse("");
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
