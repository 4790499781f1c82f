package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import jp.shisakuflow.initiative.BusinessKey;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.support.KnownYear;
import jp.shisakuflow.support.LinkedPlan;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Cockpit schedule view as a manager sees it, on the known FY2019 with its late guidebook. */
@ApiTest
class ScheduleDashboardBrowserTest {

  static final String DELAYED_RED = "#c62828";
  static final String PLANNED_GREY = "#cfd8dc";
  static final String MILESTONE_PURPLE = "#6a1b9a";
  static final String FOLLOWS_LINE = "#37474f";

  private static ChromeDriver browser;

  @Autowired KnownYear knownYear;
  @Autowired RuntimeService runtimeService;
  @Autowired PlanImportService plans;
  @Autowired IdentityService identityService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void theScheduleShowsTheLateInitiativeInRedAndOpensItsInstance() throws Exception {
    knownYear.ensure();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    Chromium.logIn(browser, base(), "manager");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/processes");
    // The dashboard reads the year when it draws: chosen first, then the dashboard opened within the page.
    browser.executeScript("window.localStorage.setItem('shisaku.fiscalYear', '" + KnownYear.YEAR + "');"
        + "window.location.hash = '#/dashboard';");

    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".shisaku-schedule"), "data-initiatives", "29"));
    WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".shisaku-chart svg")));
    browser.executeScript("arguments[0].scrollIntoView({block: 'start'});", chart);
    Chromium.screenshot(browser, "manager-schedule");

    assertThat(chart.getAttribute("innerHTML")).contains("支援ガイドブックの作成", "【「まちのひろば」の推進】");
    assertThat(chart.getAttribute("innerHTML")).as("the council's row, with meetings only; a vague date in words")
        .contains("【有識者会議】", "【関連する地域イベント】", "四半期頃");
    List<WebElement> red = chart.findElements(By.cssSelector("path[fill='" + DELAYED_RED + "']"));
    assertThat(red).as("late initiatives are drawn in red").isNotEmpty();
    String figures = browser.findElement(By.cssSelector(".shisaku-figures-block")).getText();
    assertThat(figures).contains("ワークストリーム別の状況", "期限切れのタスク", "段階ごとの所要日数", "四半期ごとの推移",
        "「まちのひろば」の推進");

    // Another year chosen meanwhile: the instance's tab still draws the instance in its own year.
    browser.executeScript("window.localStorage.setItem('shisaku.fiscalYear', '" + (KnownYear.YEAR + 5) + "');");
    new Actions(browser).moveToElement(red.get(0)).click().perform();
    wait.until(ExpectedConditions.urlContains("#/process-instance/"));
    assertThat(browser.getCurrentUrl()).contains("/runtime");
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("施策の進捗"))).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".shisaku-schedule"), "data-initiatives", "1"));
    assertThat(browser.findElement(By.cssSelector(".shisaku-schedule select[name=year]")).getAttribute("value"))
        .isEqualTo(String.valueOf(KnownYear.YEAR));

    // The guidebook's delay was escalated and is not handled yet: its tab lists it.
    String guidebook = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(BusinessKey.of(KnownYear.YEAR, "hiroba-guidebook").toString()).singleResult().getId();
    browser.executeScript("window.location.hash = '#/process-instance/" + guidebook + "/runtime';");
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("施策の進捗"))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".shisaku-schedule .shisaku-delays"),
        "対応中"));
    assertThat(browser.findElement(By.cssSelector(".shisaku-schedule .shisaku-delays")).getText())
        .contains("遅延の履歴", "遅延への対応：庁内調査", "2019-10-15");
  }

  @Test
  void everyWorkstreamHasItsRowAVagueMilestoneItsWindowAndAnItemItsOwnersLinksAndPredecessor() throws Exception {
    // A year gone by: the chart is as of its last day, with both items still open and the second one waiting.
    int year = 2012;
    LinkedPlan.importInto(plans, identityService, year);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    browser.get(base() + "/login");
    browser.manage().deleteAllCookies();
    Chromium.logIn(browser, base(), "manager");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/processes");
    browser.executeScript("window.localStorage.setItem('shisaku.fiscalYear', '" + year + "');"
        + "window.location.hash = '#/dashboard';");

    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".shisaku-schedule"), "data-initiatives", "2"));
    WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".shisaku-chart svg")));
    browser.executeScript("arguments[0].scrollIntoView({block: 'start'});", chart);
    Chromium.screenshot(browser, "manager-schedule-vague-and-linked");

    String svg = chart.getAttribute("innerHTML");
    assertThat(svg).as("a workstream with meetings only still has its row").contains("【有識者会議】");
    assertThat(svg).as("the vague meeting in the plan's words, not on an invented day").contains("第2四半期頃");
    assertThat(svg).as("the item waiting for its predecessor is marked").contains("⚠ ");
    assertThat(chart.findElements(By.cssSelector("path[stroke-dasharray][stroke='" + MILESTONE_PURPLE + "']")))
        .as("the window drawn as a range").hasSize(1);
    assertThat(chart.findElements(By.cssSelector("path[stroke-dasharray][stroke='" + FOLLOWS_LINE + "']")))
        .as("the follower drawn from its predecessor").hasSize(1);

    // The waiting item's planned bar (the second, below its predecessor's): its tooltip names everything.
    List<WebElement> planned = chart.findElements(By.cssSelector("path[fill='" + PLANNED_GREY + "']"));
    assertThat(planned).hasSize(2);
    new Actions(browser).moveToElement(planned.get(1)).perform();
    WebElement tooltip = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//div[contains(@class, 'shisaku-chart')]//div[contains(., '先行する取組が未完了')]")));
    assertThat(tooltip.getText()).contains("第2四半期頃〜第3四半期", "実施区: 高津区役所、多摩区役所",
        "先行する取組：職員プロジェクトチームの設置", "検討の場：第2回有識者会議（第2四半期頃）",
        "先行する取組が未完了：職員プロジェクトチームの設置");
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
