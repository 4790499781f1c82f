package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ログアウト button of every webapp (Welcome, Tasklist, Cockpit, Admin) ends the session and lands on the
 * app's own login page, never on Camunda's login form (where the right password would fail): the webapps send
 * Camunda's CSRF token, which the app requires of a logout ({@code SecurityHardeningTest} shows one without it
 * refused), and shisaku-webapp.js leaves Camunda's login route for /login. Logging in again there works.
 */
@ApiTest
class WebappLogoutBrowserTest {

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"welcome", "tasklist", "cockpit", "admin"})
  void theLogoutButtonEndsTheSessionAndLandsOnTheAppsLogin(String app) throws Exception {
    // Admin is the administrators'; the others are a manager's.
    String user = "admin".equals(app) ? "logoutadmin" : "manager";
    TestUsers.ensure(identityService, user, "admin".equals(app) ? OrganizationGroup.ADMINISTRATORS
        : OrganizationGroup.MANAGERS);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    String base = "http://localhost:" + port;
    Chromium.logIn(browser, base, user);
    wait.until(ExpectedConditions.urlContains("/camunda/app/"));
    Chromium.openWebapp(browser, base + "/camunda/app/" + app + "/default/");

    try {
      new WebDriverWait(browser, Duration.ofSeconds(90))
          .until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account .dropdown-toggle"))).click();
    } catch (RuntimeException e) {
      Chromium.screenshot(browser, "logout-" + app + "-no-menu");
      throw new AssertionError("no account menu at " + browser.getCurrentUrl(), e);
    }
    var logout = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.logout a")));
    assertThat(logout.getText()).isEqualTo("ログアウト");
    logout.click();

    wait.until(ExpectedConditions.urlContains("/login?logout"));
    assertAppLogin(app + " after its ログアウト");
    assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).isEqualTo("ログアウトしました。");
    Chromium.screenshot(browser, "logged-out-of-" + app);

    browser.get(base + "/camunda/app/" + app + "/default/");
    wait.until(ExpectedConditions.urlContains("/login"));
    assertAppLogin(app + " opened after logging out");

    // No trap: the right password works on the page the logout led to.
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("/camunda/app/"));
    Chromium.openWebapp(browser, base + "/camunda/app/" + app + "/default/");
  }

  /** The app's own login page, not Camunda's form. */
  private static void assertAppLogin(String when) {
    assertThat(browser.getCurrentUrl()).as(when).contains("/login").doesNotContain("/camunda/");
    assertThat(browser.findElements(By.cssSelector("form[action='/login'] #username"))).as(when).hasSize(1);
    assertThat(browser.findElements(By.cssSelector(".form-signin-container"))).as(when + ": Camunda's form").isEmpty();
  }
}
