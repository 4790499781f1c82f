package jp.shisakuflow.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * After a failed login on the login page: back to {@code /login?error} (in English with {@code &lang=en} when
 * the page was), and the failure noted in the browser's session, so that the page can say how long the engine
 * will refuse even the right password ({@link LoginLock#delayAfter}). The note counts this browser's failures
 * for the user name typed, whether or not such a user exists: what the page says from it tells nothing about
 * the account.
 */
public class LoginFailureHandler extends SimpleUrlAuthenticationFailureHandler {

  static final String FAILURES = LoginFailureHandler.class.getName() + ".FAILURES";

  private final LoginLock loginLock;

  public LoginFailureHandler(LoginLock loginLock) {
    super("/login?error");
    this.loginLock = loginLock;
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException, ServletException {
    String userId = request.getParameter("username");
    HttpSession session = request.getSession();
    Failures previous = session.getAttribute(FAILURES) instanceof Failures f ? f : null;
    session.setAttribute(FAILURES, Failures.after(previous, userId, ClockUtil.getCurrentTime().toInstant(), loginLock));
    if (LoginPageController.ENGLISH.equals(request.getParameter("lang"))) {
      getRedirectStrategy().sendRedirect(request, response, "/login?error&lang=en");
    } else {
      super.onAuthenticationFailure(request, response, exception);
    }
  }

  /**
   * This browser's failed logins in a row for one user name, and the last one the engine counted. As in the
   * engine, an attempt made while the delay still runs is refused without being counted and does not extend it.
   */
  record Failures(String userId, int count, Instant last) implements Serializable {

    static Failures after(Failures previous, String userId, Instant now, LoginLock loginLock) {
      if (previous == null || userId == null || !userId.equals(previous.userId())) {
        return new Failures(userId, 1, now);
      }
      if (now.isBefore(previous.waitUntil(loginLock))) {
        return previous;
      }
      return new Failures(userId, previous.count() + 1, now);
    }

    Instant waitUntil(LoginLock loginLock) {
      return last.plus(loginLock.delayAfter(count));
    }

    /** How long from {@code now} the engine still refuses every password, zero when it no longer does. */
    Duration remaining(LoginLock loginLock, Instant now) {
      Duration left = Duration.between(now, waitUntil(loginLock));
      return left.isNegative() ? Duration.ZERO : left;
    }
  }
}
