package jp.shisakuflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import jp.shisakuflow.ShisakuFlowApplication;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.LocalPostgres;
import jp.shisakuflow.support.OwnApplication;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The app on the {@code postgres} profile against a real PostgreSQL on loopback. */
@Tag(OwnApplication.TAG)
class PostgresProfileTest {

  static final int YEAR = 2045;
  static final int ROUNDS = 10;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LocalPostgres postgres;
  private static ConfigurableApplicationContext app;
  private static String base;

  @BeforeAll
  static void startPostgresAndApp() throws Exception {
    postgres = LocalPostgres.start();
    app = new SpringApplicationBuilder(ShisakuFlowApplication.class).profiles("test", "postgres").run(
        "--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
        "--spring.datasource.password=", "--spring.datasource.hikari.connection-timeout=2000");
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    TestUsers.ensure(app.getBean(IdentityService.class), "takatsu", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(app.getBean(IdentityService.class), "takatsu2", OrganizationGroup.WARD_TAKATSU);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void whenPostgresIsDownRequestsFailFastWith503AndTheAppRecoversByItself() throws Exception {
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    HttpClient browser = loggedInBrowser("takatsu");
    String webappApi = "/camunda/api/engine/engine/default/task/count";
    assertThat(browserGet(browser, webappApi).statusCode()).isEqualTo(200);
    HttpClient newcomer = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    String loginToken = csrfToken(newcomer);
    postgres.kill();
    try {
      long started = System.nanoTime();
      HttpResponse<String> tasks = get("/engine-rest/task?maxResults=10", "takatsu");
      assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(503);
      assertThat(tasks.body()).contains("DatabaseUnavailable", "データベースに接続できません");
      assertThat(tasks.headers().firstValue("Retry-After")).contains("5");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails fast").isLessThan(Duration.ofSeconds(15));
      HttpResponse<String> progress = get("/api/progress?fiscalYear=" + YEAR, "takatsu");
      assertThat(progress.statusCode()).as(progress.body()).isEqualTo(503);
      assertThat(progress.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
          .startsWith("application/problem+json"));
      assertThat(progress.body()).contains("urn:shisaku:problem:database-unavailable", "データベースに接続できません");
      HttpResponse<String> health = get("/actuator/health", null);
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("DOWN");
      HttpResponse<String> webapp = browserGet(browser, webappApi);
      assertThat(webapp.statusCode()).as("Tasklist's own API: " + webapp.body()).isEqualTo(503);
      assertThat(webapp.body()).contains("DatabaseUnavailable");
      HttpResponse<String> login = logIn(newcomer, "takatsu", loginToken);
      assertThat(login.statusCode()).as("a browser logging in").isEqualTo(503);
      assertThat(login.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
      assertThat(login.body()).contains("データベースに接続できません", "<html");
    } finally {
      postgres.startServer();
    }
    // A client does what the 503 says: tries again after Retry-After (5 s). The pool has to find its dead
    // connections and open new ones first; on a loaded machine that can take more than one try.
    HttpResponse<String> again = get("/engine-rest/task?maxResults=10", "takatsu");
    for (int retry = 0; again.statusCode() == 503 && retry < 6; retry++) {
      Thread.sleep(5_000);
      again = get("/engine-rest/task?maxResults=10", "takatsu");
    }
    assertThat(again.statusCode()).as("recovered without a restart: " + again.body()).isEqualTo(200);
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void recordsOfNoCityAreGivenTheCityOnPostgres() {
    // Started as before cities: by no one's city (the upgrade's statements read PostgreSQL's schema as H2's).
    String instance = app.getBean(InitiativeLifecycleService.class).startIfAbsent(InitiativeStart.unplanned(
        "pg-no-city", "市のない施策", "other", OrganizationGroup.COMMUNITY_PROMOTION.id(), YEAR)).orElseThrow();
    var records = app.getBean(jp.shisakuflow.operations.RecordsOfNoCity.class);
    assertThat(records.assign("kawasaki", true)).containsKeys("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_RU_TASK",
        "ACT_RU_EXECUTION", "ACT_RU_IDENTITYLINK", "SHISAKU_PROGRESS");
    records.assign("kawasaki", false);
    assertThat(app.getBean(ProcessEngine.class).getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(instance).singleResult().getTenantId()).isEqualTo("kawasaki");
    assertThat(records.assign("kawasaki", true)).as("nothing of no city left").isEmpty();
  }

  @Test
  void onPostgresTwoClientsCompletingOneTaskGetOneSuccessAndOneConflict() throws Exception {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
        .getProcessEngineConfiguration();
    assertThat(configuration.getDatabaseType()).isEqualTo("postgres");

    InitiativeLifecycleService initiatives = app.getBean(InitiativeLifecycleService.class);
    TaskService tasks = app.getBean(TaskService.class);
    int[] round = {0};
    CompletionRace.expectOneWinnerPerRound(ROUNDS, () -> {
      String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("pg-conflict-" + round[0]++,
          "同時完了テスト", "other", "wardTakatsu", YEAR)).orElseThrow();
      String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
      assertThat(task).as("strong (UUID) ids").matches("[0-9a-f]{8}-[0-9a-f]{4}-.*");
      return task;
    }, (user, task) -> complete(base, user, task), "takatsu", "takatsu2");
  }

  private static HttpClient loggedInBrowser(String user) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    HttpResponse<String> login = logIn(browser, user, csrfToken(browser));
    assertThat(login.statusCode()).as("form login redirects").isEqualTo(302);
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    return browser;
  }

  private static String csrfToken(HttpClient browser) throws Exception {
    String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).as("CSRF token on the login page").isTrue();
    return token.group(1);
  }

  private static HttpResponse<String> logIn(HttpClient browser, String user, String csrf) throws Exception {
    String form = "username=" + user + "&password=" + java.net.URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8)
        + "&_csrf=" + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    return browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html,*/*")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> browserGet(HttpClient browser, String path) throws Exception {
    return browser.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static CompletionRace.Answer complete(String base, String user, String task) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/engine-rest/task/" + task + "/complete"))
        .header("Authorization", basic(user)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"variables\":{\"coordinationPartners\":{\"value\":\"高津区 地域振興課\"}}}")).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new CompletionRace.Answer(response.statusCode(), response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
