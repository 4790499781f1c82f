package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.Owners;
import jp.shisakuflow.initiative.WardScope;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
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
 * The coordination form of a phased rollout's second year in a real (headless) Chromium: it shows the
 * earlier years' wards, offers only the other wards as a checklist, and the ward ticked lands in the
 * process as one more ward whose tasks the later phases fan out to.
 */
@ApiTest
class WardChoiceBrowserTest {

  static final String TITLE = "実施区をブラウザで選ぶ施策";

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void theLeadChoosesOneMoreWardAmongThoseNotYetInTheRollout() throws Exception {
    TestUsers.ensure(identityService, "promotion", OrganizationGroup.COMMUNITY_PROMOTION);
    var wards = new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of(), List.of("wardTakatsu", "wardTama"));
    // An early year: the department's list is ordered by due date, and other tests' years fill its first page.
    String instance = initiatives.startIfAbsent(new InitiativeStart("browser-wards-" + System.nanoTime(), TITLE,
        "social-design-center", Owners.led(OrganizationGroup.COMMUNITY_PROMOTION.id()), wards, 2005, List.of(),
        Outcome.CONTINUE, Outcome.CONTINUE.labelJa(), null, null)).orElseThrow();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    Chromium.logIn(browser, base(), "promotion");
    Chromium.openWebapp(browser, base() + "/camunda/app/tasklist/default/");
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[starts-with(normalize-space(.), '部署のタスク')"
        + " and not(*[starts-with(normalize-space(.), '部署のタスク')])]"))).click();
    WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//*[contains(text(), '" + TITLE + "')]/ancestor::li[1]//h4[contains(@class, 'task')]/a")));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", card);
    wait.until(ExpectedConditions.elementToBeClickable(card)).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();

    WebElement asao = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//label[normalize-space(.) = '麻生区役所']")));
    String form = browser.findElement(By.cssSelector(".fjs-form")).getText();
    assertThat(form).contains("前年度までの実施区（今年度も継続）", "高津区役所・多摩区役所", "今年度の実施区", "川崎区役所");
    assertThat(browser.findElements(By.xpath("//label[normalize-space(.) = '高津区役所']")))
        .as("an earlier year's ward is not offered again").isEmpty();
    Chromium.screenshot(browser, "ward-choice-form");

    browser.findElement(By.xpath("//label[contains(., '相手方・関係課')]/following::input[1]")).sendKeys("麻生区役所 地域振興課");
    WebElement content = browser.findElement(By.xpath("//label[contains(., '調整内容')]/following::textarea[1]"));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", content);
    content.sendKeys("麻生区を加える");
    wait.until(d -> "麻生区を加える".equals(content.getDomProperty("value")));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", asao);
    asao.click();
    wait.until(d -> browser.findElement(By.xpath("//label[normalize-space(.) = '麻生区役所']//input")).isSelected());
    WebElement button = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[contains(@class, 'btn-primary') and normalize-space(.) = '完了']")));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button);

    try {
      new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> taskService.createTaskQuery()
          .processInstanceId(instance).taskDefinitionKey(InitiativeLifecycle.Element.TASK_IMPLEMENT_MODEL).count() == 3);
    } catch (org.openqa.selenium.TimeoutException e) {
      Chromium.screenshot(browser, "ward-choice-not-completed");
      throw new AssertionError("the coordination was not completed; page: " + browser.findElement(By.tagName("body"))
          .getText() + "; variables: " + runtimeService.getVariables(instance), e);
    }
    assertThat(runtimeService.getVariable(instance, InitiativeLifecycle.Var.WARDS))
        .isEqualTo("wardTakatsu,wardTama,wardAsao");
    assertThat(taskService.createTaskQuery().processInstanceId(instance).list()).extracting(Task::getName)
        .containsExactlyInAnyOrder("モデル実施（高津区役所）", "モデル実施（多摩区役所）", "モデル実施（麻生区役所）");
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
