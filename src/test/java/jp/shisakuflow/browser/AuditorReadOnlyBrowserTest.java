package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * An auditor walks an initiative's instance pages in Cockpit and is offered nothing that writes: no variable
 * editing or deleting, no assignee pencil, no group or user links, no instance or definition actions. The
 * server refuses those writes all the same.
 */
@ApiTest
class AuditorReadOnlyBrowserTest {

  static final int YEAR = 2068;

  /**
   * What Cockpit offers to write on an instance's or a definition's page: the action bars, the variables
   * table's edit/delete/upload buttons, the assignee's in-place field, the task's group and user links, and the
   * definition's history time to live (a link to Camunda's dialog that changes it).
   */
  static final String WRITE_ACTIONS = ".ctn-toolbar a, .ctn-toolbar button, [cam-widget-variables-table] button,"
      + " .cam-widget-variables-table button, .change-group-identity-links, .change-user-identity-links,"
      + " cam-in-place-text-field, .cam-widget-inline-field, .job-definition-table .action-button,"
      + " .jobs .action-button, [time-to-live] a";

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired TaskService taskService;
  @Autowired TestRestTemplate http;
  @Value("${shisaku.admin.password}") String adminPassword;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void anAuditorWalksAnInstanceAndIsOfferedNoWrite() throws Exception {
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("audit-read-only", "読み取り専用の確認",
        "hiroba", OrganizationGroup.WARD_TAKATSU.id(), YEAR)).orElseThrow();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    browser.get(base() + "/login");
    browser.manage().deleteAllCookies();
    Chromium.logIn(browser, base(), "auditor");

    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/process-instance/" + instance + "/runtime");
    WebElement summary;
    try {
      // As long as a webapp's first start may take (Chromium.openWebapp): twice not seen within 40 s in full CI runs.
      summary = new WebDriverWait(browser, Duration.ofSeconds(90))
          .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-initiative")));
    } catch (org.openqa.selenium.TimeoutException e) {
      Chromium.screenshot(browser, "auditor-instance-no-summary");
      throw new AssertionError("no 施策の概要 at " + browser.getCurrentUrl() + "; the page shows:\n"
          + EnglishUiText.visibleText(browser), e);
    }
    assertThat(summary.getText()).contains("読み取り専用の確認");
    assertThat(activeTab()).isEqualTo("施策の概要");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".cam-breadcrumb li.active"),
        "読み取り専用の確認"));
    assertNoWriteOffered("the instance page, 施策の概要");
    EnglishUiText.assertNoneOn(browser, "Cockpit: process instance, 施策の概要 (auditor)");

    assertThat(tabs()).contains("変数", "ユーザータスク").doesNotContain("ジョブ");
    openTab("変数");
    WebElement variables = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-variables")));
    assertThat(variables.getText()).contains("読み取り専用の確認", "プロセス全体");
    assertNoWriteOffered("the 変数 tab");
    Chromium.screenshot(browser, "auditor-instance-variables");

    openTab("ユーザータスク");
    WebElement tasks = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-user-tasks")));
    assertThat(tasks.getText()).contains("調整", "高津区役所", "（未割り当て）");
    assertNoWriteOffered("the ユーザータスク tab");
    EnglishUiText.assertNoneOn(browser, "Cockpit: process instance, ユーザータスク (auditor)");
    Chromium.screenshot(browser, "auditor-instance-read-only");

    for (String tab : List.of("施策の進捗", "監査タイムライン")) {
      openTab(tab);
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//p[normalize-space(.) = '読み込み中…']")));
      assertNoWriteOffered("the " + tab + " tab");
    }

    // The definition's page: no suspension, no job definition actions.
    String definitionId = runtimeService.createProcessInstanceQuery().processInstanceId(instance).singleResult()
        .getProcessDefinitionId();
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/process-definition/" + definitionId
        + "/runtime");
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(., '履歴（監査）')]")));
    Chromium.screenshot(browser, "auditor-definition-read-only");
    assertNoWriteOffered("the process definition page");
  }

  @Test
  void anAdministratorWhoMayChangeEverythingKeepsCamundasOwnActions() throws Exception {
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("admin-writes", "管理者の操作",
        "hiroba", OrganizationGroup.WARD_TAKATSU.id(), YEAR)).orElseThrow();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    browser.get(base() + "/login");
    browser.manage().deleteAllCookies();
    browser.get(base() + "/login");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("admin");
    browser.findElement(By.id("password")).sendKeys(adminPassword);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    Chromium.awaitLoggedIn(browser, "admin");

    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/process-instance/" + instance + "/runtime");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-initiative")));
    assertThat(tabs()).as("Camunda's own tabs, whose actions the authorizations allow").contains("変数", "ユーザータスク", "ジョブ");
    openTab("変数");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[cam-widget-variables-table]")));
    assertThat(browser.findElements(By.cssSelector(".shisaku-variables"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector(".ctn-toolbar a, .ctn-toolbar button")).stream()
        .filter(WebElement::isDisplayed)).as("instance actions offered to the administrator").isNotEmpty();
  }

  @Test
  void theServerRefusesTheWritesThatAreNoLongerOffered() {
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("audit-refusals", "書き込みの拒否",
        "hiroba", OrganizationGroup.WARD_TAKATSU.id(), YEAR)).orElseThrow();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    var auditor = http.withBasicAuth("auditor", TestUsers.PASSWORD);
    var manager = http.withBasicAuth("manager", TestUsers.PASSWORD);

    for (var role : List.of(auditor, manager)) {
      assertThat(role.exchange("/engine-rest/process-instance/{id}/variables/title", HttpMethod.PUT,
          json(Map.of("value", "改ざん", "type", "String")), String.class, instance).getStatusCode().value())
          .as("edit a variable").isEqualTo(403);
      assertThat(role.exchange("/engine-rest/process-instance/{id}/variables/title", HttpMethod.DELETE, null,
          String.class, instance).getStatusCode().value()).as("delete a variable").isEqualTo(403);
      assertThat(role.postForEntity("/engine-rest/process-instance/{id}/variables", json(Map.of("modifications",
          Map.of("delayed", Map.of("value", true)))), String.class, instance).getStatusCode().value())
          .as("modify variables").isEqualTo(403);
    }
    assertThat(auditor.postForEntity("/engine-rest/task/{id}/assignee", json(Map.of("userId", "auditor")), String.class,
        task).getStatusCode().value()).as("the assignee pencil").isEqualTo(403);
    assertThat(auditor.postForEntity("/engine-rest/task/{id}/identity-links", json(Map.of("groupId", "auditors",
        "type", "candidate")), String.class, task).getStatusCode().value()).as("グループを管理").isEqualTo(403);
    assertThat(auditor.exchange("/engine-rest/process-instance/{id}/suspended", HttpMethod.PUT,
        json(Map.of("suspended", true)), String.class, instance).getStatusCode().value()).as("suspend").isEqualTo(403);
    assertThat(runtimeService.getVariable(instance, InitiativeLifecycle.Var.TITLE)).isEqualTo("書き込みの拒否");
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    assertThat(taskService.getIdentityLinksForTask(task)).noneMatch(l -> "auditors".equals(l.getGroupId()));
  }

  /** Fails naming what Cockpit offers to write on the current screen. */
  private void assertNoWriteOffered(String screen) {
    List<String> offered = browser.findElements(By.cssSelector(WRITE_ACTIONS)).stream().filter(WebElement::isDisplayed)
        .map(e -> e.getTagName() + "." + e.getAttribute("class") + " '" + e.getText().trim() + "'").toList();
    assertThat(offered).as("write actions offered to an auditor on %s", screen).isEmpty();
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

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
