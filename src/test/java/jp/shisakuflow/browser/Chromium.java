package jp.shisakuflow.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.function.Consumer;
import jp.shisakuflow.support.TestUsers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium and ChromeDriver, headless and in Japanese. Nothing is downloaded: where they are
 * missing, browser tests are skipped with a message saying what to install. Public for the cluster test's
 * browser (cluster/ClusterIT): {@link #start}, {@link #logIn(ChromeDriver, String, String, String)},
 * {@link #openWebapp}, {@link #screenshot}.
 */
public final class Chromium {

  static final String BROWSER = System.getenv().getOrDefault("SHISAKU_CHROMIUM", "/usr/bin/chromium");
  static final String DRIVER = System.getenv().getOrDefault("SHISAKU_CHROMEDRIVER", "/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** Every webapp's header holds the account menu once the webapp has started. */
  static final By HEADER = By.cssSelector("li.account");

  private Chromium() {}

  public static ChromeDriver start() {
    if (!new File(BROWSER).canExecute() || !new File(DRIVER).canExecute()) {
      String message = "Browser tests SKIPPED: no Chromium at " + BROWSER + " or no ChromeDriver at " + DRIVER
          + " (apt-get install chromium chromium-driver fonts-ipaexfont-gothic)";
      System.err.println(message);
      Assumptions.abort(message);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--lang=ja", "--window-size=1400,1000");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ja,ja-JP"));
    // The console (CSP violations among it), for LoadingBrowserTest and for diagnoses: consoleErrors(driver).
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    return driver;
  }

  /** Logs in through the app's login page as a user with the test password. */
  static void logIn(ChromeDriver driver, String base, String user) {
    logIn(driver, base, user, TestUsers.PASSWORD);
  }

  /** Logs in through the app's login page. */
  public static void logIn(ChromeDriver driver, String base, String user, String password) {
    driver.get(base + "/login");
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    awaitLoggedIn(driver, user);
  }

  /**
   * Waits until the login page has answered and the browser has left it, so that the next page opened is
   * opened with the new session (not raced against the login's own redirect).
   */
  static void awaitLoggedIn(ChromeDriver driver, String user) {
    try {
      new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login")
          && "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    } catch (TimeoutException stuck) {
      throw new AssertionError("Not logged in as " + user + " after 30 s: " + state(driver), stuck);
    }
  }

  /** How long a webapp may take to draw its header. */
  static final Duration WEBAPP_START = Duration.ofSeconds(90);

  /**
   * Opens a page of a webapp and waits for its header (the account menu). A webapp that never draws it fails
   * with what the page loaded and what the console said. (A webapp once stayed on its loading spinner now and
   * then, and was reloaded here: its page carried another request's CSP nonce, so the browser refused
   * runtime.js and deps.js. WebappNonceFilter fixed that; LoadingBrowserTest loads the webapps many times.)
   */
  public static void openWebapp(ChromeDriver driver, String url) {
    // A full load: a URL that differs from the current page's only after '#' would otherwise just change the route
    // of the page already open, with whatever that page had drawn.
    driver.get("about:blank");
    driver.get(url);
    try {
      new WebDriverWait(driver, WEBAPP_START).until(ExpectedConditions.presenceOfElementLocated(HEADER));
    } catch (TimeoutException stuck) {
      try {
        screenshot(driver, "webapp-still-loading-" + Math.abs(url.hashCode()));
      } catch (java.io.IOException ignored) {
        // the screenshot only helps the diagnosis
      }
      throw new AssertionError("Webapp still loading after " + WEBAPP_START.toSeconds() + " s: " + url
          + "\nconsole:\n" + String.join("\n", consoleErrors(driver))
          + "\nresources loaded:\n" + driver.executeScript("return performance.getEntriesByType('resource')"
          + ".map(e => e.name + ' ' + Math.round(e.duration) + ' ms ' + (e.responseStatus || '')).join('\\n')"), stuck);
    }
  }

  /** The console's warnings and errors since the last call (ChromeDriver hands each entry out once). */
  static List<String> consoleErrors(ChromeDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::toString)
        .toList();
  }

  /**
   * One browser for a test class: started before its tests (or the class skipped where Chromium is missing),
   * handed to the class, and quit after them.
   */
  static final class PerClass implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {
    private final Consumer<ChromeDriver> handTo;
    private ChromeDriver driver;

    PerClass(Consumer<ChromeDriver> handTo) {
      this.handTo = handTo;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
      driver = start();
      handTo.accept(driver);
    }

    /** A failed test says where the browser was and what it showed, in the message a CI summary prints. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
      if (driver == null) {
        throw failure;
      }
      String where;
      try {
        screenshot(driver, "failed-" + context.getRequiredTestClass().getSimpleName() + "-"
            + context.getRequiredTestMethod().getName());
        where = state(driver);
      } catch (RuntimeException | java.io.IOException unavailable) {
        where = "(browser state unavailable: " + unavailable + ")";
      }
      AssertionError explained = new AssertionError(firstLine(failure) + " — browser: " + where, failure);
      explained.setStackTrace(failure.getStackTrace());
      throw explained;
    }

    @Override
    public void afterAll(ExtensionContext context) {
      if (driver != null) {
        driver.quit();
      }
    }
  }

  /** The browser's page in one line: its URL, the text it shows (cut) and the console's complaints. */
  static String state(ChromeDriver driver) {
    String text = String.valueOf(driver.executeScript("return document.body ? document.body.innerText : ''"))
        .replaceAll("\\s+", " ").trim();
    Object selects = driver.executeScript("return Array.from(document.querySelectorAll('select'))"
        + ".map(s => (s.name || s.id || '?') + '=' + s.value).join(', ')");
    return "url=" + driver.getCurrentUrl() + " | selects=" + selects
        + " | text=" + (text.length() > 600 ? text.substring(0, 600) + "…" : text)
        + " | console=" + String.join(" ; ", consoleErrors(driver));
  }

  private static String firstLine(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    int end = message.indexOf('\n');
    return failure.getClass().getSimpleName() + ": " + (end < 0 ? message : message.substring(0, end));
  }

  public static Path screenshot(ChromeDriver driver, String name) throws java.io.IOException {
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }
}
