package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Ward staff walk Tasklist (years 2063–2064): the list and a task in Japanese, none of the actions the server
 * refuses them offered (タスクを作成, プロセスを開始, due dates, groups, the assignee editor, ↗ to Cockpit), the
 * release of their own claim, cards with the initiative's full name, the due date itself and overdue marked, no
 * priority number, the sort header naming the list's order, names in the history, and Japanese 403/404 pages.
 */
@ApiTest
class StaffTasklistBrowserTest {

  static final String TITLE = "高津区 地域の居場所づくりと多世代交流を進めるための担い手育成モデル事業（2063年度）";

  /** Our initiative's card in the list. */
  static final By CARD = By.xpath("//ol[contains(@class, 'tasks-list')]/li[.//*[contains(normalize-space(.), '"
      + TITLE + "')]]");

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void wardStaffSeeOnlyWhatTheyMayDoAndCardsThatSayWhatTheyNeed() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("tasklist-" + System.nanoTime(), TITLE,
        "social-design-center", OrganizationGroup.WARD_TAKATSU.id(), 2063)).orElseThrow();
    String taskId = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    // Overdue: ten days ago, so that it comes first in the department's list (sorted by due date).
    Date due = Date.from(Instant.now().minus(10, ChronoUnit.DAYS));
    var task = taskService.createTaskQuery().taskId(taskId).singleResult();
    task.setDueDate(due);
    taskService.saveTask(task);
    String dueDay = CityTime.today(due).toString().replace('-', '/');
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    Chromium.logIn(browser, base(), "takatsu");
    Chromium.openWebapp(browser, base() + "/camunda/app/tasklist/default/");
    WebElement department = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[starts-with(normalize-space(.), '部署のタスク') and not(*[starts-with(normalize-space(.), '部署のタスク')])]")));
    department.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(CARD));
    Chromium.screenshot(browser, "staff-tasklist-1-list");
    EnglishUiText.assertNoneOn(browser, "Tasklist の一覧");

    // Not offered: the engine refuses staff to create tasks and has nothing for them to start.
    assertThat(browser.findElements(By.cssSelector(".create-task-action, .start-process-action"))).isEmpty();
    String header = browser.findElement(By.cssSelector("[cam-widget-header]")).getText();
    assertThat(header).doesNotContain("タスクを作成").doesNotContain("プロセスを開始").contains("カレンダー連携");

    // The sort header names the list's order: due date, earliest first; the cards follow it.
    String sorting = browser.findElement(By.cssSelector("[cam-sorting-choices]")).getText();
    assertThat(sorting).contains("期限").doesNotContain("作成日時");
    List<String> days = browser.findElements(By.cssSelector("ol.tasks-list li.task .due-date .shisaku-day")).stream()
        .map(WebElement::getText).toList();
    assertThat(days).isNotEmpty().isSorted();

    // The card: the initiative's whole name, the due date itself beside the relative one, overdue marked, no 50.
    // (Tasklist redraws the list when it refreshes: each check finds the card anew.)
    assertThat((Boolean) browser.executeScript("const v = arguments[0].querySelector('.variable-value');"
        + " return !!v && v.textContent.includes(arguments[1]) && v.scrollWidth <= v.clientWidth + 1"
        + " && v.getBoundingClientRect().bottom <= arguments[0].getBoundingClientRect().bottom + 1"
        + " && v.getBoundingClientRect().right <= v.closest('.task-card-details').getBoundingClientRect().right + 1",
        onCard(card -> card), TITLE)).as("the initiative's name is shown whole").isTrue();
    String dueText = onCard(card -> card.findElement(By.cssSelector(".due-date")).getText());
    assertThat(dueText).startsWith("期限 " + dueDay + "（").contains("前）").contains("期限切れ");
    String cardClass = onCard(card -> card.getAttribute("class"));
    assertThat(cardClass).contains("shisaku-overdue");
    int priorities = onCard(card -> card.findElements(By.cssSelector(".priority")).size());
    assertThat(priorities).isZero();
    String cardText = onCard(WebElement::getText);
    assertThat(cardText).doesNotContainPattern("(?m)^50$");

    // The task: nothing staff may not change is offered; their claim they may release.
    WebElement link = browser.findElement(CARD).findElement(By.cssSelector("h4.task a"));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", link);
    WebElement claim = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim")));
    assertThat(browser.findElements(By.cssSelector(".task-card a.instance-link"))).as("↗ to Cockpit").isEmpty();
    assertThat(browser.findElements(By.cssSelector(".task-card .reset-due-date, .task-card .reset-follow-up-date,"
        + " .task-card [cam-widget-inline-field], .task-card a.reset-assignee, .task-card li.groups [ng-click]")))
        .as("date, group and assignee editors").isEmpty();
    String meta = browser.findElement(By.cssSelector("[cam-tasklist-task-meta]")).getText();
    assertThat(meta).contains("期限 " + dueDay).contains("期限切れ").contains("高津区役所")
        .doesNotContain("期限を設定").doesNotContain("フォローアップ日を設定").doesNotContain("グループを追加");
    EnglishUiText.assertNoneOn(browser, "Tasklist のタスク（未担当）");

    claim.click();
    WebElement release = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.unclaim")));
    wait.until(d -> "takatsu".equals(assignee(taskId)));
    Chromium.screenshot(browser, "staff-tasklist-2-claimed");
    EnglishUiText.assertNoneOn(browser, "Tasklist のタスク（担当中）");
    release.click();
    wait.until(d -> assignee(taskId) == null);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim")));
    assertThat(browser.findElements(By.cssSelector(".notifications .alert-danger, .alert-danger"))).as(
        "no error after releasing").noneMatch(WebElement::isDisplayed);

    // The history names the person, not the user id.
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//ul[contains(@class, 'nav-tabs')]//a[normalize-space(.) = '履歴']"))).click();
    String name = "テスト takatsu";
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".history-pane .operation-user"),
        name));
    Chromium.screenshot(browser, "staff-tasklist-3-history");
    EnglishUiText.assertNoneOn(browser, "Tasklist の履歴");
    // (the due date above was changed by this test, through the engine: by nobody)
    assertThat(browser.findElements(By.cssSelector(".history-pane .operation-user")).stream().map(WebElement::getText)
        .filter(text -> !text.isBlank())).hasSize(2).allMatch(name::equals);
    assertThat(browser.findElement(By.cssSelector(".history-pane")).getText()).contains("担当を解除", "担当する")
        .doesNotContainPattern("(?m)^takatsu$");

    // Cockpit is not for staff: a Japanese 403 page with the way back, and a Japanese 404.
    browser.get(base() + "/camunda/app/cockpit/default/#/process-instance/" + instance);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "この画面を開く権限がありません"));
    Chromium.screenshot(browser, "staff-tasklist-4-forbidden");
    EnglishUiText.assertNoneOn(browser, "403 のページ");
    assertThat(browser.findElement(By.linkText("タスク一覧に戻る")).getAttribute("href")).endsWith("/camunda/app/tasklist/");
    browser.get(base() + "/camunda/app/tasklist/default/no-such-page.html");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "ページが見つかりません"));
    EnglishUiText.assertNoneOn(browser, "404 のページ");

    // A manager may change the due date: offered, and 期限をリセット works (the task goes back with its form reference).
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    browser.manage().deleteAllCookies();
    Chromium.logIn(browser, base(), "manager");
    Chromium.openWebapp(browser, base() + "/camunda/app/tasklist/default/#/?task=" + taskId);
    WebElement reset = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".task-card .reset-due-date")));
    assertThat(browser.findElements(By.cssSelector(".task-card a.instance-link"))).as("↗ to Cockpit").isNotEmpty();
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", reset);
    wait.until(d -> taskService.createTaskQuery().taskId(taskId).singleResult().getDueDate() == null);
    Chromium.screenshot(browser, "staff-tasklist-5-manager-due-reset");
    EnglishUiText.assertNoneOn(browser, "Tasklist のタスク（管理者）");
  }

  /** What a look at our card finds; looked at again when Tasklist redrew the list meanwhile. */
  private <T> T onCard(java.util.function.Function<WebElement, T> look) {
    for (int attempt = 1; ; attempt++) {
      try {
        return look.apply(browser.findElement(CARD));
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        if (attempt == 5) {
          throw redrawn;
        }
      }
    }
  }

  private String assignee(String taskId) {
    return taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee();
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
