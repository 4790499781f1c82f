package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.Cities;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.CityScope;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
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
 * The overview across cities in Cockpit, as a prefecture's person sees it: each city's counts on the dashboard, a
 * choice of city, and that city's schedule alone; no report downloads (they carry comments).
 */
@ApiTest
class CityOverviewBrowserTest {

  static final int YEAR = 2058;
  static final String USER = "overviewBrowser";

  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired CityScope cities;
  @LocalServerPort int port;

  private static ChromeDriver browser;

  @RegisterExtension
  static final Chromium.PerClass chromium = new Chromium.PerClass(driver -> browser = driver);

  @Test
  void theOverviewShowsEachCitysCountsAndOneCitysSchedule() throws Exception {
    TestUsers.ensure(identityService, USER, OrganizationGroup.OVERVIEW, City.KAWASAKI);
    Cities.addPerson(identityService, City.WAKABA, USER);
    start(City.KAWASAKI, OrganizationGroup.COMMUNITY_PROMOTION, 3);
    start(City.WAKABA, OrganizationGroup.WAKABA_COMMUNITY, 2);

    var wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    Chromium.logIn(browser, base(), USER, TestUsers.PASSWORD);
    Chromium.openWebapp(browser, base() + "/camunda/app/cockpit/default/#/processes");
    browser.executeScript("window.localStorage.setItem('shisaku.fiscalYear', '" + YEAR + "');"
        + "window.location.hash = '#/dashboard';");

    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".shisaku-schedule"), "data-initiatives", "5"));
    WebElement counts = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".shisaku-cities")));
    assertThat(counts.getText()).contains("市ごとの状況", City.KAWASAKI.nameJa(), City.WAKABA.nameJa());
    List<String> rows = counts.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
    assertThat(rows).hasSize(2).anySatisfy(r -> assertThat(r).startsWith(City.WAKABA.nameJa() + " 2"))
        .anySatisfy(r -> assertThat(r).startsWith(City.KAWASAKI.nameJa() + " 3"));
    assertThat(browser.findElements(By.cssSelector(".shisaku-report-xlsx"))).as("no quarterly report").isEmpty();
    Chromium.screenshot(browser, "overview-cities");

    new Select(browser.findElement(By.cssSelector(".shisaku-schedule select[name=city]")))
        .selectByValue(City.WAKABA.tenantId());
    wait.until(d -> "wakaba|2".equals(browser.executeScript("const s = document.querySelector('.shisaku-schedule');"
        + " const f = s && s.querySelector('select[name=city]');"
        + " return s && f ? f.value + '|' + s.getAttribute('data-initiatives') : '';")));
    assertThat(browser.findElement(By.cssSelector(".shisaku-chart svg")).getAttribute("innerHTML"))
        .contains(City.WAKABA.nameJa() + "の施策").doesNotContain(City.KAWASAKI.nameJa() + "の施策");
    Chromium.screenshot(browser, "overview-wakaba-schedule");
  }

  private void start(City city, OrganizationGroup owner, int count) {
    for (int i = 0; i < count; i++) {
      InitiativeStart start = InitiativeStart.unplanned("overview-b-" + city.tenantId() + "-" + i,
          city.nameJa() + "の施策 " + i, "other", owner.id(), YEAR);
      cities.call(city.tenantId(), () -> initiatives.startIfAbsent(start));
    }
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
