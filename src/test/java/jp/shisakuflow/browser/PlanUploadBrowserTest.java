package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jp.shisakuflow.fiscalyear.StandalonePlanServices;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanParser;
import jp.shisakuflow.plan.workbook.PlanWorkbook;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 計画の取込み in Cockpit, not curl: a manager uploads an invalid plan and sees every error with its line, a new plan
 * and sees what it will start before applying it, then a revision and sees each changed phase old → new before
 * applying it; an auditor (Cockpit, but may not import) is not offered the page; ward staff have no Cockpit, and the
 * server refuses them the preview. FY2084.
 */
@ApiTest
class PlanUploadBrowserTest {

  static final int YEAR = 2084;
  /** An import starts 29 initiatives, which takes its time on a busy machine. */
  static final Duration IMPORT = Duration.ofSeconds(300);

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @LocalServerPort int port;
  @TempDir Path files;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void aManagerSeesTheDryRunAndThenImports() throws Exception {
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    Path invalid = file("計画_誤りあり.yaml", StandalonePlanServices.seedYamlReplacing(
        "counterparts: [legalAffairs]", "counterparts: [legalDept]",
        "date: 2019-07-09", "date: 2020-07-09"));
    Path plan = file("計画_2084.yaml", StandalonePlanServices.seedYaml());
    Path revised = file("計画_2084_改定.yaml", StandalonePlanServices.seedYamlReplacing(
        "{ stage: coordinate, name: 要領作成, start: Q1, end: Q2 }",
        "{ stage: coordinate, name: 要領作成, start: Q1, end: about Q3 }",
        "kind: meeting, date: 2019-07-09,", "kind: meeting, date: 2019-07-16,"));
    var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    logIn("manager");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/processes");

    // Offered in Cockpit's header.
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.shisaku-upload-link"))).click();
    WebElement page = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-upload")));
    assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("計画の取込み");
    assertThat(browser.getCurrentUrl()).endsWith("#/plan-upload");
    // The file button in the page's words (the browser's own says 「Choose File」 in an English browser).
    assertThat(page.findElement(By.cssSelector("label.shisaku-upload-choose")).getText()).isEqualTo("ファイルを選択");
    assertThat(page.findElement(By.cssSelector(".shisaku-upload-filename")).getText()).isEqualTo("選択されていません");
    EnglishUiText.assertNoneOn(browser, "計画の取込み");
    assertThat(fetchInPage("/api/plans/preview?source=x.yaml", "POST", "id: x"))
        .as("the page's way of asking reaches the preview (an invalid plan)").isEqualTo(400);

    // An invalid plan: every error with its line, nothing to apply.
    check(invalid);
    WebElement errors = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".shisaku-upload-errors")));
    assertThat(errors.getText()).contains("計画ファイルに誤りがあります", "2 件。何も取り込んでいません");
    List<WebElement> items = errors.findElements(By.tagName("li"));
    assertThat(items).hasSize(2).allSatisfy(item -> assertThat(item.getText()).containsPattern("^\\d+ 行目："));
    assertThat(items).anySatisfy(item -> assertThat(item.getText()).contains("legalDept"));
    assertThat(browser.findElements(By.cssSelector(".shisaku-upload-go"))).isEmpty();
    Chromium.screenshot(browser, "plan-upload-1-errors");
    EnglishUiText.assertNoneOn(browser, "計画の取込み（誤り）");

    // The plan's Excel workbook with a date outside the year: the error at its sheet and cell.
    check(invalidWorkbook());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".shisaku-upload-errors"),
        "シート\"段階一覧\" セル"));
    assertThat(browser.findElement(By.cssSelector(".shisaku-upload-errors")).getText())
        .contains("何も取り込んでいません", "2099-04-01");
    assertThat(browser.findElements(By.cssSelector(".shisaku-upload-go"))).isEmpty();
    Chromium.screenshot(browser, "plan-upload-1-workbook-errors");
    EnglishUiText.assertNoneOn(browser, "計画の取込み（Excel の誤り）");

    // A new plan: what it will start, then 取り込む with one confirmation, the progress, and what happened.
    check(plan);
    WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".shisaku-upload-status")));
    assertThat(status.getText()).contains("2084年度の計画として新しく取り込みます。施策 29 件を開始します");
    assertThat(browser.findElements(By.cssSelector(".shisaku-upload-starting tbody tr"))).hasSize(29);
    assertThat(browser.findElement(By.cssSelector(".shisaku-upload-starting")).getText())
        .contains("モデル事業実施支援", "要領作成：第1四半期〜第2四半期");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike("FY2084-%").count())
        .as("the dry run started nothing").isZero();
    EnglishUiText.assertNoneOn(browser, "計画の取込み（新しい年度の確認）");
    apply(wait);
    WebElement done = new WebDriverWait(browser, IMPORT).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".shisaku-upload-done")));
    assertThat(done.getText()).contains("取り込みが終わりました", "2084年度の計画を取り込みました。施策 29 件を開始しました");
    assertThat(done.findElement(By.cssSelector("a.shisaku-upload-schedule")).getText())
        .isEqualTo("2084年度の進捗（スケジュール）を見る");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike("FY2084-%").count())
        .isEqualTo(30);
    Chromium.screenshot(browser, "plan-upload-2-started");
    EnglishUiText.assertNoneOn(browser, "計画の取込み（取込み結果）");

    // A revision: each changed phase old → new (a vague date stays vague), the moved meeting, before applying.
    check(revised);
    status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-upload-status")));
    assertThat(status.getText()).contains("実行中の2084年度の計画を改定します。予定が変わる施策 1 件");
    List<String> diff = browser.findElements(By.cssSelector(".shisaku-upload-diff tbody tr")).stream()
        .map(WebElement::getText).toList();
    assertThat(diff).hasSize(2);
    assertThat(diff.get(0)).contains("モデル事業実施支援", "要領作成", "第1四半期〜第2四半期", "第1四半期〜第3四半期頃", "変更");
    assertThat(diff.get(1)).contains("募集開始・支援実施").doesNotContain("変更");
    assertThat(browser.findElement(By.cssSelector(".shisaku-upload-milestones")).getText())
        .contains("第1回有識者会議", "7月9日", "7月16日");
    Chromium.screenshot(browser, "plan-upload");
    Files.copy(Path.of("target", "screenshots", "plan-upload.png"), Path.of("docs", "plan-upload.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    EnglishUiText.assertNoneOn(browser, "計画の取込み（改定の確認）");
    apply(wait);
    done = new WebDriverWait(browser, IMPORT).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".shisaku-upload-done")));
    assertThat(done.getText()).contains("2084年度の計画を改定しました。施策 1 件の予定を変更し、0 件を開始しました");
    EnglishUiText.assertNoneOn(browser, "計画の取込み（改定の結果）");

    // The link shows the year's schedule.
    done.findElement(By.cssSelector("a.shisaku-upload-schedule")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".shisaku-chart svg")));
    assertThat(browser.findElement(By.cssSelector(".shisaku-chart")).getAttribute("aria-label")).startsWith("2084年度");
  }

  @Test
  void anAuditorIsNotOfferedThePageAndWardStaffAreRefusedThePreview() {
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    logIn("auditor");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/dashboard");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".shisaku-schedule")));
    assertThat(browser.findElements(By.cssSelector("a.shisaku-upload-link"))).isEmpty();
    assertThat(browser.findElement(By.cssSelector("[cam-widget-header]")).getText()).doesNotContain("計画の取込み");
    // Not even by its address: Cockpit has no such page for them.
    browser.executeScript("window.location.hash = '#/plan-upload';");
    wait.until(d -> !d.getCurrentUrl().endsWith("#/plan-upload"));
    assertThat(browser.findElements(By.cssSelector(".shisaku-upload"))).isEmpty();
    assertThat(fetchInPage("/api/plans/preview?source=x.yaml", "POST", "id: x")).isEqualTo(403);
    assertThat(fetchInPage("/api/plans/upload-form", "GET", null)).isEqualTo(403);
    EnglishUiText.assertNoneOn(browser, "Cockpit（監査担当）");

    logIn("takatsu");
    Chromium.openWebapp(browser, base() + "/camunda/app/tasklist/default/");
    assertThat(fetchInPage("/api/plans/preview?source=x.yaml", "POST", "id: x")).isEqualTo(403);
    assertThat(fetchInPage("/api/plans?source=x.yaml", "POST", "id: x")).isEqualTo(403);
  }

  /** Chooses the file and asks for the dry run. */
  private static void check(Path file) {
    WebElement form = browser.findElement(By.cssSelector(".shisaku-upload-form"));
    WebElement year = form.findElement(By.name("fiscalYear"));
    year.clear();
    year.sendKeys(String.valueOf(YEAR));
    form.findElement(By.name("file")).sendKeys(file.toAbsolutePath().toString());
    assertThat(form.findElement(By.cssSelector(".shisaku-upload-filename")).getText())
        .isEqualTo(file.getFileName().toString());
    form.findElement(By.cssSelector(".shisaku-upload-check")).click();
  }

  /** 取り込む, its one confirmation, and the progress state the page showed meanwhile. */
  private static void apply(WebDriverWait wait) {
    WebElement go = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".shisaku-upload-go")));
    go.click();
    WebElement yes = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".shisaku-upload-confirm-yes")));
    assertThat(browser.findElement(By.cssSelector(".shisaku-upload-confirm")).getText()).contains("よろしいですか");
    EnglishUiText.assertNoneOn(browser, "計画の取込み（確認）");
    browser.executeScript("window.__progress = []; const go = arguments[0];"
        + "new MutationObserver(() => window.__progress.push(go.textContent + (go.disabled ? '|disabled' : '')))"
        + ".observe(go, {childList: true, characterData: true, subtree: true, attributes: true});", go);
    yes.click();
    wait.until(d -> !((List<?>) ((ChromeDriver) d).executeScript("return window.__progress;")).isEmpty());
    @SuppressWarnings("unchecked")
    List<String> progress = (List<String>) browser.executeScript("return window.__progress;");
    assertThat(progress).contains("取り込んでいます…|disabled");
  }

  /** Logs in and waits until the browser has left the login page. */
  private void logIn(String user) {
    browser.manage().deleteAllCookies();
    Chromium.logIn(browser, base(), user);
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
  }

  /** The status of a request sent from the page as its scripts send it (session cookie, the app's CSRF header). */
  private static long fetchInPage(String path, String method, String body) {
    return (Long) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "const token = (document.cookie.split(';').map(c => c.trim())"
        + ".find(c => c.startsWith('SHISAKU-XSRF-TOKEN=')) || '=').split('=')[1];"
        + "fetch(arguments[0], {method: arguments[1], credentials: 'same-origin', body: arguments[2],"
        + " headers: {'Content-Type': 'application/yaml', 'X-SHISAKU-XSRF-TOKEN': decodeURIComponent(token)}})"
        + ".then(r => done(r.status)).catch(e => done(-1));", path, method, body);
  }

  /** The seed plan's workbook for the year, with its first phase starting in 2099 (段階一覧 is what is read). */
  private Path invalidWorkbook() throws java.io.IOException {
    Plan seed = PlanParser.forImportedPlans().parse("seed", StandalonePlanServices.seedYaml()).inFiscalYear(YEAR);
    try (var workbook = WorkbookFactory.create(new java.io.ByteArrayInputStream(PlanWorkbook.write(seed, null)));
        var out = new java.io.ByteArrayOutputStream()) {
      Sheet phases = workbook.getSheet(PlanWorkbook.PHASES_SHEET);
      int start = -1;
      for (Cell cell : phases.getRow(0)) {
        if (cell.getStringCellValue().startsWith("開始")) {
          start = cell.getColumnIndex();
        }
      }
      assertThat(start).as("the phase list's 開始 column").isNotNegative();
      phases.getRow(1).getCell(start).setCellValue("2099-04-01");
      workbook.write(out);
      return Files.write(files.resolve("計画_誤りあり.xlsx"), out.toByteArray());
    }
  }

  private Path file(String name, String content) throws java.io.IOException {
    return Files.writeString(files.resolve(name), content, StandardCharsets.UTF_8);
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
