package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Cockpit schedule view as a manager sees it, on the known FY2019 with its late guidebook. */
@ApiTest
class ScheduleDashboardBrowserTest {

  static final String DELAYED_RED = "#c62828";
  static final String PLANNED_GREY = "#cfd8dc";
  static final String MILESTONE_PURPLE = "#6a1b9a";
  static final String FOLLOWS_LINE = "#37474f";
  static final String DONE_SLATE = "#546e7a";
  static final String TITLE = "年度の進捗（計画と実績）";
  /** The seed plan's milestones: the 36 ▲ and dated words of the FY2019 chart (fy2019-chart-reading.tsv). */
  static final int SEED_MILESTONES = 36;

  private static ChromeDriver browser;

  @Autowired KnownYear knownYear;
  @Autowired RuntimeService runtimeService;
  @Autowired PlanImportService plans;
  @Autowired IdentityService identityService;
  @Autowired TestRestTemplate http;
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
    // First on the dashboard, under its own title (Cockpit's section for dashboard plugins says カスタムプラグイン).
    wait.until(ExpectedConditions.textToBe(By.cssSelector("section.deprecate .section-title"), TITLE));
    assertThat((Boolean) browser.executeScript("const first = document.querySelector('.ctn-view.dashboard')"
        + ".firstElementChild; return first.matches('section.deprecate') && !!first.querySelector('.shisaku-schedule');"))
        .as("the schedule's section is the dashboard's first").isTrue();
    Chromium.screenshot(browser, "manager-dashboard-top");
    EnglishUiText.assertNoneOn(browser, "ダッシュボード（年度の進捗）");
    browser.executeScript("arguments[0].scrollIntoView({block: 'start'});", chart);
    Chromium.screenshot(browser, "manager-schedule");

    // Every milestone of the plan is drawn: a ▲ per day of a row, a window per vague range of a row.
    List<Map<?, ?>> planned = milestonesOf(KnownYear.YEAR);
    assertThat(planned).hasSize(SEED_MILESTONES);
    assertThat(browser.findElement(By.cssSelector(".shisaku-schedule")).getAttribute("data-milestones"))
        .isEqualTo(String.valueOf(SEED_MILESTONES));
    long days = planned.stream().filter(m -> Boolean.TRUE.equals(m.get("exact")))
        .map(m -> m.get("workstream") + "|" + m.get("date")).distinct().count();
    long windows = planned.stream().filter(m -> !Boolean.TRUE.equals(m.get("exact")))
        .map(m -> m.get("workstream") + "|" + m.get("date") + "|" + m.get("until")).distinct().count();
    assertThat(chart.findElements(By.cssSelector("path[fill='" + MILESTONE_PURPLE + "']"))).as("▲ drawn")
        .hasSize((int) days);
    assertThat(chart.findElements(By.cssSelector("path[stroke-dasharray][stroke='" + MILESTONE_PURPLE + "']")))
        .as("windows drawn").hasSize((int) windows);

    assertThat(chart.getAttribute("innerHTML")).contains("支援ガイドブックの作成", "【「まちのひろば」の推進】");
    assertThat(chart.getAttribute("innerHTML")).as("the council's row, with meetings only; a vague date in words")
        .contains("【有識者会議】", "【関連する地域イベント】", "四半期頃");
    assertThat(chart.findElements(By.cssSelector("path[fill='" + DELAYED_RED + "']")))
        .as("late initiatives are drawn in red").isNotEmpty();
    String figures = browser.findElement(By.cssSelector(".shisaku-figures-block")).getText();
    assertThat(figures).contains("ワークストリーム別の状況", "期限切れのタスク", "段階ごとの所要日数", "四半期ごとの推移",
        "「まちのひろば」の推進");

    // A long label is wrapped, and every label's tooltip has it whole.
    String longTitle = "学校施設有効利用2019新規モデル事業、生活支援体制整備推進事業、防災関係事業、パラムーブメントアクション等の各局事業等との有機的連携、調整";
    WebElement cut = chart.findElements(By.tagName("text")).stream()
        .filter(t -> t.getText().startsWith("学校施設有効利用")).findFirst().orElseThrow();
    assertThat(cut.getText()).as("wrapped on the chart").isNotEqualTo(longTitle);
    new Actions(browser).moveToElement(cut).perform();
    wait.until(ExpectedConditions.textToBe(By.cssSelector(".shisaku-label-tip"), longTitle));

    // The 担当 filter offers only the groups that lead or share something this year.
    List<String> owners = new Select(browser.findElement(By.cssSelector(".shisaku-schedule select[name=ownerGroup]")))
        .getOptions().stream().map(WebElement::getText).toList();
    assertThat(owners).containsExactly("すべて", "市民文化局コミュニティ推進部");

    // 有識者会議 alone: its meetings, and a word that it has no items; the tables follow the filter.
    choose(wait, "workstream", "expert-council", "0", "4");
    assertThat(text(".shisaku-empty")).contains("ワークストリーム: 有識者会議", "施策はありません", "日程");
    assertThat(browser.findElement(By.cssSelector(".shisaku-chart svg")).getAttribute("innerHTML"))
        .contains("【有識者会議】").doesNotContain("【関連する地域イベント】");
    assertThat(browser.findElements(By.cssSelector(".shisaku-chart svg path[fill='" + MILESTONE_PURPLE + "']")))
        .as("7/9, the one meeting with a day").hasSize(1);
    assertThat(text(".shisaku-figures-block")).contains("選んだ条件（ワークストリーム: 有識者会議）")
        .doesNotContain("「まちのひろば」の推進");
    Chromium.screenshot(browser, "manager-schedule-expert-council");
    EnglishUiText.assertNoneOn(browser, "ダッシュボード（有識者会議で絞り込み）");

