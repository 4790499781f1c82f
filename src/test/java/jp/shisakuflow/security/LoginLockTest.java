package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.Test;

/** When a lock ends, with the engine's production login delays (3 s doubling, at most 60 s). */
class LoginLockTest {

  static final Instant FIFTH_FAILURE = Instant.parse("2026-04-01T09:00:00Z");

  @Test
  void theLockEndsTheLockDurationAfterTheLastFailureNotAfterTheEnginesDelay() {
    UserEntity user = new UserEntity("kawasaki");
    user.setAttempts(5);
    // The engine's lockUser at the fifth failure: now + 3 × 2^4 = 48 s.
    user.setLockExpirationTime(Date.from(FIFTH_FAILURE.plusSeconds(48)));

    assertThat(lock(Duration.ofMinutes(15)).lockedUntil(user).toInstant())
        .isEqualTo(FIFTH_FAILURE.plus(Duration.ofMinutes(15)));
  }

  @Test
  void theEnginesDelayIsCappedAtItsMaximum() {
    UserEntity user = new UserEntity("kawasaki");
    user.setAttempts(7); // 3 × 2^6 = 192 s, capped at 60 s
    user.setLockExpirationTime(Date.from(FIFTH_FAILURE.plusSeconds(60)));

    assertThat(lock(Duration.ofMinutes(15)).lockedUntil(user).toInstant())
        .isEqualTo(FIFTH_FAILURE.plus(Duration.ofMinutes(15)));
  }

  @Test
  void theMessageGivesTheDurationInWholeMinutes() {
    assertThat(lock(Duration.ofMinutes(15)).failureMessage()).contains("15分ほどおいて", "about 15 minutes");
    assertThat(lock(Duration.ofSeconds(90)).failureMessage()).contains("2分ほどおいて");
    assertThat(lock(Duration.ofSeconds(20)).failureMessage()).contains("1分ほどおいて");
  }

  @Test
  void aDurationOfZeroIsRefused() {
    assertThatThrownBy(() -> lock(Duration.ZERO)).hasMessageContaining("lock-duration");
  }

  private static LoginLock lock(Duration duration) {
    var configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setLoginDelayBase(3);
    configuration.setLoginDelayFactor(2);
    configuration.setLoginDelayMaxTime(60);
    configuration.setLoginMaxAttempts(5);
    ProcessEngine engine = mock(ProcessEngine.class);
    when(engine.getProcessEngineConfiguration()).thenReturn(configuration);
    return new LoginLock(engine, duration);
  }
}
