package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * English (or engine) text a Japanese user must never meet on a screen of the product. The list grows with
 * every string a person found: add it here, once, and every role's browser walk checks it.
 */
final class EnglishUiText {

  /** Whole words or phrases, case-sensitive; each found on a screen before it was translated or removed. */
  static final List<String> FORBIDDEN = List.of(
      // form-js validation and widgets
      "Field is required", "Field must have", "Value is expected", "Select", "Search",
      // date pickers
      "January", "February", "March", "April", "June", "July", "August", "September", "October",
      "November", "December", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
      // refused actions and server errors
      "Cannot construct", "Exception", "Whitelabel Error Page", "Forbidden", "Not Found", "Internal Server Error",
      "does not have", "permission", "Permission", "The user with id",
      // Camunda's own words left untranslated
      "Create task", "Start process", "Processes", "Decisions", "Deployments", "Dashboard", "Loading",
      "startEvent", "endEvent", "exclusiveGateway", "userTask", "serviceTask", "Claim assignee",
      "Complete delete", "WORKFLOW", "TASK_WORK", "TASK_ASSIGN", "AUTHORIZATION_", "READ_HISTORY",
      // values that leaked from code
      "undefined", "null", "NaN", "[object Object]", "loopCounter", "nrOfActiveInstances",
      "needsImprovement", "hiroba",
      // Tasklist (issue #17, H2): Spring's error pages, Camunda's editors left in English
      "Bad Request", "There was an unexpected error", "Add groups", "Set due date", "Reset due date",
      // form-js texts seen in Tasklist's forms (forms, issue #17)
      "No results", "Nothing to show", "Value is not a number", "mm/dd/yyyy", "Please select a valid value");

  private EnglishUiText() {}

  /**
   * The forbidden words found in a text, as whole words (so 'Sat' does not match 'Saturation'); one ending in
   * '_' is a prefix ('AUTHORIZATION_' matches 'AUTHORIZATION_READ').
   */
  static List<String> foundIn(String text) {
    return FORBIDDEN.stream()
        .filter(word -> Pattern.compile("(?<![A-Za-z_])" + Pattern.quote(word) + (word.endsWith("_") ? "" : "(?![A-Za-z])"))
            .matcher(text).find())
        .toList();
  }

  /** What the page shows a person: visible text, and the tooltips, placeholders and labels of its controls. */
  static String visibleText(ChromeDriver browser) {
    return (String) browser.executeScript("""
        const parts = [document.body.innerText];
        document.querySelectorAll('[title],[placeholder],[aria-label]').forEach(e => {
          if (e.offsetParent !== null) {
            ['title', 'placeholder', 'aria-label'].forEach(a => e.getAttribute(a) && parts.push(e.getAttribute(a)));
          }
        });
        return parts.join('\\n');""");
  }

  /** Fails naming each forbidden word on the current screen, and where it was. */
  static void assertNoneOn(ChromeDriver browser, String screen) {
    String text = visibleText(browser);
    assertThat(foundIn(text)).as("English or engine text on %s (%s):%n%s", screen, browser.getCurrentUrl(), text)
        .isEmpty();
  }
}
