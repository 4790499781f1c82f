package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.KnownYear;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
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
 * The app's scripts in the Camunda webapps: the one shared script runs in all four, and the Cockpit plugins
 * leave nothing behind when Cockpit unmounts them (no ECharts instance, no window listener).
 */
@ApiTest
class WebappScriptsBrowserTest {

  /** Counts the live window listeners of the history plugin's path event; installed before any page script. */
  static final String COUNT_PATH_LISTENERS = """
      (() => {
        const live = new Set();
        const add = window.addEventListener;
        const remove = window.removeEventListener;
        window.addEventListener = function (type, listener, options) {
          if (type === 'shisaku:history-path') { live.add(listener); }
          return add.call(this, type, listener, options);
        };
        window.removeEventListener = function (type, listener, options) {
          if (type === 'shisaku:history-path') { live.delete(listener); }
          return remove.call(this, type, listener, options);
        };
        window.shisakuPathListeners = () => live.size;
      })();
      """;

  private static ChromeDriver browser;

  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired KnownYear knownYear;
  @LocalServerPort int port;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> {
    browser = driver;
    browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COUNT_PATH_LISTENERS));
  });

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"welcome", "tasklist", "cockpit", "admin"})
  void theSharedScriptRunsInEveryWebapp(String app) throws Exception {
    TestUsers.ensure(identityService, "sysadmin", OrganizationGroup.ADMINISTRATORS);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(90));
    Chromium.logIn(browser, base(), "sysadmin");
    wait.until(ExpectedConditions.urlContains("/camunda/app/"));
    Chromium.openWebapp(browser, base() + "/camunda/app/" + app + "/default/");

    // The shared script hides Camunda 7 CE's end-of-life banner with a style of its own.
    try {
      wait.until(driver -> (Boolean) browser.executeScript("return [...document.querySelectorAll('style')]"
          + ".some(s => s.textContent.includes('.ce-eol-banner'));"));
    } catch (RuntimeException e) {
      Chromium.screenshot(browser, "shared-script-" + app + "-missing");
      System.err.println("No shared script in " + app + " at " + browser.getCurrentUrl() + "; scripts loaded: "
          + browser.executeScript("return performance.getEntriesByType('resource').map(e => e.name)"
          + ".filter(n => n.endsWith('.js') || n.includes('.js?'));"));
      throw e;
    }
    Object loaded = browser.executeScript("return performance.getEntriesByType('resource').map(e => e.name)"
        + ".filter(n => n.includes('shisaku-webapp'));");
    assertThat(loaded.toString()).as("the one shared script, from the shared folder")
        .contains("/camunda/app/shisaku/scripts/shisaku-webapp.js").doesNotContain("/" + app + "/scripts/shisaku-webapp");
    Chromium.screenshot(browser, "shared-script-" + app);
  }

  @Test
  void theDashboardLeavesNoChartBehindWhenCockpitNavigatesAway() throws Exception {
    knownYear.ensure();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    Chromium.logIn(browser, base(), "manager");
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/processes");
    // The dashboard reads the year when it draws: chosen first, then the dashboard opened within the page.
    browser.executeScript("window.localStorage.setItem('shisaku.fiscalYear', '" + KnownYear.YEAR + "');"
        + "window.shisakuChartNodes = []; window.location.hash = '#/dashboard';");

    for (int visit = 1; visit <= 3; visit++) {
      if (visit > 1) {
        browser.executeScript("window.location.hash = '#/processes';");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".shisaku-schedule"), 0));
        browser.executeScript("window.location.hash = '#/dashboard';");
      }
      wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".shisaku-schedule"), "data-initiatives", "29"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".shisaku-chart svg")));
      // Remembers every chart node the dashboard has drawn into, also after Cockpit has taken it off the page.
      browser.executeScript("window.shisakuChartNodes.push(document.querySelector('.shisaku-chart'));");
    }

    Long drawn = (Long) browser.executeScript("return window.shisakuChartNodes.length;");
    Long live = (Long) browser.executeScript("return window.shisakuChartNodes"
        + ".filter(node => window.echarts.getInstanceByDom(node)).length;");
    Long onPage = (Long) browser.executeScript("return document.querySelectorAll('[_echarts_instance_]').length;");
    assertThat(drawn).as("the dashboard was shown three times").isEqualTo(3);
    assertThat(live).as("ECharts instances alive after visiting the dashboard three times").isEqualTo(1);
    assertThat(onPage).as("charts on the page").isEqualTo(1);
    Object echarts = browser.executeScript("return performance.getEntriesByType('resource').map(e => e.name)"
        + ".filter(n => n.includes('/webjars/echarts/'));");
    assertThat(echarts.toString()).as("ECharts by the URL without its version (the pom holds the version)")
        .contains("/webjars/echarts/dist/echarts.min.js");
  }

  @Test
  void theDiagramPathListenerGoesWhenCockpitNavigatesAway() throws Exception {
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
    String definitionId = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(InitiativeLifecycle.PROCESS_KEY).latestVersion().singleResult().getId();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    Chromium.logIn(browser, base(), "auditor");
    String definition = "#/process-definition/" + definitionId + "/runtime";
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/" + definition);

    for (int visit = 1; visit <= 3; visit++) {
      if (visit > 1) {
        browser.executeScript("window.location.hash = '#/processes';");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".djs-container"), 0));
        browser.executeScript("window.location.hash = arguments[0];", definition);
      }
      wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("[data-element-id='StartEvent_InitiativeStarted']")));
      wait.until(driver -> ((Long) browser.executeScript("return window.shisakuPathListeners();")) > 0);
    }

    assertThat((Long) browser.executeScript("return window.shisakuPathListeners();"))
        .as("path listeners on the window after showing the diagram three times").isEqualTo(1);
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
