package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import jp.shisakuflow.organization.Cities;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A city's administrator in Camunda Admin, as they work: the user list holds their city's people and no other
 * city's, and a person they create there is their city's; and in Cockpit's 計画の取込み their city's plan goes into
 * their city.
 */
@ApiTest
class CityAdministratorBrowserTest {

  static final String ADMIN = "cabWakabaAdmin";
  static final String WAKABA_PERSON = "cabWakabaPerson";
  static final String KAWASAKI_PERSON = "cabKawasakiPerson";
  static final String CREATED = "cabWakabaCreated";
  static final String WAKABA_PLAN = "processes/plans/fy2019-wakaba.yaml";
  static final int PLAN_YEAR = 2071;

  @Autowired IdentityService identityService;
  @Autowired org.camunda.bpm.engine.HistoryService historyService;
  @LocalServerPort int port;

  private static ChromeDriver browser;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void theCitysAdministratorKeepsTheCitysPeopleInAdmin() throws Exception {
    TestUsers.ensureAdministratorOf(identityService, ADMIN, City.WAKABA);
    TestUsers.ensure(identityService, WAKABA_PERSON, OrganizationGroup.WAKABA_PLANNING, City.WAKABA);
    TestUsers.ensure(identityService, KAWASAKI_PERSON, OrganizationGroup.COMMUNITY_PROMOTION, City.KAWASAKI);

    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    Chromium.logIn(browser, base(), ADMIN, TestUsers.PASSWORD);
    Chromium.openWebapp(browser, base() + "/camunda/app/admin/default/#/users");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table"), WAKABA_PERSON));
    String listed = browser.findElement(By.cssSelector("table")).getText();
    assertThat(listed).contains(WAKABA_PERSON, ADMIN).doesNotContain(KAWASAKI_PERSON);
    Chromium.screenshot(browser, "admin-city-users");

    browser.get(base() + "/camunda/app/admin/default/#/user-create");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("inputUserId"))).sendKeys(CREATED);
    browser.findElement(By.id("inputPassword")).sendKeys(TestUsers.PASSWORD);
    browser.findElement(By.id("inputPasswordRepeat")).sendKeys(TestUsers.PASSWORD);
    browser.findElement(By.id("inputFirstname")).sendKeys("葵");
    browser.findElement(By.id("inputLastname")).sendKeys("若葉");
    browser.findElement(By.id("inputEmail")).sendKeys(CREATED + "@test.invalid");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='createUser()']"))).click();
    wait.until(d -> identityService.createUserQuery().userId(CREATED).count() == 1);
    assertThat(Cities.of(identityService, CREATED)).containsExactly(City.WAKABA.tenantId());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table"), CREATED));
  }

  @Test
  void theCitysAdministratorImportsTheCitysPlanInCockpit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path files)
      throws Exception {
    TestUsers.ensureAdministratorOf(identityService, ADMIN, City.WAKABA);
    java.nio.file.Path plan = java.nio.file.Files.copy(java.nio.file.Path.of(WAKABA_PLAN),
        files.resolve("若葉市の計画.yaml"));
    var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    Chromium.logIn(browser, base(), ADMIN, TestUsers.PASSWORD);
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/processes");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.shisaku-upload-link"))).click();
    var form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-upload-form")));
    var year = form.findElement(By.name("fiscalYear"));
    year.clear();
    year.sendKeys(String.valueOf(PLAN_YEAR));
    form.findElement(By.name("file")).sendKeys(plan.toAbsolutePath().toString());
    form.findElement(By.cssSelector(".shisaku-upload-check")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".shisaku-upload-status"),
        PLAN_YEAR + "年度の計画として新しく取り込みます"));
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".shisaku-upload-go"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".shisaku-upload-confirm-yes"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shisaku-upload-done")));
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(
        "FY" + PLAN_YEAR + "-%").list()).as("the plan's instances, 若葉市's").isNotEmpty()
        .allSatisfy(instance -> assertThat(instance.getTenantId()).isEqualTo(City.WAKABA.tenantId()));
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
