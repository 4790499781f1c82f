package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.initiative.BusinessKey;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.VerificationRating;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.LinkedPlan;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
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
 * A manager opens an initiative's instance in Cockpit and meets the initiative first (title, status,
 * workstream, owners, phases planned and actual), the raw variables behind a tab of their own and offered
 * read-only; and reads, on the decision form in Tasklist, the verification behind the recommendation.
 */
@ApiTest
class ManagerInstanceBrowserTest {

  static final int PLAN_YEAR = 2067;
  static final int DECISION_YEAR = 2068;
  static final String FINDINGS = "参加者の満足度は高いが、周知が区の一部に留まった";

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @Autowired PlanImportService plans;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void theInstancePageLeadsWithTheInitiativeAndKeepsTheVariablesBehindAReadOnlyTab() throws Exception {
    LinkedPlan.importInto(plans, identityService, PLAN_YEAR);
    String instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(BusinessKey.of(PLAN_YEAR, LinkedPlan.TEAM).toString()).singleResult().getId();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    logInAs("manager");

    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/process-instance/" + instance + "/runtime");
    WebElement summary;
    try {
      // As long as a webapp's first start may take (Chromium.openWebapp): once seen at 40 s in a full CI run.
      summary = new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector(".shisaku-initiative[data-initiative='" + LinkedPlan.TEAM + "']")));
    } catch (org.openqa.selenium.TimeoutException e) {
      Chromium.screenshot(browser, "manager-instance-no-summary");
      throw new AssertionError("no 施策の概要 at " + browser.getCurrentUrl() + "; the page shows:\n"
          + EnglishUiText.visibleText(browser), e);
    }
    assertThat(activeTab()).as("the tab the page opens on").isEqualTo("施策の概要");
    assertThat(tabs().get(0)).as("the first tab").isEqualTo("施策の概要");
    assertThat(summary.getText()).contains("職員プロジェクトチームの設置", "状況", "推進体制の構築",
        "主担当", "ほか: 高津区役所", "業務キー", "段階（計画と実際）", "設置・検討", "第1四半期〜第2四半期");
    assertThat(summary.findElements(By.cssSelector(".shisaku-phases tbody tr"))).isNotEmpty();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".cam-breadcrumb li.active"),
        "職員プロジェクトチームの設置"));
    assertThat(browser.findElement(By.cssSelector(".cam-breadcrumb")).getText()).as("the breadcrumb names the initiative")
        .doesNotContain(instance);
    EnglishUiText.assertNoneOn(browser, "Cockpit: process instance, 施策の概要");
    Chromium.screenshot(browser, "manager-instance");

    // The raw variables: a tab that is not the default, read-only for a manager (who may not change them).
    assertThat(tabs()).contains("変数", "ユーザータスク", "施策の進捗", "監査タイムライン");
    openTab("変数");
    WebElement variables = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".shisaku-variables")));
    assertThat(variables.getText()).contains(InitiativeLifecycle.Var.TITLE, "職員プロジェクトチームの設置",
        "プロセス全体");
    assertThat(browser.findElements(By.cssSelector("[cam-widget-variables-table], .cam-widget-variables-table")))
        .as("Camunda's editable variables table is not offered").isEmpty();
    assertThat(browser.findElements(By.cssSelector(".ctn-toolbar a, .ctn-toolbar button")).stream()
        .filter(WebElement::isDisplayed)).as("instance actions (add variable, suspend, cancel)").isEmpty();

    // A manager may reassign tasks and manage their groups: Camunda's own user-task tab stays.
    openTab("ユーザータスク");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.user-tasks")));
    assertThat(browser.findElements(By.cssSelector(".shisaku-user-tasks"))).isEmpty();
  }

  @Test
  void theDecisionFormShowsTheVerificationBehindTheRecommendation() throws Exception {
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("decision-evidence", "根拠を示す施策",
        "hiroba", OrganizationGroup.WARD_TAKATSU.id(), DECISION_YEAR)).orElseThrow();
    if (taskService.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR).count() == 0) {
      for (int step = 0; step < 3; step++) {
        Map<String, Object> values = step == 2 ? Map.of(
            InitiativeLifecycle.Var.VERIFICATION_RATING, VerificationRating.NEEDS_IMPROVEMENT.code(),
            InitiativeLifecycle.Var.ACHIEVEMENT_RATE, 72, "findings", FINDINGS) : Map.of();
        taskService.complete(taskService.createTaskQuery().processInstanceId(instance).singleResult().getId(), values);
      }
    }
    var decision = taskService.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR).singleResult();
    String recommended = Outcome.fromCode((String) runtimeService.getVariable(instance,
        InitiativeLifecycle.Var.RECOMMENDED_OUTCOME)).orElseThrow().labelJa();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    logInAs("manager");

    Chromium.openWebapp(browser, base() + "/camunda/app/tasklist/default/#/?task=" + decision.getId());
    WebElement evidence = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class, 'fjs-form')]//*[contains(., '推奨の根拠（検証の結果）')]")));
    WebElement form = browser.findElement(By.cssSelector(".fjs-form"));
    wait.until(d -> form.getText().contains(VerificationRating.NEEDS_IMPROVEMENT.labelJa()));
    assertThat(form.getText()).contains("評価", VerificationRating.NEEDS_IMPROVEMENT.labelJa(), "評価指標の達成率",
        "所見", "推奨方針", recommended);
    assertThat(browser.findElement(By.xpath("//input[contains(@id, 'Field_evidenceAchievementRate')]"))
        .getDomProperty("value")).isEqualTo("72");
    assertThat(browser.findElement(By.xpath("//textarea[contains(@id, 'Field_evidenceFindings')]"))
        .getDomProperty("value")).isEqualTo(FINDINGS);
    browser.executeScript("arguments[0].scrollIntoView({block: 'start'});", evidence);
    Chromium.screenshot(browser, "manager-decision-evidence");
    // The evidence is shown, never sent: the fields are disabled, and none says a code instead of its label.
    List<WebElement> shown = browser.findElements(By.xpath("//input[contains(@id, 'Field_evidence')]"
        + " | //textarea[contains(@id, 'Field_evidence')]"));
    assertThat(shown).isNotEmpty().allSatisfy(field -> assertThat(field.getDomProperty("disabled")).isEqualTo("true"));
    // The decision's select in Japanese too (form-plugin.js translates form-js's own words).
    wait.until(d -> !EnglishUiText.visibleText(browser).contains("Select"));
    EnglishUiText.assertNoneOn(browser, "Tasklist: 次年度の方針決定 with its evidence");
  }

  private void logInAs(String user) {
    browser.get(base() + "/login");
    browser.manage().deleteAllCookies();
    Chromium.logIn(browser, base(), user);
  }

  private List<String> tabs() {
    return browser.findElements(By.cssSelector("[cam-tabs] > ul.nav-tabs > li > a")).stream()
        .map(WebElement::getText).map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
  }

  private String activeTab() {
    return browser.findElement(By.cssSelector("[cam-tabs] > ul.nav-tabs > li.active > a")).getText().trim();
  }

  private void openTab(String label) {
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[@cam-tabs]/ul[contains(@class, 'nav-tabs')]/li/a[normalize-space(.) = '" + label + "']"))).click();
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
