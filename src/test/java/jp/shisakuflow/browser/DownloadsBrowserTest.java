package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.KnownYear;
import org.camunda.bpm.engine.RepositoryService;
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
 * Downloads in the browser, not curl: a manager saves the quarterly report (xlsx, csv) and the chart's image from the
 * schedule view; an auditor saves a year's signed export (shown as being prepared while it streams) and an
 * initiative's trail from the history list. Chromium saves them into a folder of the test's (CDP
 * Browser.setDownloadBehavior), where each file is checked. Reads the seed year only.
 */
@ApiTest
class DownloadsBrowserTest {

  private static ChromeDriver browser;

  @Autowired KnownYear knownYear;
  @Autowired RepositoryService repositoryService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void aManagerDownloadsTheQuarterlyReportAndTheChartImage() throws Exception {
    knownYear.ensure();
    Path folder = downloadsInto();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    Chromium.logIn(browser, base(), "manager");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/processes");
    browser.executeScript("window.localStorage.setItem('shisaku.fiscalYear', '" + KnownYear.YEAR + "');"
        + "window.location.hash = '#/dashboard';");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".shisaku-chart svg")));
    WebElement bar = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-downloads")));
    assertThat(new Select(bar.findElement(By.name("reportYear"))).getFirstSelectedOption().getText())
        .isEqualTo(KnownYear.YEAR + "年度");
    new Select(bar.findElement(By.name("reportQuarter"))).selectByVisibleText("第2四半期");
    WebElement xlsx = bar.findElement(By.cssSelector(".shisaku-report-xlsx"));
    WebElement csv = bar.findElement(By.cssSelector(".shisaku-report-csv"));
    assertThat(xlsx.getAttribute("href")).endsWith("/api/reports/quarterly?fiscalYear=" + KnownYear.YEAR
        + "&quarter=2&format=xlsx");
    assertThat(csv.getAttribute("href")).endsWith("format=csv").contains("quarter=2");
    // What the links answer within the page (the session cookie is all they need).
    assertThat(fetchInPage(xlsx.getAttribute("href")))
        .isEqualTo("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(fetchInPage(csv.getAttribute("href"))).isEqualTo("200 text/csv;charset=UTF-8");
    Chromium.screenshot(browser, "manager-downloads");
    EnglishUiText.assertNoneOn(browser, "ダッシュボード（ダウンロード）");

    xlsx.click();
    byte[] workbook = Files.readAllBytes(arrived(folder, ".xlsx"));
    assertThat(new String(workbook, 0, 2, StandardCharsets.ISO_8859_1)).as("a zip (xlsx)").isEqualTo("PK");
    csv.click();
    String table = Files.readString(arrived(folder, ".csv"), StandardCharsets.UTF_8);
    assertThat(table).startsWith("\uFEFF").contains("「まちのひろば」の推進");
    // The A3 sheet of the year's plan, from GET /api/plans?fiscalYear= (its address as the server gives it).
    WebElement a3 = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".shisaku-a3-pdf")));
    assertThat(a3.getText()).contains("A3 印刷用（PDF）");
    assertThat(a3.getAttribute("href")).contains("/api/plans/FY" + KnownYear.YEAR + "-plan-").contains("/chart.pdf?asOf=");
    assertThat(fetchInPage(a3.getAttribute("href"))).isEqualTo("200 application/pdf");
    a3.click();
    byte[] sheet = Files.readAllBytes(arrived(folder, ".pdf"));
    assertThat(new String(sheet, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

    // The plan as the office's Excel next to it (GET /api/plans/{planKey}/schedule.xlsx, as of the view's date).
    WebElement planXlsx = browser.findElement(By.cssSelector(".shisaku-plan-xlsx"));
    assertThat(planXlsx.getText()).isEqualTo("Excel（計画表）");
    assertThat(planXlsx.getAttribute("href")).contains("/api/plans/FY" + KnownYear.YEAR + "-plan-")
        .contains("/schedule.xlsx?asOf=");
    assertThat(fetchInPage(planXlsx.getAttribute("href")))
        .isEqualTo("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    bar.findElement(By.cssSelector(".shisaku-chart-png")).click();
    Path png = arrived(folder, ".png");
    byte[] image = Files.readAllBytes(png);
    assertThat(png.getFileName().toString()).contains(KnownYear.YEAR + "年度");
    assertThat(image).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(image.length).as("a chart, not a blank").isGreaterThan(20_000);

    // The status in words beside each row (not colour alone), and in a table for screen readers.
    WebElement chart = browser.findElement(By.cssSelector(".shisaku-chart"));
    assertThat(chart.getAttribute("aria-label")).contains(KnownYear.YEAR + "年度");
    List<String> texts = chart.findElements(By.tagName("text")).stream().map(WebElement::getText).toList();
    assertThat(texts).anyMatch(t -> t.startsWith("遅延（") && t.endsWith("日遅れ）"));
    String initiatives = browser.findElement(By.cssSelector(".shisaku-schedule")).getAttribute("data-initiatives");
    List<WebElement> rows = browser.findElements(By.cssSelector(".shisaku-status-table tbody tr"));
    assertThat(rows).hasSize(Integer.parseInt(initiatives));
    assertThat(rows.get(0).getAttribute("textContent")).isNotBlank();
  }

  @Test
  void anAuditorDownloadsTheYearsExportAndAnInitiativesTrail() throws Exception {
    knownYear.ensure();
    Path folder = downloadsInto();
    String definitionId = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(InitiativeLifecycle.PROCESS_KEY).latestVersion().singleResult().getId();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    Chromium.logIn(browser, base(), "auditor");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/process-definition/" + definitionId + "/runtime");
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(., '履歴（監査）')]"))).click();
    WebElement export = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".shisaku-audit-export[data-ready='true']")));
    new Select(export.findElement(By.name("exportYear"))).selectByVisibleText(KnownYear.YEAR + "年度");
    // Every text the state shows, from the click on (the export may take less time than a poll).
    browser.executeScript("const state = arguments[0].querySelector('.shisaku-export-state'); window.__states = [];"
        + "new MutationObserver(() => window.__states.push(state.textContent))"
        + ".observe(state, {childList: true, characterData: true, subtree: true});", export);
    export.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.attributeToBe(export, "data-state", "done"));
    @SuppressWarnings("unchecked")
    List<String> states = (List<String>) browser.executeScript("return window.__states;");
    assertThat(states.get(0)).isEqualTo(KnownYear.YEAR + "年度の監査エクスポートを準備しています…");
    assertThat(export.findElement(By.cssSelector(".shisaku-export-state")).getText())
        .startsWith("保存しました：audit-FY" + KnownYear.YEAR + ".zip");
    Path zip = arrived(folder, ".zip");
    assertThat(zip.getFileName().toString()).isEqualTo("audit-FY" + KnownYear.YEAR + ".zip");
    byte[] bytes = Files.readAllBytes(zip);
    assertThat(new String(bytes, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
    assertThat((long) bytes.length).isEqualTo(Long.parseLong(export.getAttribute("data-bytes")));

    // Each initiative of the list offers its trail as CSV. (The seed year's list, narrowed to one workstream: the
    // business keys of 「まちのひろば」 items read FY2019-hiroba-…, a code EnglishUiText forbids on screens.)
    wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.cssSelector(".shisaku-history-list")),
        "data-rows"));
    WebElement filter = browser.findElement(By.cssSelector(".shisaku-history-filter"));
    new Select(filter.findElement(By.name("fiscalYear"))).selectByVisibleText(KnownYear.YEAR + "年度");
    new Select(filter.findElement(By.name("workstream"))).selectByVisibleText("「ソーシャルデザインセンター」の創出");
    filter.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript("const keys = [...document.querySelectorAll("
        + "'.shisaku-history tbody tr a[data-instance]')].map(a => a.textContent);"
        + "return keys.length > 0 && keys.every(k => k.startsWith(arguments[0]));", "FY" + KnownYear.YEAR + "-sdc-"));
    List<WebElement> rows = browser.findElements(By.cssSelector(".shisaku-history tbody tr"));
    assertThat(rows).isNotEmpty().allSatisfy(row ->
        assertThat(row.findElement(By.cssSelector("a.shisaku-trail-csv")).getAttribute("href")).contains("format=csv"));
    WebElement trail = rows.get(0).findElement(By.cssSelector("a.shisaku-trail-csv"));
    String businessKey = rows.get(0).findElement(By.cssSelector("a[data-instance]")).getText();
    Chromium.screenshot(browser, "auditor-downloads");
    EnglishUiText.assertNoneOn(browser, "履歴（監査）のダウンロード");
    trail.click();
    Path csv = arrived(folder, "audit-" + businessKey + ".csv");
    assertThat(Files.readString(csv, StandardCharsets.UTF_8)).startsWith("\uFEFF").contains("開始");
  }

  /** A fresh folder where Chromium saves what is downloaded, without asking. */
  private static Path downloadsInto() throws IOException {
    Path folder = Files.createTempDirectory("shisaku-downloads");
    browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
        "downloadPath", folder.toAbsolutePath().toString()));
    return folder;
  }

  /** The file ending so, once Chromium has finished writing it. */
  private static Path arrived(Path folder, String ending) throws Exception {
    long until = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < until) {
      try (Stream<Path> files = Files.list(folder)) {
        var done = files.filter(f -> f.getFileName().toString().endsWith(ending)).findFirst();
        if (done.isPresent() && Files.size(done.get()) > 0) {
          return done.get();
        }
      }
      Thread.sleep(200);
    }
    try (Stream<Path> files = Files.list(folder)) {
      throw new AssertionError("no file ending " + ending + " arrived; the folder has " + files.toList());
    }
  }

  private static String fetchInPage(String url) {
    return (String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status + ' ' + r.headers.get('Content-Type')))"
        + ".catch(e => done(String(e)));", url);
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
