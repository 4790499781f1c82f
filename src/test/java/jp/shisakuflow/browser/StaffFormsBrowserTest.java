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
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A ward officer fills in the model implementation form (Camunda Forms in Tasklist) in a real, Japanese Chromium:
 * every validation message in Japanese, a Japanese date picker, an impossible date refused (not rolled over into
 * another date), 「入力内容を確認してください」 above the buttons instead of a toast over them, and after 完了 what
 * comes next. Screenshots in target/screenshots/forms-*.png.
 */
@ApiTest
class StaffFormsBrowserTest {

  static final int YEAR = 2062;
  static final String TITLE = "入力チェックを確かめる施策";

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void aWardOfficerMeetsJapaneseValidationAStrictDateAndTheNextStep() throws Exception {
    try {
      walk();
    } catch (AssertionError | RuntimeException e) {
      Chromium.screenshot(browser, "forms-failure");
      throw new AssertionError("form errors shown: " + errors() + "\nvalues: " + browser.executeScript(
          "return Array.from(document.querySelectorAll('.fjs-container input')).map(i => i.value).join(' | ')"), e);
    }
  }

  private void walk() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("forms-" + System.nanoTime(), TITLE,
        "other", OrganizationGroup.WARD_TAKATSU.id(), YEAR)).orElseThrow();
    taskService.complete(openTaskId(instance), Map.of("coordinationPartners", "高津区役所 地域振興課"));
    String task = openTaskId(instance);
    taskService.claim(task, "takatsu");
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    Chromium.logIn(browser, base(), "takatsu");
    Chromium.openWebapp(browser, base() + "/camunda/app/tasklist/default/#/?task=" + task);
    WebElement site = wait.until(ExpectedConditions.visibilityOfElementLocated(field("実施区・場所", "input")));
    EnglishUiText.assertNoneOn(browser, "the model implementation form");

    // Nothing filled in: the required fields say so, in Japanese, and the check sits above the buttons.
    complete();
    WebElement check = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-form-check")));
    wait.until(d -> check.getText().contains("「実施区・場所」"));
    assertThat(check.getText()).startsWith("入力内容を確認してください").contains("「開始日」");
    assertThat(errors()).contains("必須項目です。");
    assertNoToastOverTheButtons();
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", check);
    Chromium.screenshot(browser, "forms-1-required");
    EnglishUiText.assertNoneOn(browser, "the form refused for missing fields");

    // Numbers out of range and not whole: each message in Japanese as it is typed, its number kept; the check
    // names the fields still in error (完了 stays disabled until they are right, as Tasklist does).
    WebElement participants = browser.findElement(field("参加者数", "input"));
    WebElement expenditure = browser.findElement(field("執行額（円）", "input"));
    participants.sendKeys("-1");
    expenditure.sendKeys("20000000000", Keys.TAB);
    wait.until(d -> errors().contains("0 以上の値を入力してください。")
        && errors().contains("10,000,000,000 以下の値を入力してください。"));
    // form-js drops a typed '.' in a whole-number field: a pasted 1.5 is what gets this message.
    browser.executeScript("""
        const input = arguments[0];
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '1.5');
        input.dispatchEvent(new Event('input', {bubbles: true}));""", participants);
    participants.sendKeys(Keys.TAB);
    wait.until(d -> errors().contains("整数で入力してください。"));
    wait.until(d -> check.getText().contains("「参加者数」") && check.getText().contains("「執行額（円）」"));
    assertNoToastOverTheButtons();
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", check);
    Chromium.screenshot(browser, "forms-2-numbers");
    EnglishUiText.assertNoneOn(browser, "the form with wrong numbers");

    // The date picker speaks Japanese: weekdays 日…土, months 1月…12月, the year first; dates are year/month/day.
    WebElement date = browser.findElement(field("開始日", "input"));
    assertThat(date.getAttribute("placeholder")).isEqualTo("年/月/日（例: 2026/04/01）");
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", date);
    openDatePicker(date);
    WebElement calendar = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
        ".fjs-container .flatpickr-calendar.open")));
    assertThat(calendar.findElements(By.cssSelector(".flatpickr-weekday")).stream().map(WebElement::getText)
        .map(String::trim).toList()).containsExactly("日", "月", "火", "水", "木", "金", "土");
    assertThat(calendar.findElement(By.cssSelector(".flatpickr-monthDropdown-months")).getText()).contains("12月");
    Chromium.screenshot(browser, "forms-3-date-picker");
    EnglishUiText.assertNoneOn(browser, "the date picker");
    date.sendKeys(Keys.ESCAPE);

    // An impossible date is kept as typed, not rolled over into another date, and said to be impossible.
    site.sendKeys("高津区 溝口");
    participants.sendKeys(Keys.chord(Keys.CONTROL, "a"), "25");
    expenditure.sendKeys(Keys.chord(Keys.CONTROL, "a"), "150000", Keys.TAB);
    date.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2026/13/45", Keys.TAB);
    wait.until(d -> errors().contains("「2026/13/45」という日付はありません"));
    assertThat(date.getAttribute("value")).as("not rolled over to 2027/02/14").isEqualTo("2026/13/45");
    wait.until(d -> check.getText().contains("「開始日」") && !check.getText().contains("「参加者数」"));
    assertThat(completeButton().isEnabled()).as("no date yet: 完了 disabled").isFalse();

    // A real date, then an impossible one over it: 完了 is refused naming the field; the task stays open.
    date.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.format("%d/05/10", YEAR), Keys.TAB);
    wait.until(d -> !errors().contains("という日付はありません") && completeButton().isEnabled());
    date.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.format("%d/02/30", YEAR), Keys.TAB);
    wait.until(d -> errors().contains("「" + YEAR + "/02/30」という日付はありません"));
    complete();
    WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-form-check")));
    wait.until(d -> refused.getText().contains("「開始日」"));
    assertThat(refused.getText()).startsWith("入力内容を確認してください").doesNotContain("「参加者数」");
    assertThat(date.getAttribute("value")).isEqualTo(YEAR + "/02/30");
    Thread.sleep(1000);
    assertThat(openTaskId(instance)).as("the task is not completed").isEqualTo(task);
    assertNoToastOverTheButtons();
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", refused);
    Chromium.screenshot(browser, "forms-4-impossible-date");
    EnglishUiText.assertNoneOn(browser, "the form refused for an impossible date");

    // A real date: completed, the check and any toast gone, and the next step named.
    date.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.format("%d/05/20", YEAR), Keys.TAB);
    wait.until(d -> !errors().contains("という日付はありません"));
    complete();
    wait.until(d -> InitiativeLifecycle.Element.TASK_VERIFY.equals(openTaskKey(instance)));
    WebElement confirmation = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class, 'page-notifications')]//*[contains(@class, 'alert')][contains(., '完了しました')]")));
    assertThat(confirmation.getText()).contains("次は「検証」（高津区役所）です");
    assertThat(browser.findElements(By.cssSelector(".shisaku-form-check"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector(".page-notifications .alert-danger"))).as("no error toast stays")
        .isEmpty();
    assertThat(String.valueOf(taskService.getVariable(openTaskId(instance), "implementationStartDate")))
        .contains(String.valueOf(YEAR));
    Chromium.screenshot(browser, "forms-5-next-step");
    EnglishUiText.assertNoneOn(browser, "Tasklist after 完了");
  }

  /** A form field's control, found by its label. */
  private static By field(String label, String control) {
    return By.xpath("//label[contains(normalize-space(.), '" + label + "')]/following::" + control + "[1]");
  }

  private void openDatePicker(WebElement date) {
    date.click();
    if (browser.findElements(By.cssSelector(".fjs-container .flatpickr-calendar.open")).isEmpty()) {
      WebElement adornment = date.findElement(By.xpath("ancestor::*[contains(@class, 'fjs-input-group')][1]"
          + "//*[contains(@class, 'fjs-input-adornment')]"));
      adornment.click();
    }
  }

  /** What the form's error messages say. */
  private String errors() {
    return String.join("\n", browser.findElements(By.cssSelector(".fjs-form-field-error")).stream()
        .map(WebElement::getText).toList());
  }

  /** No Camunda toast is shown over 保存 or 完了 (an error refused here is said above them, in the form). */
  @SuppressWarnings("unchecked")
  private void assertNoToastOverTheButtons() {
    List<String> overlaps = (List<String>) browser.executeScript("""
        const buttons = Array.from(document.querySelectorAll('.form-actions button'));
        const toasts = Array.from(document.querySelectorAll('.page-notifications .alert'))
          .filter(t => t.offsetParent !== null);
        const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const found = [];
        toasts.forEach(t => buttons.forEach(b => {
          if (hit(t.getBoundingClientRect(), b.getBoundingClientRect())) { found.push(t.innerText + ' / ' + b.innerText); }
        }));
        return found;""");
    assertThat(overlaps).as("toasts over the buttons").isEmpty();
    assertThat(browser.findElements(By.cssSelector(".page-notifications .alert-danger"))).as("no error toast")
        .isEmpty();
  }

  static final By COMPLETE = By.xpath("//button[contains(@class, 'btn-primary') and normalize-space(.) = '完了']");

  private WebElement completeButton() {
    return browser.findElement(COMPLETE);
  }

  /** The 完了 button, scrolled into view and clicked as a user would. */
  private void complete() {
    WebElement button = new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions
        .elementToBeClickable(COMPLETE));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button);
  }

  private String openTaskId(String instance) {
    var open = taskService.createTaskQuery().processInstanceId(instance).singleResult();
    return open == null ? null : open.getId();
  }

  private String openTaskKey(String instance) {
    var open = taskService.createTaskQuery().processInstanceId(instance).singleResult();
    return open == null ? null : open.getTaskDefinitionKey();
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
