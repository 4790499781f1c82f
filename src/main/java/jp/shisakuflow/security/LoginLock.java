package jp.shisakuflow.security;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lock-outs that end. After {@code login-max-attempts} failed logins the engine locks a user for good; here
 * the lock lasts {@code shisaku.security.lock-duration} from the last failure, read from the engine's own
 * user row ({@code ATTEMPTS_}, {@code LOCK_EXP_TIME_}): the next login attempt after that unlocks the user
 * and is judged as any other. Users of a directory (LDAP) are locked by the directory, not here.
 */
@Component
public class LoginLock {

  private static final Logger log = LoggerFactory.getLogger(LoginLock.class);

  private final IdentityService identityService;
  private final ManagementService managementService;
  private final ProcessEngineConfigurationImpl configuration;
  private final Duration lockDuration;

  public LoginLock(ProcessEngine engine, @Value("${shisaku.security.lock-duration:PT15M}") Duration lockDuration) {
    this.identityService = engine.getIdentityService();
    this.managementService = engine.getManagementService();
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    if (lockDuration.isNegative() || lockDuration.isZero()) {
      throw new IllegalStateException("shisaku.security.lock-duration must be positive, e.g. PT15M (was "
          + lockDuration + ")");
    }
    this.lockDuration = lockDuration;
  }

  /**
   * The one answer to every failed login, whether the user exists, the password is wrong, or the account is
   * locked: nothing in it tells an existing account from a made-up one.
   */
  public String failureMessage() {
    return failureMessageJapanese() + " (" + failureMessageEnglish().substring(0, 1).toLowerCase()
        + failureMessageEnglish().substring(1, failureMessageEnglish().length() - 1) + ")";
  }

  /** {@link #failureMessage()} in Japanese only, for the login page. */
  public String failureMessageJapanese() {
    return "ユーザー名またはパスワードが正しくないか、ログインの失敗が続いたため一時的にロックされています。" + minutes()
        + "分ほどおいてやり直すか、管理者に連絡してください";
  }

  /** {@link #failureMessage()} in English only, for the login page in English. */
  public String failureMessageEnglish() {
    return "Wrong user name or password, or the account is locked for a while after repeated failed logins: try again"
        + " in about " + minutes() + " minutes, or ask an administrator.";
  }

  /**
   * How long after the {@code failures}-th failed login in a row the engine refuses every password of that
   * user, the right one too: {@code login-delay-base × login-delay-factor^(failures-1)} seconds, at most
   * {@code login-delay-max-time} (3, 6, 12, 24 … 60 s by default). Zero where the engine has no delay.
   */
  public Duration delayAfter(int failures) {
    if (failures < 1) {
      return Duration.ZERO;
    }
    double seconds = configuration.getLoginDelayBase() * Math.pow(configuration.getLoginDelayFactor(), failures - 1);
    return Duration.ofSeconds((long) Math.max(0, Math.min(seconds, configuration.getLoginDelayMaxTime())));
  }

  long minutes() {
    return Math.max(1, (lockDuration.toSeconds() + 59) / 60);
  }

  /** Unlocks {@code userId} when the engine locked it for good and the lock duration has passed since. */
  public void releaseIfExpired(String userId) {
    if (identityService.isReadOnly()) {
      return;
    }
    Authentication previous = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      UserEntity user = lockedUser(userId);
      if (user != null && !ClockUtil.getCurrentTime().before(lockedUntil(user))) {
        identityService.unlockUser(userId);
        log.info("Login lock of user {} expired after {}: unlocked", userId, lockDuration);
      }
    } finally {
      if (previous != null) {
        identityService.setAuthentication(previous);
      }
    }
  }

  /** The user's row when the engine locked them for good ({@code ATTEMPTS_ >= login-max-attempts}), else null. */
  private UserEntity lockedUser(String userId) {
    User user = identityService.createNativeUserQuery()
        .sql("SELECT * FROM " + managementService.getTableName(UserEntity.class)
            + " WHERE ID_ = #{userId} AND ATTEMPTS_ >= #{maxAttempts}")
        .parameter("userId", userId)
        .parameter("maxAttempts", configuration.getLoginMaxAttempts())
        .singleResult();
    return (UserEntity) user;
  }

  /**
   * The engine sets {@code LOCK_EXP_TIME_} at each failure to that moment plus its growing login delay
   * ({@code login-delay-base × login-delay-factor^(attempts-1)} seconds, at most {@code login-delay-max-time});
   * the last failure is that time less the delay, and the lock ends the lock duration after it.
   */
  Date lockedUntil(UserEntity user) {
    Date delayedUntil = user.getLockExpirationTime();
    if (delayedUntil == null) {
      return new Date(0);
    }
    long delaySeconds = (long) (configuration.getLoginDelayBase()
        * Math.pow(configuration.getLoginDelayFactor(), Math.max(0, user.getAttempts() - 1)));
    long delayMillis = Math.min(delaySeconds, configuration.getLoginDelayMaxTime()) * 1000;
    return new Date(delayedUntil.getTime() - delayMillis + lockDuration.toMillis());
  }
}
