package jp.shisakuflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.security.SecurityConfiguration;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.LinkedPlan;
import jp.shisakuflow.support.TestUsers;
import jp.shisakuflow.time.CityTime;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

@ApiTest
class CalendarApiTest {

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired PlanImportService plans;
  @Autowired TaskService taskService;
  @LocalServerPort int port;

  @Test
  void aGroupSubscribesToItsMilestonesAndTaskDueDates() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    plans.importPlan("fy2019-community.yaml", jp.shisakuflow.fiscalyear.StandalonePlanServices.seedYaml(), 2025);

    var response = http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity("/api/calendar.ics?group=wardTakatsu",
        String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/calendar");
    Calendar calendar = new CalendarBuilder().build(new StringReader(response.getBody()));
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events).anySatisfy(e -> {
      assertThat(summary(e)).isEqualTo("▲ 高津どんなもんじゃ祭り");
      assertThat(e.getDateTimeStart().get().getDate()).isEqualTo(LocalDate.of(2025, 6, 16));
      assertThat(e.getProperty(Property.DESCRIPTION).map(Property::getValue).orElse("")).endsWith("/ 高津区役所");
    });
    // The seed's ward items are shared by the office and the wards (their task names follow the plan): any task of the ward.
    assertThat(events).anySatisfy(e -> assertThat(summary(e)).startsWith("期限: "));
    assertThat(events).noneSatisfy(e -> assertThat(summary(e)).isEqualTo("▲ 第1回有識者会議"));
  }

  @Test
  void exactDatesAreAppointmentsAndVagueOnesSpanTheirWindowAndSaySo() throws Exception {
    int year = 2043;
    LinkedPlan.importInto(plans, identityService, year);

    List<VEvent> events = calendar(http.withBasicAuth("manager", TestUsers.PASSWORD), "/api/calendar.ics")
        .getComponents("VEVENT");

    VEvent exact = event(events, "▲ 第1回有識者会議", year);
    assertThat(exact.getDateTimeStart().get().getDate()).isEqualTo(LocalDate.of(year, 7, 9));
    assertThat(exact.getDateTimeEnd()).as("one day").isEmpty();
    assertThat(exact.getProperty(Property.TRANSP)).as("an appointment").isEmpty();

    VEvent vague = event(events, "▲ 第2回有識者会議（第2四半期頃）", year);
    assertThat(vague.getDateTimeStart().get().getDate()).isEqualTo(LocalDate.of(year, 7, 1));
    assertThat(vague.getDateTimeEnd().get().getDate()).as("exclusive end: the whole quarter")
        .isEqualTo(LocalDate.of(year, 10, 1));
    assertThat(vague.getProperty(Property.TRANSP).map(Property::getValue)).contains("TRANSPARENT");
    assertThat(vague.getProperty(Property.DESCRIPTION).map(Property::getValue).orElse(""))
        .contains("第2四半期頃", "職員プロジェクトチームによる試行実施");

    VEvent due = events.stream().filter(e -> summary(e).startsWith("期限: 設置・検討")
        && e.getDateTimeStart().get().getDate().equals(LocalDate.of(year, 9, 30))).findFirst().orElseThrow();
    assertThat(summary(due)).as("due by the end of a vague window: no appointment")
        .isEqualTo("期限: 設置・検討：職員プロジェクトチームの設置（第2四半期中）");
    assertThat(due.getProperty(Property.TRANSP).map(Property::getValue)).contains("TRANSPARENT");
    assertThat(due.getProperty(Property.DESCRIPTION).map(Property::getValue).orElse(""))
        .contains("予定: 第1四半期〜第2四半期（期限は 9月30日）", "主担当: 市民文化局コミュニティ推進部 ほか: 高津区役所",
            "協力: 川崎市市民自治財団", "Tasklist: ");
  }

  @Test
  void anUnknownGroupIsNamedInA400() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    var response = http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity("/api/calendar.ics?group=wardMoon",
        String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("wardMoon");
  }

  @Test
  void aWardUsersCalendarHasTheirGroupsTasksAndNotAnotherWards() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    String takatsuTask = task("高津の締切", OrganizationGroup.WARD_TAKATSU);
    String tamaTask = task("多摩の締切", OrganizationGroup.WARD_TAMA);

    Calendar mine = calendar(http.withBasicAuth("takatsu", TestUsers.PASSWORD), "/api/calendar.ics");
    assertThat(summaries(mine)).contains("期限: " + takatsuTask).doesNotContain("期限: " + tamaTask);
    assertThat(name(mine)).isEqualTo("施策フロー テスト takatsu");

    Calendar group = calendar(http.withBasicAuth("takatsu", TestUsers.PASSWORD), "/api/calendar.ics?group=wardTakatsu");
    assertThat(summaries(group)).contains("期限: " + takatsuTask).doesNotContain("期限: " + tamaTask);
    assertThat(name(group)).isEqualTo("施策フロー 高津区役所");
    assertThat(group.getProperty(Property.NAME).map(Property::getValue)).as("RFC 7986 NAME, not wardTakatsu")
        .contains("施策フロー 高津区役所");
    VEvent due = group.<VEvent>getComponents("VEVENT").stream().filter(e -> summary(e).equals("期限: " + takatsuTask))
        .findFirst().orElseThrow();
    assertThat(due.getAlarms()).singleElement().satisfies(alarm -> {
      assertThat(alarm.getProperty(Property.ACTION).map(Property::getValue)).contains("DISPLAY");
      assertThat(alarm.getProperty(Property.TRIGGER).map(Property::getValue).orElse("")).as("before the due day")
          .startsWith("-P");
      assertThat(alarm.getProperty(Property.DESCRIPTION).map(Property::getValue).orElse(""))
          .startsWith("期限は ").endsWith(" です: " + takatsuTask);
    });

    Calendar managers = calendar(http.withBasicAuth("manager", TestUsers.PASSWORD), "/api/calendar.ics");
    assertThat(summaries(managers)).as("managers read every task").contains("期限: " + takatsuTask, "期限: " + tamaTask);
  }

  @Test
  void aWardUserSeesTheirGroupsMilestonesAndAManagerEveryPlans() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    plans.importPlan("fy2019-community.yaml", jp.shisakuflow.fiscalyear.StandalonePlanServices.seedYaml(), 2025);

    List<String> ward = summaries(calendar(http.withBasicAuth("takatsu", TestUsers.PASSWORD), "/api/calendar.ics"));
    assertThat(ward).contains("▲ 高津どんなもんじゃ祭り").doesNotContain("▲ 第1回有識者会議");
    List<String> manager = summaries(calendar(http.withBasicAuth("manager", TestUsers.PASSWORD), "/api/calendar.ics"));
    assertThat(manager).contains("▲ 高津どんなもんじゃ祭り", "▲ 第1回有識者会議");
  }

  @Test
  void anotherGroupsCalendarIsRefusedNamingTheGroup() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    var response = http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity("/api/calendar.ics?group=wardTama",
        String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getBody()).contains("wardTama");
  }

  @Test
  void withoutALoginThereIsNoCalendarAndNoToken() {
    assertThat(http.getForEntity("/api/calendar.ics", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/api/calendar/token", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.postForEntity("/api/calendar/token", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.exchange("/api/calendar/token", HttpMethod.DELETE, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aFeedUrlWorksWithoutALoginAndShowsItsOwnersTasksOnly() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    String takatsuTask = task("高津の締切", OrganizationGroup.WARD_TAKATSU);
    String tamaTask = task("多摩の締切", OrganizationGroup.WARD_TAMA);
    var takatsu = http.withBasicAuth("takatsu", TestUsers.PASSWORD);

    String url = issue(takatsu);
    assertThat(url).startsWith("http://localhost:8080/api/calendar/feed/takatsu/").endsWith(".ics");
    Calendar feed = calendar(http, path(url));
    assertThat(summaries(feed)).contains("期限: " + takatsuTask).doesNotContain("期限: " + tamaTask);
    assertThat(name(feed)).isEqualTo("施策フロー テスト takatsu");
    assertThat(identityService.getUserInfo("takatsu", CalendarFeedTokens.HASH_KEY)).as("only the hash is kept")
        .hasSize(64).isNotEqualTo(url.substring(url.lastIndexOf('/') + 1, url.length() - 4));
    var status = takatsu.getForEntity("/api/calendar/token", Map.class).getBody();
    assertThat(status.get("exists")).isEqualTo(true);
    assertThat((String) status.get("issuedAt")).isNotBlank();
    assertThat((String) status.get("issuedAtText")).as("shown in the city's zone")
        .isEqualTo(CityTime.text(java.time.Instant.parse((String) status.get("issuedAt"))));
    assertThat(status).doesNotContainKey("url");
  }

  @Test
  void aReplacedOrRevokedOrWrongTokenIsA404() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    var takatsu = http.withBasicAuth("takatsu", TestUsers.PASSWORD);
    String first = path(issue(takatsu));
    String second = path(issue(takatsu));
    assertThat(http.getForEntity(first, String.class).getStatusCode()).as("re-issuing revokes the old URL")
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity(second, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    String token = second.substring(second.lastIndexOf('/') + 1);
    var wrongToken = http.getForEntity("/api/calendar/feed/takatsu/" + "A".repeat(43) + ".ics", Map.class);
    var unknownUser = http.getForEntity("/api/calendar/feed/nobody/" + token, Map.class);
    assertThat(wrongToken.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknownUser.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(withoutInstance(unknownUser.getBody())).as("the same answer, but for the path it echoes")
        .isEqualTo(withoutInstance(wrongToken.getBody())).containsKey("detail");
    assertThat(http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity("/api/calendar/feed/takatsu/" + token,
        String.class).getStatusCode()).as("a login does not stand in for the token").isEqualTo(HttpStatus.OK);

    assertThat(takatsu.exchange("/api/calendar/token", HttpMethod.DELETE, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(http.getForEntity(second, String.class).getStatusCode()).as("revoked").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(takatsu.getForEntity("/api/calendar/token", Map.class).getBody().get("exists")).isEqualTo(false);
  }

  @Test
  void aBrowserSessionIssuesItsFeedUrlWithTheAppsCsrfToken() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    var browser = new BrowserSession(port);
    browser.login("takatsu", TestUsers.PASSWORD);
    assertThat(browser.get("/api/calendar/token").statusCode()).isEqualTo(200);
    assertThat(browser.cookie(SecurityConfiguration.CSRF_COOKIE)).as("the status call hands out the CSRF cookie")
        .isNotBlank();

    var issued = browser.post("/api/calendar/token", "application/json", "", SecurityConfiguration.CSRF_HEADER,
        browser.cookie(SecurityConfiguration.CSRF_COOKIE));
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    assertThat(issued.body()).contains("/api/calendar/feed/takatsu/");
    assertThat(browser.post("/api/calendar/token", "application/json", "").statusCode()).as("without the CSRF header")
        .isEqualTo(403);
  }

  private String issue(TestRestTemplate user) {
    var response = user.postForEntity("/api/calendar/token", null, Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("url");
  }

  private static String path(String url) {
    return url.substring(url.indexOf("/api/"));
  }

  /** A task due in ten days, for the group; returns its name. */
  private String task(String label, OrganizationGroup group) {
    String name = label + " " + System.nanoTime();
    Task task = taskService.newTask();
    task.setName(name);
    task.setDueDate(Date.from(Instant.now().plus(10, ChronoUnit.DAYS)));
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), group.id());
    return name;
  }

  private static Calendar calendar(TestRestTemplate client, String path) throws Exception {
    var response = client.getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/calendar");
    return new CalendarBuilder().build(new StringReader(response.getBody()));
  }

  private static List<String> summaries(Calendar calendar) {
    return calendar.<VEvent>getComponents("VEVENT").stream().map(CalendarApiTest::summary).toList();
  }

  /** The event of that summary in that year. */
  private static VEvent event(List<VEvent> events, String summary, int year) {
    return events.stream().filter(e -> summary(e).equals(summary)
        && e.getDateTimeStart().get().getDate() instanceof LocalDate day && day.getYear() == year)
        .findFirst().orElseThrow(() -> new AssertionError("no " + summary + " in " + year));
  }

  private static String name(Calendar calendar) {
    return calendar.getProperty("X-WR-CALNAME").map(Property::getValue).orElse("");
  }

  private static String summary(VEvent event) {
    return event.getProperty(Property.SUMMARY).map(Property::getValue).orElse("");
  }

  private static Map<Object, Object> withoutInstance(Map<?, ?> problem) {
    Map<Object, Object> copy = new java.util.HashMap<>(problem);
    copy.remove("instance");
    return copy;
  }
}
