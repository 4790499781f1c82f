package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * The login page, with the engine's production login delays (3 s doubling, at most 60 s): Japanese, or English
 * at ?lang=en, never both; after a failure it says how long even the right password is refused, the same for
 * an account that exists and one that does not.
 */
class LoginPageTest {

  static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z"); // 09:00:00 in the city

  final LoginLock lock = lock();
  final LoginPageController page = new LoginPageController(lock);
  final LoginFailureHandler failures = new LoginFailureHandler(lock);

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theEnginesDelayGrowsWithEachFailureUpToItsMaximum() {
    assertThat(lock.delayAfter(0)).isZero();
    assertThat(lock.delayAfter(1)).hasSeconds(3);
    assertThat(lock.delayAfter(2)).hasSeconds(6);
    assertThat(lock.delayAfter(4)).hasSeconds(24);
    assertThat(lock.delayAfter(7)).hasSeconds(60);
  }

  @Test
  void theJapanesePageIsJapaneseAndLinksToTheEnglishOne() {
    String html = page.login(request(), null, null, null, null);
    assertThat(html).contains("<html lang=\"ja\">", "ユーザー名", "パスワード", "href=\"/login?lang=en\"")
        .doesNotContain("log in with", "Shisaku Flow", "User name");
  }

  @Test
  void theEnglishPageIsEnglishAndKeepsItsLanguageThroughAFailedLogin() {
    String html = page.login(request(), null, null, null, "en");
    assertThat(html).contains("<html lang=\"en\">", "User name", "Password", "name=\"lang\" value=\"en\"",
        "href=\"/login\"").doesNotContain("ユーザー名", "パスワード", "施策フロー");
  }

  @Test
  void aFailureSaysHowLongEvenTheRightPasswordIsRefused() throws Exception {
    ClockUtil.setCurrentTime(Date.from(NOW));
    MockHttpServletRequest request = fail("kawasaki");
    assertThat(page.login(request, "", null, null, null))
        .contains("一時的にロックされています", "15分ほどおいて", "正しいパスワードでもしばらくログインできません",
            "あと約3秒（09:00:03以降）");

    ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(4)));
    request = fail("kawasaki", request);
    ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(5)));
    assertThat(page.login(request, "", null, null, null)).as("second failure: 6 s from it").contains("あと約5秒（09:00:10以降）");

    ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(7)));
    request = fail("kawasaki", request);
    assertThat(page.login(request, "", null, null, null))
        .as("an attempt while the delay runs is refused without extending it, as in the engine").contains("あと約3秒");

    ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(20)));
    assertThat(page.login(request, "", null, null, null)).as("the delay is over").doesNotContain("あと約")
        .contains("15分ほどおいて");
  }

  @Test
  void theEnglishPageSaysItInEnglish() throws Exception {
    ClockUtil.setCurrentTime(Date.from(NOW));
    MockHttpServletRequest request = fail("kawasaki");
    assertThat(page.login(request, "", null, null, "en")).contains("Wrong user name or password",
        "Wait about 3 seconds (until 09:00:03)").doesNotContain("ユーザー名");
  }

  @Test
  void aUserNameNoOneHasGetsTheSameAnswer() throws Exception {
    ClockUtil.setCurrentTime(Date.from(NOW));
    String known = page.login(fail("kawasaki"), "", null, null, null);
    String unknown = page.login(fail("nobody-at-all"), "", null, null, null);
    assertThat(unknown).isEqualTo(known.replace("kawasaki", "nobody-at-all"));
  }

  @Test
  void theFailureRedirectKeepsTheLanguage() throws Exception {
    MockHttpServletRequest request = request();
    request.setParameter("username", "kawasaki");
    request.setParameter("lang", "en");
    MockHttpServletResponse response = new MockHttpServletResponse();
    failures.onAuthenticationFailure(request, response, new BadCredentialsException("x"));
    assertThat(response.getRedirectedUrl()).isEqualTo("/login?error&lang=en");

    request.removeParameter("lang");
    response = new MockHttpServletResponse();
    failures.onAuthenticationFailure(request, response, new BadCredentialsException("x"));
    assertThat(response.getRedirectedUrl()).isEqualTo("/login?error");
  }

  private MockHttpServletRequest fail(String user) throws Exception {
    return fail(user, request());
  }

  private MockHttpServletRequest fail(String user, MockHttpServletRequest previous) throws Exception {
    MockHttpServletRequest request = request();
    request.setSession(previous.getSession());
    request.setParameter("username", user);
    failures.onAuthenticationFailure(request, new MockHttpServletResponse(), new BadCredentialsException("x"));
    return request;
  }

  private static MockHttpServletRequest request() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login");
    request.setAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName(),
        new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token"));
    return request;
  }

  private static LoginLock lock() {
    var configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setLoginDelayBase(3);
    configuration.setLoginDelayFactor(2);
    configuration.setLoginDelayMaxTime(60);
    configuration.setLoginMaxAttempts(5);
    ProcessEngine engine = mock(ProcessEngine.class);
    when(engine.getProcessEngineConfiguration()).thenReturn(configuration);
    return new LoginLock(engine, Duration.ofMinutes(15));
  }
}
