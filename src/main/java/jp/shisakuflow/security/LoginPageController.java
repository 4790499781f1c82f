package jp.shisakuflow.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The one login page (Japanese) for Tasklist, Cockpit, Admin and the app. */
@RestController
public class LoginPageController {

  static final String PAGE = """
      <!DOCTYPE html>
      <html lang="ja">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>ログイン | 施策フロー</title>
        <link rel="stylesheet" href="/login.css">
      </head>
      <body>
        <main class="login">
          <h1>施策フロー</h1>
          <p class="subtitle">コミュニティ施策の進行管理</p>
          %s
          <form method="post" action="/login">
            <label for="username">ユーザー名</label>
            <input id="username" name="username" autocomplete="username" required autofocus>
            <label for="password">パスワード</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <input type="hidden" name="%s" value="%s">
            <button type="submit">ログイン</button>
          </form>
          <p class="english">Shisaku Flow — log in with your city account.</p>
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
      @RequestParam(required = false) String locked, @RequestParam(required = false) String logout) {
    CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    String message = locked != null || error != null ? alert(loginLock.failureMessage())
        : logout != null ? "<p class=\"notice\" role=\"status\">ログアウトしました。</p>" : "";
    return PAGE.formatted(message, HtmlUtils.htmlEscape(token.getParameterName()), HtmlUtils.htmlEscape(token.getToken()));
  }

  private static String alert(String text) {
    return "<p class=\"error\" role=\"alert\">" + HtmlUtils.htmlEscape(text) + "</p>";
  }
}
