package jp.shisakuflow.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Each user's secret calendar feed token: 32 random bytes, given to the user once. Only its SHA-256 is kept,
 * in the engine's own user info ({@code ACT_ID_INFO}), beside when it was made. Issuing a new one replaces
 * the old; revoking deletes it.
 */
@Component
public class CalendarFeedTokens {

  static final String HASH_KEY = "shisaku.calendarFeed.sha256";
  static final String CREATED_KEY = "shisaku.calendarFeed.created";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final byte[] NO_HASH = new byte[32];

  private final IdentityService identityService;
  private final SecureRandom random = new SecureRandom();

  public CalendarFeedTokens(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** A new token for {@code userId}, replacing any earlier one. */
  public String issue(String userId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    identityService.setUserInfo(userId, HASH_KEY, HexFormat.of().formatHex(sha256(token)));
    identityService.setUserInfo(userId, CREATED_KEY, ClockUtil.getCurrentTime().toInstant().toString());
    return token;
  }

  public void revoke(String userId) {
    identityService.deleteUserInfo(userId, HASH_KEY);
    identityService.deleteUserInfo(userId, CREATED_KEY);
  }

  /** When the user's current token was issued; empty when they have none. */
  public Optional<Instant> issuedAt(String userId) {
    if (identityService.getUserInfo(userId, HASH_KEY) == null) {
      return Optional.empty();
    }
    String created = identityService.getUserInfo(userId, CREATED_KEY);
    return Optional.of(created == null ? Instant.EPOCH : Instant.parse(created));
  }

  /** Whether {@code token} is the user's current one; compared in constant time, also when there is none. */
  public boolean matches(String userId, String token) {
    if (userId == null || token == null || !TOKEN.matcher(token).matches()) {
      return false;
    }
    String stored = identityService.getUserInfo(userId, HASH_KEY);
    byte[] expected = stored == null || stored.length() != 64 ? NO_HASH : HexFormat.of().parseHex(stored);
    return MessageDigest.isEqual(expected, sha256(token)) && stored != null;
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
