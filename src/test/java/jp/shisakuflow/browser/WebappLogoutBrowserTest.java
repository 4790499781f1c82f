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
 * The ログアウト button of Tasklist and Cockpit ends the session: the webapps send Camunda's CSRF token,
 * which the app requires of a logout ({@code SecurityHardeningTest} shows one without it refused).
 */
@ApiTest
class WebappLogoutBrowserTest {

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tasklist", "cockpit"})
  void theLogoutButtonEndsTheSession(String app) throws Exception {
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    String base = "http://localhost:" + port;
    Chromium.logIn(browser, base, "manager");
    wait.until(ExpectedConditions.urlContains("/camunda/app/"));
    Chromium.openWebapp(browser, base + "/camunda/app/" + app + "/default/");

    try {
      // The first start of a webapp in a busy JVM can take a while.
      new WebDriverWait(browser, Duration.ofSeconds(90))
          .until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account .dropdown-toggle"))).click();
    } catch (RuntimeException e) {
      Chromium.screenshot(browser, "logout-" + app + "-no-menu");
      throw new AssertionError("no account menu at " + browser.getCurrentUrl(), e);
    }
    var logout = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.logout a")));
    assertThat(logout.getText()).isEqualTo("ログアウト");
    logout.click();

    wait.until(ExpectedConditions.urlContains("/login"));
    browser.get(base + "/camunda/app/" + app + "/default/");
    wait.until(ExpectedConditions.urlContains("/login"));
    assertThat(browser.getCurrentUrl()).as("logged out: the webapp sends to the login page").contains("/login");
    Chromium.screenshot(browser, "logged-out-of-" + app);
  }
}
