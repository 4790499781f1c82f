package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.util.HashMap;
import java.util.Map;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;

/**
 * The login session lives in the database, not in the node's memory: everything it holds (Spring Security's
 * context, Camunda's authentications and its CSRF token) is written there in a form any node reads back, and a
 * session removed from the database is gone for the node too. Both CSRF protections keep working on it.
 * (That another node serves it, after the first was killed, is ClusterIT's.)
 */
@ApiTest
class SharedSessionTest {

  static final String USER = "sessiontakatsu";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identityService;

  @BeforeEach
  void user() {
    TestUsers.ensure(identityService, USER, OrganizationGroup.WARD_TAKATSU);
  }

  @Test
  void theSessionAndEverythingInItAreInTheDatabase() throws Exception {
    var browser = new BrowserSession(port);
    assertThat(browser.login(USER, TestUsers.PASSWORD).headers().firstValue("Location").orElse(""))
        .doesNotContain("error");
    assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
    var user = browser.get("/camunda/api/admin/auth/user/default");
    assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
    assertThat(user.body()).contains("\"userId\":\"" + USER + "\"");

    String sessionId = sessionId(browser);
    Map<String, Object> attributes = new HashMap<>();
    jdbc.query("""
        select a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES from SPRING_SESSION_ATTRIBUTES a
        join SPRING_SESSION s on s.PRIMARY_ID = a.SESSION_PRIMARY_ID where s.SESSION_ID = ?""",
        rows -> {
          attributes.put(rows.getString(1), deserialize(rows.getBytes(2)));
        }, sessionId);

    assertThat(attributes.get("SPRING_SECURITY_CONTEXT")).isInstanceOfSatisfying(SecurityContext.class,
        context -> assertThat(context.getAuthentication().getName()).isEqualTo(USER));
    assertThat(attributes.values()).as("Camunda's authentications")
        .anySatisfy(value -> assertThat(value).isInstanceOfSatisfying(Authentications.class,
            authentications -> assertThat(authentications.getAuthenticationForProcessEngine("default").getName())
                .isEqualTo(USER)));
    assertThat(attributes.get(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME)).as("Camunda's CSRF token")
        .isEqualTo(browser.cookie("XSRF-TOKEN"));
    assertThat(jdbc.queryForObject("select MAX_INACTIVE_INTERVAL from SPRING_SESSION where SESSION_ID = ?",
        Integer.class, sessionId)).as("the timeout as before: 30 minutes").isEqualTo(1800);
  }

  @Test
  void camundasCsrfTokenGuardsTheWebappsOnTheSharedSession() {
    String logout = "/camunda/api/admin/auth/user/default/logout";
    var forger = new BrowserSession(port);
    forger.login(USER, TestUsers.PASSWORD);
    forger.get("/camunda/app/tasklist/default/");
    String forgersSession = sessionId(forger);
    assertThat(forger.post(logout, "application/json", "{}", "X-XSRF-TOKEN", "forged").statusCode())
        .as("a wrong token").isEqualTo(403);
    assertThat(forger.get("/camunda/api/admin/auth/user/default").statusCode())
        .as("Camunda ends a session that sent a wrong token").isEqualTo(401);
    assertThat(sessionRows(forgersSession)).as("and it is gone from the database").isZero();

    var browser = new BrowserSession(port);
    browser.login(USER, TestUsers.PASSWORD);
    browser.get("/camunda/app/tasklist/default/");
    String session = sessionId(browser);
    assertThat(browser.post(logout, "application/json", "{}", "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"))
        .statusCode()).isEqualTo(200);
    assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).as("logged out").isEqualTo(401);
    assertThat(sessionRows(session)).isZero();
  }

  @Test
  void aSessionRemovedFromTheDatabaseIsGoneForTheNodeToo() {
    var browser = new BrowserSession(port);
    browser.login(USER, TestUsers.PASSWORD);
    browser.get("/camunda/app/tasklist/default/");
    assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(200);

    assertThat(jdbc.update("delete from SPRING_SESSION where SESSION_ID = ?", sessionId(browser))).isEqualTo(1);

    assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(401);
  }

  @Test
  void anApiClientWithHttpBasicWritesNoSession() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
        + "/engine-rest/task?maxResults=1")).header("Authorization", "Basic " + java.util.Base64.getEncoder()
        .encodeToString((USER + ":" + TestUsers.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8))).build();
    Integer before = jdbc.queryForObject("select count(*) from SPRING_SESSION", Integer.class);

    var answer = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
    assertThat(jdbc.queryForObject("select count(*) from SPRING_SESSION", Integer.class))
        .as("no row per API call").isEqualTo(before);
  }

  private int sessionRows(String sessionId) {
    return jdbc.queryForObject("select count(*) from SPRING_SESSION where SESSION_ID = ?", Integer.class, sessionId);
  }

  @Test
  void theLoginFormRefusesAPostWithoutTheSessionsCsrfToken() {
    var browser = new BrowserSession(port);
    browser.csrfTokenOfLoginPage();
    var forged = browser.post("/login", "application/x-www-form-urlencoded",
        "username=" + USER + "&password=" + TestUsers.PASSWORD + "&_csrf=forged");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(401);
  }

  /** The session cookie's value: Spring Session writes the id Base64-encoded. */
  private static String sessionId(BrowserSession browser) {
    String cookie = browser.cookie("JSESSIONID");
    assertThat(cookie).as("the session cookie keeps its name").isNotNull();
    return new String(java.util.Base64.getDecoder().decode(cookie), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Object deserialize(byte[] bytes) {
    try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    } catch (Exception e) {
      throw new AssertionError("a session attribute another node could not read", e);
    }
  }
}
