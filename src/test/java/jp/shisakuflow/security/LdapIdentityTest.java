package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import jp.shisakuflow.ShisakuFlowApplication;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import jp.shisakuflow.support.OwnApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The LDAP switch against an in-memory directory of a ward office and a manager. */
@Tag(OwnApplication.TAG)
class LdapIdentityTest {

  private static InMemoryDirectoryServer directory;
  private static ConfigurableApplicationContext app;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    var config = new InMemoryDirectoryServerConfig("dc=city,dc=example");
    config.addAdditionalBindCredentials("cn=Directory Manager", "Manager-Bind#2026");
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
    config.setSchema(null);
    directory = new InMemoryDirectoryServer(config);
    directory.importFromLDIF(true, LdapIdentityTest.class.getResource("/ldap/city-directory.ldif").getPath());
    directory.startListening();
    app = new SpringApplicationBuilder(ShisakuFlowApplication.class).profiles("test").run(
        "--server.port=0",
        "--shisaku.ldap.enabled=true",
        "--shisaku.ldap.server-url=ldap://localhost:" + directory.getListenPort() + "/",
        "--shisaku.ldap.manager-dn=cn=Directory Manager",
        "--shisaku.ldap.manager-password=Manager-Bind#2026",
        "--shisaku.ldap.base-dn=dc=city,dc=example",
        "--shisaku.ldap.user-search-base=ou=people",
        "--shisaku.ldap.user-search-filter=(objectclass=inetOrgPerson)",
        "--shisaku.ldap.user-id-attribute=uid",
        "--shisaku.ldap.user-firstname-attribute=givenName",
        "--shisaku.ldap.user-lastname-attribute=sn",
        "--shisaku.ldap.user-email-attribute=mail",
        "--shisaku.ldap.user-password-attribute=userPassword",
        "--shisaku.ldap.group-search-base=ou=groups",
        "--shisaku.ldap.group-search-filter=(objectclass=groupOfNames)",
        "--shisaku.ldap.group-id-attribute=cn",
        "--shisaku.ldap.group-name-attribute=cn",
        "--shisaku.ldap.group-member-attribute=member",
        "--shisaku.ldap.sort-control-supported=false",
        "--shisaku.ldap.password-check-catch-authentication-exception=true",
        "--shisaku.ldap.authorization-check-enabled=false");
    port = ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (directory != null) {
      directory.shutDown(true);
    }
  }

  @Test
  void usersAndGroupsComeFromTheDirectory() {
    IdentityService identity = app.getBean(IdentityService.class);
    assertThat(identity.isReadOnly()).isTrue();
    assertThat(identity.createUserQuery().userId("ldaptakatsu").singleResult().getLastName()).isEqualTo("高津");
    assertThat(identity.createGroupQuery().groupMember("ldaptakatsu").singleResult().getId()).isEqualTo("wardTakatsu");
  }

  @Test
  void aDirectoryUserLogsInAndSeesTheTasksOfTheirWard() throws Exception {
    String instance = app.getBean(InitiativeLifecycleService.class).startIfAbsent(InitiativeStart.unplanned(
        "ldap-" + System.nanoTime(), "LDAP テスト", "hiroba", "wardTakatsu", 2032)).orElseThrow();

    var ward = get("/engine-rest/task?maxResults=10&processInstanceId=" + instance, "ldaptakatsu", "Takatsu-Ldap#2026");
    assertThat(ward.statusCode()).isEqualTo(200);
    assertThat(ward.body()).contains(instance);
    assertThat(get("/engine-rest/task?maxResults=10&processInstanceId=" + instance, "ldapmanager",
        "Manager-Ldap#2026").body()).contains(instance);
    assertThat(get("/engine-rest/task?maxResults=1", "ldaptakatsu", "wrong").statusCode()).isEqualTo(401);
  }

  private static HttpResponse<String> get(String path, String user, String password) throws Exception {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
  }
}
