package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import jp.shisakuflow.audit.AuditedYear;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.support.ApiTest;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An auditor finds FY2069's worked initiative in Cockpit's history tab through Japanese dropdowns, reads its
 * timeline on a page of its own (full width, Japanese kinds, names, labels, no unchanged rows), sees its path
 * on the diagram, and opens a running initiative's 監査タイムライン tab.
 */
@ApiTest
class AuditorHistoryBrowserTest {

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired RepositoryService repositoryService;
  @Autowired PlanImportService planImports;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void auditorFindsAnInitiativeByJapaneseFiltersAndReadsItsTimelineFullWidth() throws Exception {
    AuditedYear.ensure(identityService, planImports, initiatives, taskService, runtimeService);
    String definitionId = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(InitiativeLifecycle.PROCESS_KEY).latestVersion().singleResult().getId();

    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    Chromium.logIn(browser, base(), "auditor");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/process-definition/" + definitionId + "/runtime");
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(., '履歴（監査）')]"))).click();

    WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".shisaku-history-filter[data-ready='true']")));
    wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.cssSelector(".shisaku-history-list")),
        "data-rows"));
    // The dropdowns speak Japanese: the workstream by the plan's name, the outcome by its label.
    Select workstream = new Select(form.findElement(By.name("workstream")));
    assertThat(workstream.getOptions().stream().map(WebElement::getText)).contains("「まちのひろば」の推進")
        .doesNotContain("hiroba");
    new Select(form.findElement(By.name("fiscalYear"))).selectByVisibleText(AuditedYear.YEAR + "年度");
    workstream.selectByVisibleText("「まちのひろば」の推進");
    new Select(form.findElement(By.name("outcome"))).selectByVisibleText("継続実施");
    new Select(form.findElement(By.name("state"))).selectByVisibleText("終了（完了・中止）");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".shisaku-history-list"), "data-rows", "1"));
    WebElement row = browser.findElement(By.cssSelector(".shisaku-history tbody tr"));
    assertThat(row.getText()).contains(AuditedYear.TITLE, "「まちのひろば」の推進", String.valueOf(AuditedYear.YEAR),
        "継続実施", "完了");
    EnglishUiText.assertNoneOn(browser, "履歴（監査）の一覧");

    row.findElement(By.cssSelector("a[data-instance]")).click();
    WebElement page = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("dialog.shisaku-timeline-page[open]")));
    WebElement timeline = page.findElement(By.cssSelector(".shisaku-timeline"));
    long windowWidth = (Long) browser.executeScript("return window.innerWidth;");
    assertThat((long) timeline.getSize().getWidth()).as("the timeline uses the window's width")
        .isGreaterThan(windowWidth * 9 / 10);
    String text = timeline.getText();
    assertThat(text).contains("開始", "値の設定", "担当の引き受け", "担当者の変更", "作業の完了", "分岐", "終了",
        "加藤 花子", "佐藤 次郎", "鈴木 一郎", "調整", "再調整が必要か", "相手方・関係課", "評価", "要改善",
        "「まちのひろば」の推進", "高津区役所", "継続実施");
    assertThat(text).doesNotContain(AuditedYear.STAFF, AuditedYear.MANAGER, "Task_", "Gateway_");
    List<String> changes = timeline.findElements(By.cssSelector("td.shisaku-change")).stream()
        .map(WebElement::getText).filter(change -> change.contains("→")).toList();
    assertThat(changes).isNotEmpty().allSatisfy(change -> {
      String[] sides = change.split("→", -1);
      assertThat(sides[0].trim()).as("a row that changes nothing: %s", change).isNotEqualTo(sides[1].trim());
    });
    assertThat(changes.stream().filter(change -> change.contains("高津区 地域振興課"))).as("saved twice unchanged: one row")
        .hasSize(1);
    noEnglishOn(page, "監査タイムライン（全画面）");

    // A kind of the timeline, chosen from what it has.
    int all = Integer.parseInt(timeline.getAttribute("data-events"));
    new Select(page.findElement(By.name("kind"))).selectByVisibleText("担当者の変更");
    wait.until(ExpectedConditions.attributeToBe(timeline, "data-events", "1"));
    assertThat(timeline.findElement(By.cssSelector("tbody")).getText()).contains("鈴木 一郎", "加藤 花子", "佐藤 次郎");
    new Select(page.findElement(By.name("kind"))).selectByIndex(0);
    wait.until(ExpectedConditions.attributeToBe(timeline, "data-events", String.valueOf(all)));
    Chromium.screenshot(browser, "auditor-history");

    page.findElement(By.cssSelector(".shisaku-timeline-close")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog.shisaku-timeline-page"), 0));
    assertThat(browser.findElements(By.cssSelector("[data-element-id='StartEvent_InitiativeStarted'].shisaku-visited")))
        .as("the start event is marked as visited on the diagram").isNotEmpty();
    assertThat(browser.findElements(By.cssSelector(".shisaku-step"))).isNotEmpty();
    Chromium.screenshot(browser, "auditor-history-list");
    EnglishUiText.assertNoneOn(browser, "履歴（監査）の一覧と図の経路");
    assertThat(browser.findElements(By.cssSelector(".ctn-toolbar a, .ctn-toolbar button")).stream()
        .filter(WebElement::isDisplayed))
        .as("Cockpit's actions (suspend, modify, ...) are not offered to an auditor (read-only.js)").isEmpty();
  }

  @Test
  void aRunningInitiativesTabOpensItsTimelinePage() throws Exception {
    AuditedYear.ensure(identityService, planImports, initiatives, taskService, runtimeService);
    String running = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey("FY" + AuditedYear.YEAR + "-public-facility-localization").singleResult().getId();

    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    Chromium.logIn(browser, base(), "auditor");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/process-instance/" + running + "/runtime");
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(., '監査タイムライン')]"))).click();
    WebElement tab = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".shisaku-open-timeline")))
        .findElement(By.xpath("./.."));
    assertThat(tab.getText()).contains("記録は", "件");
    noEnglishOn(tab, "監査タイムラインのタブ");
    tab.findElement(By.cssSelector(".shisaku-open-timeline")).click();
    WebElement page = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("dialog.shisaku-timeline-page[open]")));
    assertThat(page.findElement(By.cssSelector(".shisaku-timeline")).getText()).contains("開始", "値の設定",
        "「まちのひろば」の推進", "工程の計画");
    assertThat(page.findElement(By.cssSelector("a[href*='format=csv']")).getText()).contains("CSV");
    noEnglishOn(page, "実行中の施策の監査タイムライン（全画面）");
  }

  /**
   * The timeline page is modal and covers the window: what the person sees is the page itself (Cockpit's own
   * screen behind it is checked where Cockpit's screen is shown, and by the read-only walk).
   */
  private static void noEnglishOn(WebElement shown, String screen) {
    StringBuilder text = new StringBuilder(shown.getText());
    for (WebElement labelled : shown.findElements(By.cssSelector("[title],[aria-label]"))) {
      for (String attribute : List.of("title", "aria-label")) {
        String value = labelled.getAttribute(attribute);
        if (value != null) {
          text.append('\n').append(value);
        }
      }
    }
    assertThat(EnglishUiText.foundIn(text.toString())).as("English or engine text on %s:%n%s", screen, text).isEmpty();
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
