package jp.shisakuflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import jp.shisakuflow.operations.DatabaseUnavailable;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Checks user name and password against the engine's identity service; the user's groups become authorities. */
@Component
public class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

  public static final String GROUP_AUTHORITY_PREFIX = "GROUP_";
  static final String BAD_CREDENTIALS_MESSAGE = "ユーザー名またはパスワードが正しくありません。失敗のあとは数秒おいてから"
      + "やり直してください (wrong user name or password; after a failure, wait a few seconds before trying again)";
  static final String LOCKED_MESSAGE = "ログインの失敗が続いたため、アカウントがロックされています。管理者にロックの解除を依頼してください"
      + " (the account is locked after repeated failed logins; an administrator can unlock it)";

  private final IdentityService identityService;
  private final ManagementService managementService;
  private final int maxAttempts;

  public EngineIdentityAuthenticationProvider(IdentityService identityService, ManagementService managementService,
      @Value("${camunda.bpm.generic-properties.properties.login-max-attempts:10}") int maxAttempts) {
    this.identityService = identityService;
    this.managementService = managementService;
    this.maxAttempts = maxAttempts;
  }

  /**
   * The engine locks a user for good after {@code login-max-attempts} failed logins (until an
   * administrator unlocks them); its API only says that the password did not match.
   */
  boolean isLocked(String userId) {
    if (identityService.isReadOnly()) {
      return false; // a directory locks its accounts itself
    }
    return !identityService.createNativeUserQuery()
        .sql("SELECT * FROM " + managementService.getTableName(UserEntity.class)
            + " WHERE ID_ = #{userId} AND ATTEMPTS_ >= #{maxAttempts}")
        .parameter("userId", userId)
        .parameter("maxAttempts", maxAttempts)
        .list().isEmpty();
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || userId.isBlank() || !(credentials instanceof String password)
        || !passwordMatches(userId, password)) {
      if (userId != null && isLocked(userId)) {
        throw new LockedException(LOCKED_MESSAGE);
      }
      throw new BadCredentialsException(BAD_CREDENTIALS_MESSAGE);
    }
    List<SimpleGrantedAuthority> authorities = identityService.createGroupQuery().groupMember(userId).list()
        .stream()
        .map(Group::getId)
        .map(id -> new SimpleGrantedAuthority(GROUP_AUTHORITY_PREFIX + id))
        .toList();
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
  }

  /** A directory that refuses the bind answers with an exception: that, too, is a wrong password. */
  private boolean passwordMatches(String userId, String password) {
    try {
      return identityService.checkPassword(userId, password);
    } catch (ProcessEngineException e) {
      if (DatabaseUnavailable.isCause(e)) {
        throw new DatabaseUnavailable(e);
      }
      return false;
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
