package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist loads 50 times in a row, and Cockpit, Admin and Welcome a few times each, never blank and without a
 * single Content-Security-Policy error in the console — while another session keeps the webapps busy, as other
 * users do. (Before WebappNonceFilter, a request served between a page's CSP header and its body gave the page
 * that request's nonce: the browser refused runtime.js and deps.js, and the webapp stayed on its spinner.)
 */
@ApiTest
class LoadingBrowserTest {

  static final int TASKLIST_LOADS = 50;
  static final Duration LOAD = Duration.ofSeconds(60);

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void theWebappsLoadEveryTimeWithoutCspErrors() throws Exception {
    TestUsers.ensure(identityService, "loadadmin", OrganizationGroup.ADMINISTRATORS);
    TestUsers.ensure(identityService, "loadother", OrganizationGroup.MANAGERS);
    String base = "http://localhost:" + port;
    Chromium.logIn(browser, base, "loadadmin");
    new WebDriverWait(browser, LOAD).until(ExpectedConditions.urlContains("/camunda/app/"));

    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicInteger backgroundRequests = new AtomicInteger();
    Thread otherUser = new Thread(() -> {
      BrowserSession other = new BrowserSession(port);
      other.login("loadother", TestUsers.PASSWORD);
      while (loading.get()) {
        other.get("/camunda/api/admin/auth/user/default");
        other.get("/camunda/app/welcome/default/");
        backgroundRequests.addAndGet(2);
      }
    }, "other-user");
    otherUser.setDaemon(true);
    otherUser.start();

    List<String> failures = new ArrayList<>();
    try {
      Chromium.consoleErrors(browser); // what the login and Welcome said before
      for (int i = 1; i <= TASKLIST_LOADS; i++) {
        load(base, "tasklist", i, failures);
      }
      for (String app : List.of("cockpit", "admin", "welcome")) {
        for (int i = 1; i <= 5; i++) {
          load(base, app, i, failures);
        }
      }
    } finally {
      loading.set(false);
      otherUser.join(10_000);
    }
    System.out.println("LoadingBrowserTest: " + (TASKLIST_LOADS + 15) + " loads, " + backgroundRequests.get()
        + " requests of another session meanwhile");
    assertThat(backgroundRequests.get()).as("the other session kept the server busy").isGreaterThan(TASKLIST_LOADS);
    assertThat(failures).as("blank loads and CSP errors").isEmpty();
  }

  /** One fresh load of a webapp: its header drawn, and no CSP error in the console. */
  private static void load(String base, String app, int n, List<String> failures) throws Exception {
    String url = base + "/camunda/app/" + app + "/default/";
    browser.get(url);
    try {
      // The account menu exists only once Camunda's scripts have run and drawn the header.
      new WebDriverWait(browser, LOAD).until(ExpectedConditions.presenceOfElementLocated(Chromium.HEADER));
    } catch (TimeoutException blank) {
      Chromium.screenshot(browser, "blank-" + app + "-" + n);
      failures.add(app + " load " + n + ": blank after " + LOAD.toSeconds() + " s; console: "
          + Chromium.consoleErrors(browser));
      return;
    }
    String navigation = (String) browser.executeScript(
        "const e = performance.getEntriesByType('navigation')[0]; return e ? e.type : 'none';");
    if (!"navigate".equals(navigation)) {
      failures.add(app + " load " + n + ": not a fresh load (" + navigation + ")");
    }
    List<String> csp = Chromium.consoleErrors(browser).stream()
        .filter(line -> line.contains("Content Security Policy") || line.contains("Content-Security-Policy"))
        .toList();
    if (!csp.isEmpty()) {
      failures.add(app + " load " + n + ": " + csp);
    }
  }
}
