package jp.shisakuflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The one login page for Tasklist, Cockpit, Admin and the app: in Japanese, and in English at
 * {@code /login?lang=en} (each links to the other). After a failed login it says, besides the one answer to
 * every failure, how long the engine will refuse even the right password ({@link LoginFailureHandler}).
 */
@RestController
public class LoginPageController {

  static final String ENGLISH = "en";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(CityTime.ZONE);

  static final String PAGE = """
      <!DOCTYPE html>
      <html lang="%s">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        <link rel="stylesheet" href="/login.css">
      </head>
      <body>
        <main class="login">
          <h1>%s</h1>
          <p class="subtitle">%s</p>
          %s
          <form method="post" action="/login">
            <label for="username">%s</label>
            <input id="username" name="username" autocomplete="username" required autofocus>
            <label for="password">%s</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <input type="hidden" name="%s" value="%s">%s
            <button type="submit">%s</button>
          </form>
          <p class="language">%s</p>
        </main>
      </body>
      </html>
      """;

  private final LoginLock loginLock;

  public LoginPageController(LoginLock loginLock) {
    this.loginLock = loginLock;
  }

  /** {@code ?error} and {@code ?locked} say the same: a lock must not tell that the account exists. */
  @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  public String login(HttpServletRequest request, @RequestParam(required = false) String error,
      @RequestParam(required = false) String locked, @RequestParam(required = false) String logout,
      @RequestParam(required = false) String lang) {
    CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    boolean english = ENGLISH.equals(lang);
    String message;
    if (locked != null || error != null) {
      Duration wait = remainingDelay(request.getSession(false));
      message = alert(english ? loginLock.failureMessageEnglish() : loginLock.failureMessageJapanese(),
          wait.isZero() ? null : waitLine(english, wait));
    } else if (logout != null) {
      message = "<p class=\"notice\" role=\"status\">" + (english ? "You have logged out." : "ログアウトしました。") + "</p>";
    } else {
      message = "";
    }
    String csrfName = HtmlUtils.htmlEscape(token.getParameterName());
    String csrfValue = HtmlUtils.htmlEscape(token.getToken());
    if (english) {
      return PAGE.formatted("en", "Log in | Shisaku Flow", "Shisaku Flow", "Progress of the city's community initiatives",
          message, "User name", "Password", csrfName, csrfValue,
          "\n      <input type=\"hidden\" name=\"lang\" value=\"en\">", "Log in",
          "<a href=\"/login\" hreflang=\"ja\" lang=\"ja\">日本語</a>");
    }
    return PAGE.formatted("ja", "ログイン | 施策フロー", "施策フロー", "コミュニティ施策の進行管理", message, "ユーザー名",
        "パスワード", csrfName, csrfValue, "", "ログイン",
        "<a href=\"/login?lang=en\" hreflang=\"en\" lang=\"en\">English</a>");
  }

  /** How long the engine still refuses every password after this browser's last failure; zero if it does not. */
  Duration remainingDelay(HttpSession session) {
    if (session == null || !(session.getAttribute(LoginFailureHandler.FAILURES) instanceof LoginFailureHandler.Failures f)) {
      return Duration.ZERO;
    }
    return f.remaining(loginLock, ClockUtil.getCurrentTime().toInstant());
  }

  String waitLine(boolean english, Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    String until = CLOCK.format(ClockUtil.getCurrentTime().toInstant().plusSeconds(seconds));
    long longest = loginLock.delayAfter(Integer.MAX_VALUE / 2).toSeconds();
    if (english) {
      return "Right after a failed login even the right password is refused for a while (longer after each failure,"
          + " at most " + longest + " seconds). Wait about " + seconds + " seconds (until " + until
          + ") before trying again.";
    }
    return "ログインに失敗した直後は、正しいパスワードでもしばらくログインできません（失敗が続くほど長くなり、最長" + longest
        + "秒）。あと約" + seconds + "秒（" + until + "以降）待ってからやり直してください。";
  }

  private static String alert(String text, String waitLine) {
    return "<p class=\"error\" role=\"alert\">" + HtmlUtils.htmlEscape(text)
        + (waitLine == null ? "" : "<span class=\"wait\">" + HtmlUtils.htmlEscape(waitLine) + "</span>") + "</p>";
  }
}