    // A finished item on its real days: the repeal ran 4/1–5/30, 5/30–6/28, decided 7/5, and ends there.
    choose(wait, "workstream", "existing-policies", "3", "1");
    choose(wait, "status", "COMPLETED", "1", "1");
    assertThat(text(".shisaku-figures-block")).contains("既存施策の整理").doesNotContain("「まちのひろば」の推進");
    WebElement finishedChart = browser.findElement(By.cssSelector(".shisaku-chart svg"));
    List<WebElement> done = finishedChart.findElements(By.cssSelector("path[fill='" + DONE_SLATE + "']"));
    assertThat(done).as("its three phases as they ran").hasSize(3);
    double doneRight = done.stream().mapToDouble(d -> d.getRect().getX() + d.getRect().getWidth()).max().orElseThrow();
    WebElement september = finishedChart.findElements(By.tagName("text")).stream()
        .filter(t -> t.getText().equals("9月")).findFirst().orElseThrow();
    assertThat(doneRight).as("ends in July, not at today's line").isLessThan(september.getRect().getX());
    new Actions(browser).moveToElement(done.get(0)).perform();
    WebElement tip = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//div[contains(@class, 'shisaku-chart')]//div[contains(., '7月5日に完了')]")));
    assertThat(tip.getText()).contains("区民会議条例の廃止及び関係例規の整理", "実績: 法制課との協議（4月1日〜5月30日）",
        "実績 6月議会に提案：5月30日〜6月28日", "実際の段階: 7月5日に完了");
    Chromium.screenshot(browser, "manager-schedule-finished");

    // Nothing left: it says why.
    choose(wait, "workstream", "expert-council", "0", "0");
    assertThat(text(".shisaku-empty")).contains("選んだ条件（ワークストリーム: 有識者会議、状況: 完了）に当たる施策も日程もありません");
    EnglishUiText.assertNoneOn(browser, "ダッシュボード（該当なし）");
    choose(wait, "workstream", "", "1", "1");
    choose(wait, "status", "", "29", String.valueOf(SEED_MILESTONES));
    List<WebElement> red = browser.findElements(By.cssSelector(".shisaku-chart svg path[fill='" + DELAYED_RED + "']"));

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
    // Cockpit renders the new instance's page over the old one: the old tab may go stale between finding and clicking.
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
        BusinessKey.of(KnownYear.YEAR, "hiroba-guidebook").toString()));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class,
        org.openqa.selenium.ElementNotInteractableException.class).until(d -> {
      d.findElement(By.linkText("施策の進捗")).click();
      return true;
    });
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

  @Test
  void aYearWithoutAPlanSaysSo() throws Exception {
    int year = 2100; // read only: no test plans it
    jp.shisakuflow.support.TestUsers.ensure(identityService, "manager",
        jp.shisakuflow.organization.OrganizationGroup.MANAGERS);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    browser.get(base() + "/login");
    browser.manage().deleteAllCookies();
    Chromium.logIn(browser, base(), "manager");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/processes");
    browser.executeScript("window.localStorage.setItem('shisaku.fiscalYear', '" + year + "');"
        + "window.location.hash = '#/dashboard';");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".shisaku-empty"),
        year + "年度には、取り込まれた計画も施策もありません"));
    assertThat(browser.findElements(By.cssSelector(".shisaku-chart svg"))).as("no empty chart").isEmpty();
    assertThat(new Select(browser.findElement(By.cssSelector(".shisaku-schedule select[name=ownerGroup]")))
        .getOptions()).as("nothing to offer but すべて").hasSize(1);
    EnglishUiText.assertNoneOn(browser, "ダッシュボード（計画のない年度）");
    Chromium.screenshot(browser, "manager-schedule-empty-year");
  }

  /** Chooses a filter's value and waits for the answer drawn: so many initiatives and milestones. */
  private void choose(WebDriverWait wait, String filter, String value, String initiatives, String milestones) {
    new Select(browser.findElement(By.cssSelector(".shisaku-schedule select[name=" + filter + "]")))
        .selectByValue(value);
    // Read at once in the page: the toolbar and chart are drawn anew with each answer.
    String drawn = value + "|" + initiatives + "|" + milestones;
    wait.until(d -> drawn.equals(browser.executeScript("const s = document.querySelector('.shisaku-schedule');"
        + " const f = s && s.querySelector('select[name=" + filter + "]');"
        + " return s && f ? f.value + '|' + s.getAttribute('data-initiatives') + '|' + s.getAttribute('data-milestones') : '';")));
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  private List<Map<?, ?>> milestonesOf(int year) {
    Map<?, ?> dashboard = http.withBasicAuth("manager", jp.shisakuflow.support.TestUsers.PASSWORD)
        .getForObject("/api/progress/dashboard?fiscalYear=" + year, Map.class);
    return ((List<?>) dashboard.get("milestones")).stream().<Map<?, ?>>map(m -> (Map<?, ?>) m)
        .collect(Collectors.toList());
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
