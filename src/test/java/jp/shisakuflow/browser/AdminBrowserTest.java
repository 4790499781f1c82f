package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * The administrator walks Admin — 認可 opened directly in a browser that has never seen Admin, then users, a
 * user, groups, a group and the authorizations of each resource — and meets no English or engine term
 * (WORKFLOW, TASK_WORK, raw AUTHORIZATION_… keys): each screen is checked against {@link EnglishUiText}.
 */
@ApiTest
class AdminBrowserTest {

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void theAdministratorWalksAdminInJapanese() throws Exception {
    TestUsers.ensure(identityService, "adminwalk", OrganizationGroup.ADMINISTRATORS);
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    String admin = "http://localhost:" + port + "/camunda/app/admin/default/";
    Chromium.logIn(browser, "http://localhost:" + port, "adminwalk");
    new WebDriverWait(browser, Duration.ofSeconds(40)).until(ExpectedConditions.urlContains("/camunda/app/"));
    browser.executeScript("window.localStorage.clear()"); // as a browser that has never opened Admin

    // Opened directly: the first screen Admin draws reads its texts once, when it opens.
    Chromium.openWebapp(browser, admin + "#/authorization?resource=6");
    screen("table.authorizations tbody tr, tbody tr", "認可（プロセス定義）、直接開いたとき");
    assertThat(browser.findElement(By.tagName("body")).getText()).as("permission names in Japanese").contains("履歴の閲覧", "すべて");
    Chromium.screenshot(browser, "admin-authorizations");

    screenAt(admin + "#/users", "tbody tr", "ユーザー一覧");
    screenAt(admin + "#/users/takatsu?tab=profile", "form", "ユーザー（プロフィール）");
    screenAt(admin + "#/users/takatsu?tab=groups", "tbody tr", "ユーザー（グループ）");
    screenAt(admin + "#/groups", "tbody tr", "グループ一覧");
    assertThat(browser.findElement(By.tagName("body")).getText()).as("group types in Japanese").contains("業務");
    screenAt(admin + "#/groups/wardTakatsu?tab=group", "form", "グループ");
    screenAt(admin + "#/groups/wardTakatsu?tab=users", "tbody tr", "グループのユーザー");
    for (int resource : new int[] {0, 1, 2, 4, 5, 6, 7, 8, 17, 19, 20}) {
      screenAt(admin + "#/authorization?resource=" + resource, "table", "認可（リソース " + resource + "）");
    }
    Chromium.screenshot(browser, "admin-authorizations-last");
  }

  /** Each screen opened afresh, so that what was drawn before cannot pass for it. */
  private static void screenAt(String url, String ready, String name) {
    browser.get("about:blank");
    browser.get(url);
    new WebDriverWait(browser, Chromium.WEBAPP_START).until(ExpectedConditions.presenceOfElementLocated(Chromium.HEADER));
    screen(ready, name);
  }

  /** Waits for the screen's content, lets Admin finish drawing, and checks its text. */
  private static void screen(String ready, String name) {
    new WebDriverWait(browser, Duration.ofSeconds(40))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(ready)));
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> (Boolean) browser.executeScript(
        "return !document.querySelector('.loader, .loading-indicator, [cam-loader] .loader')"));
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    EnglishUiText.assertNoneOn(browser, name);
  }
}
