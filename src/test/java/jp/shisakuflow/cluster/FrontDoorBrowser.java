package jp.shisakuflow.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.shisakuflow.browser.Chromium;
import jp.shisakuflow.initiative.InitiativeLifecycle.Element;
import jp.shisakuflow.organization.OrganizationGroup;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at the front door: a real browser logs in through nginx, opens Tasklist and claims a coordination task
 * while both nodes are up (nginx spreads its requests over both), and completes it after one node was killed,
 * while that node starts again, with at most one retry and without logging in again; after the node is back,
 * Tasklist still opens without a login. Its own initiative (fiscal year 2086, a
 * ward of its own) stays out of the REST clients' lists and checks.
 */
final class FrontDoorBrowser implements AutoCloseable {

  static final String USER = "clbrowser";
  static final OrganizationGroup OFFICE = OrganizationGroup.WARD_MIYAMAE;
  static final String TITLE = "クラスタ試験 ブラウザの施策";
  static final int YEAR = 2086;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final NginxFront front;
  private final ClusterClient client;
  private final String password;
  private ChromeDriver driver;
  private String instance;
  private String sessionCookie;
  private boolean claimed;
  int logins;
  int retries;
  boolean completedAfterKill;
  boolean killedNodeStillDown;
  boolean loggedInAfterNodeBack;
  final List<String> problems = new ArrayList<>();

  FrontDoorBrowser(NginxFront front, ClusterClient client, String password) {
    this.front = front;
    this.client = client;
    this.password = password;
  }

  /** Its user and its initiative, through the REST API. */
  void prepare(String admin) throws Exception {
    ClusterUsers.createOne(client, admin, USER, OFFICE.id(), password);
    String start = """
        {"initiativeId":"cluster-browser","title":"%s","workstream":"other","ownerGroup":"%s","fiscalYear":%d,
         "phases":[{"stage":"coordinate","start":"2086-04-01","end":"2086-06-30"},
                   {"stage":"implementModel","start":"2086-07-01","end":"2086-09-30"},
                   {"stage":"verify","start":"2086-10-01","end":"2086-12-31"},
                   {"stage":"continueImplementation","start":"2087-01-01","end":"2087-03-31"}]}
        """.formatted(TITLE, OFFICE.id(), YEAR);
    ClusterClient.Answer started = client.post(0, ClusterUsers.MANAGER, "/api/initiatives", start);
    if (started.status() != 201) {
      throw new IllegalStateException("browser's initiative: HTTP " + started.status() + " " + started.body());
    }
    instance = started.body().replaceAll("(?s).*\"processInstanceId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }

  /** Logs in through nginx, opens Tasklist, claims the task: while both nodes are up. */
  void claimBeforeTheKill() throws Exception {
    driver = Chromium.start();
    try {
      Chromium.logIn(driver, front.base(), USER, password);
      logins++;
      sessionCookie = driver.manage().getCookieNamed("JSESSIONID").getValue();
      openTask();
      new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim")))
          .click();
      // Claimed once the button is gone (the form is drawn again for the assignee).
      new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(
          By.cssSelector("button.claim")));
      partners();
      claimed = true;
    } catch (Exception | AssertionError e) {
      problems.add("before the kill: " + e.getClass().getSimpleName() + " " + firstLine(e.getMessage()));
    }
    Chromium.screenshot(driver, "cluster-browser-1-claimed");
  }

  /**
   * After a node was killed: opens the task afresh through nginx (as a person does who comes back to it), fills
   * the form and completes it; one retry (open, fill, complete) at most. Notes whether that node was still down
   * (refusing connections) when the completion was seen.
   */
  void completeAfterTheKill(AppNode killed) throws Exception {
    if (!claimed) {
      return;
    }
    for (int attempt = 1; attempt <= 2 && !completedAfterKill; attempt++) {
      try {
        if (attempt > 1) {
          retries++;
        }
        openTask();
        if (onLoginPage()) {
          problems.add("attempt " + attempt + ": sent to the login page");
          return;
        }
        type(partners(), "宮前区役所 地域振興課");
        type(driver.findElement(By.xpath("//label[contains(., '調整内容')]/following::textarea[1]")),
            "ノードの停止中に完了した");
        WebElement button = new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(
            By.xpath("//button[contains(@class, 'btn-primary') and normalize-space(.) = '完了']")));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button);
        long deadline = System.currentTimeMillis() + 45_000;
        while (!completedAfterKill && System.currentTimeMillis() < deadline) {
          completedAfterKill = coordinationCompleted();
          Thread.sleep(500);
        }
        if (completedAfterKill) {
          killedNodeStillDown = !accepts(killed.port);
        } else {
          problems.add("attempt " + attempt + ": not completed after 45 s; page: "
              + firstLine(driver.findElement(By.tagName("body")).getText().replace('\n', ' ')));
        }
      } catch (Exception | AssertionError e) {
        problems.add("attempt " + attempt + ": " + e.getClass().getSimpleName() + " " + firstLine(e.getMessage()));
      }
    }
    Chromium.screenshot(driver, "cluster-browser-2-completed");
  }

  /**
   * Types into a form field and leaves it, as a person does: form-js takes a field's input into the form only
   * after a pause or when the field loses focus (its debounce, flushed on blur), and the script's click on 完了
   * moves no focus, so without leaving the field the form would still see it empty (seen: 「必須項目です」).
   */
  private void type(WebElement field, String text) {
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
    field.sendKeys(text);
    new WebDriverWait(driver, WAIT).until(d -> text.equals(field.getDomProperty("value")));
    field.sendKeys(Keys.TAB);
  }

  /** After the node is back: Tasklist opens with the same session, no login page. */
  void reopenAfterTheNodeIsBack() throws Exception {
    if (!claimed) {
      return;
    }
    try {
      Chromium.openWebapp(driver, front.base() + "/camunda/app/tasklist/default/");
      loggedInAfterNodeBack = !onLoginPage();
    } catch (AssertionError e) {
      problems.add("after the node came back: " + firstLine(e.getMessage()));
    }
    Chromium.screenshot(driver, "cluster-browser-3-after-restart");
  }

  /** How many requests of this browser's session each node answered (nginx's access log). */
  java.util.Map<String, Long> answersByNode() throws java.io.IOException {
    return front.answersByNode(sessionCookie);
  }

  private void openTask() {
    Chromium.openWebapp(driver, front.base() + "/camunda/app/tasklist/default/");
    var wait = new WebDriverWait(driver, WAIT);
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[starts-with(normalize-space(.), '部署のタスク') and not(*[starts-with(normalize-space(.), '部署のタスク')])]")))
        .click();
    WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//*[contains(text(), '" + TITLE + "')]/ancestor::li[1]//h4[contains(@class, 'task')]/a")));
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", card);
    wait.until(ExpectedConditions.elementToBeClickable(card)).click();
  }

  private WebElement partners() {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//label[contains(., '相手方・関係課')]/following::input[1]")));
  }

  private boolean onLoginPage() {
    return driver.getCurrentUrl().contains("/login");
  }

  private boolean coordinationCompleted() throws InterruptedException {
    ClusterClient.Answer done = client.get(0, ClusterUsers.MANAGER, "/engine-rest/history/task?processInstanceId="
        + instance + "&taskDefinitionKey=" + Element.TASK_COORDINATE + "&finished=true&maxResults=5");
    return done.status() == 200 && done.body().contains("\"id\"");
  }

  private static boolean accepts(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (java.io.IOException refused) {
      return false;
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.quit();
    }
  }
}
