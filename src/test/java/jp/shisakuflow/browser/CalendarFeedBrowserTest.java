package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A ward officer issues their calendar feed URL in Tasklist's カレンダー連携, and a calendar client reads it. */
@ApiTest
class CalendarFeedBrowserTest {

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void aWardOfficerIssuesAFeedUrlThatACalendarClientReadsWithoutALogin() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    identityService.deleteUserInfo("takatsu", "shisaku.calendarFeed.sha256");
    String mine = task("高津の提出期限", OrganizationGroup.WARD_TAKATSU);
    String other = task("多摩の提出期限", OrganizationGroup.WARD_TAMA);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    Chromium.logIn(browser, base(), "takatsu");
    wait.until(ExpectedConditions.urlContains("/camunda/app/"));
    Chromium.openWebapp(browser, base() + "/camunda/app/tasklist/default/");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.shisaku-calendar-open"))).click();
    WebElement issue = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".shisaku-calendar-issue")));
    assertThat(browser.findElement(By.cssSelector(".shisaku-calendar-dialog")).getText())
        .contains("カレンダー連携", "URLはまだ発行されていません", "Outlook", "前の営業日の始業時に届くリマインダー");
    EnglishUiText.assertNoneOn(browser, "Tasklist's カレンダー連携 dialog");
    assertThat(issue.getText()).isEqualTo("URLを発行");
    issue.click();

    wait.until(ExpectedConditions.or(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-calendar-url")),
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-calendar-error"))));
    assertThat(browser.findElements(By.cssSelector(".shisaku-calendar-error"))).as(() -> "the dialog says: "
        + browser.findElement(By.cssSelector(".shisaku-calendar-dialog")).getText()).isEmpty();
    WebElement field = browser.findElement(By.cssSelector(".shisaku-calendar-url"));
    String url = field.getAttribute("value");
    assertThat(url).contains("/api/calendar/feed/takatsu/").endsWith(".ics");
    String dialog = browser.findElement(By.cssSelector(".shisaku-calendar-dialog")).getText();
    assertThat(dialog).contains("二度と表示されません", "以前のURLは使えなくなります", "再発行", "無効にする");
    assertThat(browser.findElement(By.cssSelector(".shisaku-calendar-copy")).getText()).as("a copy button by the URL")
        .isEqualTo("コピー");
    EnglishUiText.assertNoneOn(browser, "Tasklist's カレンダー連携 dialog with the issued URL");
    Chromium.screenshot(browser, "calendar-feed-dialog");

    String path = url.substring(url.indexOf("/api/"));
    HttpResponse<String> feed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(feed.statusCode()).as("no login, no cookie").isEqualTo(200);
    assertThat(feed.body()).contains("BEGIN:VCALENDAR", "X-WR-CALNAME:施策フロー テスト takatsu", "期限: " + mine)
        .doesNotContain(other);
    // What a calendar client makes of it (the name, the reminders) is IcalJsFeedTest's, read with ical.js.
    assertThat(feed.body()).contains("BEGIN:VALARM", "ACTION:DISPLAY");
  }

  /** A task due in a week, for the group; returns its name. */
  private String task(String label, OrganizationGroup group) {
    String name = label + " " + System.nanoTime();
    Task task = taskService.newTask();
    task.setName(name);
    task.setDueDate(Date.from(Instant.now().plus(7, ChronoUnit.DAYS)));
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), group.id());
    return name;
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
