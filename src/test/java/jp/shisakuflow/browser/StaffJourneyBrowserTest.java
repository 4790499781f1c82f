package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
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
 * A ward officer's day in a real (headless) Chromium: Japanese login, Japanese Tasklist, 部署のタスク,
 * claim, a form refused once and then accepted; and a manager opening Cockpit in Japanese. Screenshots
 * go to target/screenshots/.
 */
@ApiTest
class StaffJourneyBrowserTest {

  static final String TITLE = "ブラウザで確認する施策";

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void aWardOfficerWorksATaskInJapaneseAndAManagerOpensCockpit() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    // An early year: the department's list is ordered by due date, and other tests' years fill its first page.
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("browser-" + System.nanoTime(), TITLE,
        "social-design-center", OrganizationGroup.WARD_TAKATSU.id(), 2004)).orElseThrow();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    logIn("takatsu");
    Chromium.openWebapp(browser, base() + "/camunda/app/tasklist/default/");
    WebElement department = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[starts-with(normalize-space(.), '部署のタスク') and not(*[starts-with(normalize-space(.), '部署のタスク')])]")));
    // Staff may not create tasks: Tasklist does not offer it (StaffTasklistBrowserTest); the header is Japanese.
    assertThat(browser.getPageSource()).contains("カレンダー連携").doesNotContain("タスクを作成").doesNotContain("Create task")
        .doesNotContain("It is time to migrate");
    department.click();
    openCard(wait);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    wait.until(d -> "takatsu".equals(taskService.createTaskQuery().processInstanceId(instance).singleResult()
        .getAssignee()));
    WebElement partners = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//label[contains(., '相手方・関係課')]/following::input[1]")));
    Chromium.screenshot(browser, "staff-1-task-form");

    complete();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form-field-error")));
    Chromium.screenshot(browser, "staff-2-validation-error");
    assertThat(openTask(instance)).as("a refused form leaves the task open").isEqualTo(
        InitiativeLifecycle.Element.TASK_COORDINATE);

    partners.sendKeys("高津区役所 地域振興課");
    browser.findElement(By.xpath("//label[contains(., '調整内容')]/following::textarea[1]"))
        .sendKeys("モデル展開の候補地と運営手法を協議した");
    complete();
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d ->
        InitiativeLifecycle.Element.TASK_IMPLEMENT_MODEL.equals(openTask(instance)));
    Chromium.screenshot(browser, "staff-3-completed");
    assertThat(taskService.getVariables(taskService.createTaskQuery().processInstanceId(instance).singleResult()
        .getId())).containsEntry("coordinationPartners", "高津区役所 地域振興課");

    // The verification form's values land typed, and the continuation decision reads them.
    taskService.complete(taskService.createTaskQuery().processInstanceId(instance).singleResult().getId());
    browser.navigate().refresh();
    openCard(wait);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//label[contains(., '評価指標と実績')]/following::textarea[1]"))).sendKeys("参加団体 12 / 目標 14");
    browser.findElement(By.xpath("//label[contains(., '達成率')]/following::input[1]")).sendKeys("85");
    WebElement good = browser.findElement(By.xpath("//label[normalize-space(.) = '良好']"));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", good);
    good.click();
    Chromium.screenshot(browser, "staff-4-verification");
    complete();
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d ->
        InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR.equals(openTask(instance)));
    var decision = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    assertThat(taskService.getVariable(decision, InitiativeLifecycle.Var.ACHIEVEMENT_RATE)).isInstanceOf(Number.class)
        .asString().startsWith("85");
    assertThat(taskService.getVariable(decision, InitiativeLifecycle.Var.VERIFICATION_RATING)).isEqualTo("good");
    assertThat(taskService.getVariable(decision, InitiativeLifecycle.Var.RECOMMENDED_OUTCOME)).isEqualTo("continue");

    browser.manage().deleteAllCookies();
    logIn("manager");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "プロセス"));
    Chromium.screenshot(browser, "manager-cockpit");
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("It is time to migrate")
        .doesNotContain("Processes");
  }

  /** Our initiative's card, wherever it is in the list (other tests' tasks share the ward). */
  private void openCard(WebDriverWait wait) {
    WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//*[contains(text(), '" + TITLE + "')]/ancestor::li[1]//h4[contains(@class, 'task')]/a")));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", card);
    wait.until(ExpectedConditions.elementToBeClickable(card)).click();
  }

  private void logIn(String user) {
    Chromium.logIn(browser, base(), user);
  }

  /** The 完了 button sits below the form, under the footer: scrolled into view and clicked as a user would. */
  private void complete() {
    WebElement button = new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions
        .elementToBeClickable(By.xpath("//button[contains(@class, 'btn-primary') and normalize-space(.) = '完了']")));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button);
  }

  private String openTask(String instance) {
    var task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
    return task == null ? null : task.getTaskDefinitionKey();
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
