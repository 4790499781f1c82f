package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import jp.shisakuflow.ShisakuFlowApplication;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.OwnApplication;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

@Tag(OwnApplication.TAG)
class AdminAccountTest {

  /** The administrator's password of the test profile. */
  static final String TEST_PASSWORD = "Qz7#Lumen-Harbor-2026";
  static final String NEW_PASSWORD = "Nw8$Quill-Orchard-2027";

  @Test
  void anUnsetPasswordIsRefusedWithWhatToSet() {
    assertThatThrownBy(() -> AdminAccount.check("admin", ""))
        .hasMessageContaining("SHISAKU_ADMIN_PASSWORD").hasMessageContaining("unset");
  }

  @Test
  void aKnownDefaultOrTheUserIdIsRefused() {
    assertThatThrownBy(() -> AdminAccount.check("admin", "admin")).hasMessageContaining("known default");
    assertThatThrownBy(() -> AdminAccount.check("admin", "Camunda")).hasMessageContaining("known default");
    assertThatThrownBy(() -> AdminAccount.check("kanri", "KANRI")).hasMessageContaining("known default");
  }

  @Test
  void aStrongPasswordIsAccepted() {
    assertThatCode(() -> AdminAccount.check("admin", "Qz7#Lumen-Harbor-2026")).doesNotThrowAnyException();
  }

  @Test
  void outsideTheDemoTheAppRefusesToStartWithoutIt() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(ShisakuFlowApplication.class).profiles("test")
        .run("--server.port=0", "--shisaku.admin.password=admin"))
        .hasMessageContaining("SHISAKU_ADMIN_PASSWORD");
  }

  @Test
  void startingOnceWithRecoverUnlocksTheAdministratorAndRestoresItsPasswordAndGroup() throws Exception {
    String database = "--spring.datasource.url=jdbc:h2:mem:recover-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (var first = start(database)) {
      IdentityService identity = first.getBean(IdentityService.class);
      for (int i = 0; i < 5; i++) {
        identity.checkPassword("admin", "wrong-" + i);
      }
      identity.deleteMembership("admin", OrganizationGroup.ADMINISTRATORS.id());
    }
    try (var plainRestart = start(database)) {
      assertThat(status(plainRestart, "admin", TEST_PASSWORD)).as("a plain restart recovers nothing").isEqualTo(401);
    }

    try (var recovered = start(database, "--shisaku.admin.recover=true", "--shisaku.admin.password=" + NEW_PASSWORD)) {
      assertThat(status(recovered, "admin", TEST_PASSWORD)).as("the old password is gone").isEqualTo(401);
      assertThat(status(recovered, "admin", NEW_PASSWORD)).as("admin-only endpoint with the new password")
          .isEqualTo(200);
      assertThat(recovered.getBean(IdentityService.class).createUserQuery().userId("admin")
          .memberOfGroup(OrganizationGroup.ADMINISTRATORS.id()).count()).isEqualTo(1);
    }
  }

  private static ConfigurableApplicationContext start(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "--server.port=0";
    System.arraycopy(args, 0, all, 1, args.length);
    return new SpringApplicationBuilder(ShisakuFlowApplication.class).profiles("test").run(all);
  }

  /** GET /actuator/prometheus, which only members of camunda-admin may read. */
  private static int status(ConfigurableApplicationContext app, String user, String password) throws Exception {
    String port = app.getEnvironment().getProperty("local.server.port");
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
            .getBytes(StandardCharsets.UTF_8)))
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
