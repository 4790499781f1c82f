package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.shisakuflow.ShisakuFlowApplication;
import jp.shisakuflow.support.OwnApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

@Tag(OwnApplication.TAG)
class AdminAccountTest {

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
}
