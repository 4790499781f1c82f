package jp.shisakuflow.security;

import java.util.Locale;
import java.util.Set;
import jp.shisakuflow.organization.OrganizationGroup;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Outside the demo: the administrator's account comes from {@code SHISAKU_ADMIN_USER} and
 * {@code SHISAKU_ADMIN_PASSWORD}. The application refuses to start while the password is unset or a
 * known default, and creates the account (in {@code camunda-admin}) when it does not exist.
 *
 * <p>Recovering the administrator without touching the database: whoever runs the application (and so
 * sets its environment) starts it once with {@code SHISAKU_ADMIN_RECOVER=true}; the account is then
 * unlocked, given the password of {@code SHISAKU_ADMIN_PASSWORD} and put back into {@code camunda-admin}.
 * Nothing reachable over HTTP can set this, and the variable is to be unset again afterwards (docs/security.md, Credentials).
 */
@Component
@Profile("!demo")
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AdminAccount implements ApplicationRunner {

  static final Set<String> KNOWN_DEFAULTS = Set.of("admin", "administrator", "password", "passw0rd", "camunda",
      "demo", "changeme", "change-me", "secret", "12345678", "123456789", "1234567890", "qwerty", "letmein");
  private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

  private final IdentityService identityService;
  private final String userId;
  private final String password;
  private final boolean recover;

  public AdminAccount(IdentityService identityService, @Value("${shisaku.admin.user:admin}") String userId,
      @Value("${shisaku.admin.password:}") String password, @Value("${shisaku.admin.recover:false}") boolean recover) {
    this.identityService = identityService;
    this.userId = userId;
    this.password = password;
    this.recover = recover;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (identityService.isReadOnly()) {
      log.info("Users come from a directory (LDAP): the administrator is the directory's member of camunda-admin");
      return;
    }
    check(userId, password);
    if (identityService.createUserQuery().userId(userId).count() > 0) {
      if (recover) {
        recover();
      }
      return;
    }
    User admin = identityService.newUser(userId);
    admin.setFirstName("管理者");
    admin.setLastName("システム");
    admin.setPassword(password);
    identityService.saveUser(admin);
    identityService.createMembership(userId, OrganizationGroup.ADMINISTRATORS.id());
    log.info("Administrator {} created", userId);
  }

  private void recover() {
    identityService.unlockUser(userId);
    User admin = identityService.createUserQuery().userId(userId).singleResult(); // after the unlock's update
    admin.setPassword(password);
    identityService.saveUser(admin);
    String administrators = OrganizationGroup.ADMINISTRATORS.id();
    if (identityService.createUserQuery().userId(userId).memberOfGroup(administrators).count() == 0) {
      identityService.createMembership(userId, administrators);
    }
    log.warn("SHISAKU_ADMIN_RECOVER: administrator {} unlocked, password reset from SHISAKU_ADMIN_PASSWORD, member of"
        + " {}. Unset SHISAKU_ADMIN_RECOVER now: every start with it resets the password again.", userId,
        administrators);
  }

  static void check(String userId, String password) {
    if (password == null || password.isBlank()) {
      throw new IllegalStateException("管理者のパスワードが設定されていません。環境変数 SHISAKU_ADMIN_PASSWORD に強いパスワードを"
          + "設定してください (the administrator's password is unset: set SHISAKU_ADMIN_PASSWORD to a strong password;"
          + " only the demo profile runs without it)");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (KNOWN_DEFAULTS.contains(lower) || lower.equals(userId.toLowerCase(Locale.ROOT))) {
      throw new IllegalStateException("管理者のパスワードが既定値のままです。SHISAKU_ADMIN_PASSWORD を推測されにくい値にしてください"
          + " (the administrator's password is a known default: set SHISAKU_ADMIN_PASSWORD to a strong password)");
    }
  }
}
