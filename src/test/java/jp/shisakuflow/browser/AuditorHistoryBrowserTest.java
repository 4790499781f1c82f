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
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An auditor finds an ended initiative in Cockpit's history tab and reads its timeline and path. */
@ApiTest
class AuditorHistoryBrowserTest {

  static final int YEAR = 2043;

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void auditorReadsTheTimelineOfAnEndedInitiativeAndSeesItsPathOnTheDiagram() throws Exception {
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
    String ended = initiatives.startIfAbsent(InitiativeStart.unplanned("hist-browser", "監査画面テストの施策", "hiroba",
        "wardTakatsu", YEAR)).orElseThrow();
    runtimeService.deleteProcessInstance(ended, "監査画面テスト");
    String definitionId = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(InitiativeLifecycle.PROCESS_KEY).latestVersion().singleResult().getId();

    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    Chromium.logIn(browser, base(), "auditor");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/process-definition/" + definitionId + "/runtime");
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(., '履歴（監査）')]"))).click();

    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".shisaku-history-filter")));
    form.findElement(By.name("fiscalYear")).sendKeys(String.valueOf(YEAR));
    new org.openqa.selenium.support.ui.Select(form.findElement(By.name("state"))).selectByValue("finished");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".shisaku-history-list"), "data-rows", "1"));
    WebElement row = browser.findElement(By.cssSelector(".shisaku-history tbody tr"));
    assertThat(row.getText()).contains("監査画面テストの施策", String.valueOf(YEAR), "中止");

    row.findElement(By.cssSelector("a[data-instance]")).click();
    WebElement timeline = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".shisaku-timeline")));
    assertThat(timeline.getText()).contains("開始", "値の変更", "終了", "調整");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".shisaku-visited")));
    assertThat(browser.findElements(By.cssSelector("[data-element-id='StartEvent_InitiativeStarted'].shisaku-visited")))
        .as("the start event is marked as visited on the diagram").isNotEmpty();
    assertThat(browser.findElements(By.cssSelector(".shisaku-step"))).isNotEmpty();
    browser.executeScript("arguments[0].scrollIntoView({block: 'start'});", timeline);
    Chromium.screenshot(browser, "auditor-history");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body.shisaku-read-only")));
    assertThat(browser.findElements(By.cssSelector(".ctn-toolbar")).stream().filter(WebElement::isDisplayed))
        .as("Cockpit's actions (suspend, modify, ...) are not offered to an auditor").isEmpty();
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
