package jp.shisakuflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.LinkedPlan;
import jp.shisakuflow.support.TestUsers;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The feed as a real calendar client reads it: ical.js, the parser of Thunderbird's calendar, run with this
 * machine's Node from {@code src/test/node/ical/} (its {@code package-lock.json} pins it; {@code npm ci} installs
 * it when needed). The client, not string matching, says the name, the all-day dates and when a reminder goes off.
 */
@ApiTest
class IcalJsFeedTest {

  static final Path READER = Path.of("src/test/node/ical");

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired PlanImportService plans;
  @Autowired TaskService taskService;

  @BeforeAll
  static void installReader() throws Exception {
    Run node = run(READER, null, "node", "--version");
    if (node == null || node.exitCode() != 0) {
      fail("The calendar feed check reads the feed with ical.js and needs Node.js and npm on the PATH: install them"
          + " (Debian: apt-get install nodejs npm)." + (node == null ? "" : "\n" + node.output()));
    }
    Path installed = READER.resolve("node_modules/.package-lock.json");
    Path locked = READER.resolve("package-lock.json");
    if (!Files.exists(installed) || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(locked)) < 0) {
      Run ci = run(READER, null, "npm", "ci", "--no-audit", "--no-fund");
      if (ci == null || ci.exitCode() != 0) {
        fail("npm ci in " + READER + " failed" + (ci == null ? ": npm is not on the PATH (Debian: apt-get install npm)"
            : ":\n" + ci.output()));
      }
    }
  }

  @Test
  void aGroupsFeedIsNamedInJapaneseAndAPersonalFeedAfterItsOwner() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    var takatsu = http.withBasicAuth("takatsu", TestUsers.PASSWORD);

    JsonNode group = read(takatsu, "/api/calendar.ics?group=wardTakatsu");
    assertThat(group.path("name").asText()).isEqualTo("施策フロー 高津区役所");
    assertThat(group.path("xWrCalname").asText()).as("what Outlook, Google and Apple read").isEqualTo("施策フロー 高津区役所");

    var issued = takatsu.postForEntity("/api/calendar/token", null, Map.class);
    assertThat(issued.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String url = (String) issued.getBody().get("url");
    JsonNode personal = read(http, url.substring(url.indexOf("/api/")));
    assertThat(personal.path("name").asText()).as("the owner's name (姓 名)").isEqualTo("施策フロー テスト takatsu");
    assertThat(personal.path("xWrCalname").asText()).isEqualTo("施策フロー テスト takatsu");
  }

  @Test
  void aDueDateIsAnAllDayEventThatRemindsAtEightThirtyOnTheWorkingDayBefore() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    String name = "高津の提出期限 " + System.nanoTime();
    Task task = taskService.newTask();
    task.setName(name);
    task.setDueDate(CityTime.dueAt(LocalDate.of(2076, 3, 23))); // a Monday, 17:15
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), OrganizationGroup.WARD_TAKATSU.id());

    JsonNode due = event(read(http.withBasicAuth("takatsu", TestUsers.PASSWORD), "/api/calendar.ics"), "期限: " + name);

    assertThat(due.path("allDay").asBoolean()).isTrue();
    assertThat(due.path("start").asText()).isEqualTo("2076-03-23");
    assertThat(due.path("transp").isNull()).as("an exact due date blocks the day").isTrue();
    assertThat(due.path("alarms")).hasSize(1);
    JsonNode alarm = due.path("alarms").get(0);
    assertThat(alarm.path("action").asText()).isEqualTo("DISPLAY");
    assertThat(alarm.path("trigger").asText()).isEqualTo("-P2DT15H30M");
    assertThat(alarm.path("at").asText()).as("Friday when the offices open, not Sunday").isEqualTo("2076-03-20T08:30:00");
    assertThat(alarm.path("description").asText()).isEqualTo("期限は 3月23日（月） です: " + name);
  }

  @Test
  void vagueDatesStayAllDayAndTransparentAndOnlyDueDatesRemind() throws Exception {
    int year = 2075;
    LinkedPlan.importInto(plans, identityService, year);

    JsonNode feed = read(http.withBasicAuth("manager", TestUsers.PASSWORD), "/api/calendar.ics");

    JsonNode exact = event(feed, "▲ 第1回有識者会議", year + "-07-09");
    assertThat(exact.path("allDay").asBoolean()).isTrue();
    assertThat(exact.path("transp").isNull()).isTrue();
    assertThat(exact.path("alarms")).as("a milestone is no one's due date").isEmpty();

    JsonNode vague = event(feed, "▲ 第2回有識者会議（第2四半期頃）", year + "-07-01");
    assertThat(vague.path("allDay").asBoolean()).isTrue();
    assertThat(vague.path("end").asText()).as("the whole quarter").isEqualTo(year + "-10-01");
    assertThat(vague.path("transp").asText()).isEqualTo("TRANSPARENT");
    assertThat(vague.path("alarms")).isEmpty();

    JsonNode vagueDue = event(feed, "期限: 設置・検討：職員プロジェクトチームの設置（第2四半期中）", year + "-09-30");
    assertThat(vagueDue.path("allDay").asBoolean()).isTrue();
    assertThat(vagueDue.path("transp").asText()).isEqualTo("TRANSPARENT");
    assertThat(vagueDue.path("alarms")).hasSize(1);
    assertThat(vagueDue.path("alarms").get(0).path("at").asText()).as("30 September %d is a Monday", year)
        .isEqualTo(year + "-09-27T08:30:00");
  }

  /** The feed at {@code path}, as ical.js reads it. */
  private static JsonNode read(TestRestTemplate client, String path) throws Exception {
    var response = client.getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
    Run reader = run(READER, response.getBody(), "node", "read-feed.mjs");
    assertThat(reader).as("node is on the PATH").isNotNull();
    assertThat(reader.exitCode()).as("ical.js could not read the feed of %s:\n%s", path, reader.output()).isZero();
    return new ObjectMapper().readTree(reader.output());
  }

  private static JsonNode event(JsonNode feed, String summary) {
    List<JsonNode> found = StreamSupport.stream(feed.path("events").spliterator(), false)
        .filter(e -> e.path("summary").asText().equals(summary)).toList();
    assertThat(found).as("events named %s", summary).hasSize(1);
    return found.get(0);
  }

  private static JsonNode event(JsonNode feed, String summary, String start) {
    return StreamSupport.stream(feed.path("events").spliterator(), false)
        .filter(e -> e.path("summary").asText().equals(summary) && e.path("start").asText().equals(start))
        .findFirst().orElseThrow(() -> new AssertionError("no " + summary + " starting " + start));
  }

  /** Runs a command in a folder, with {@code input} on its stdin; null when the program is not on the PATH. */
  private static Run run(Path dir, String input, String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException notFound) {
      return null;
    }
    try (OutputStream stdin = process.getOutputStream()) {
      if (input != null) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish within 5 minutes");
    }
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String output) {}
}
