package jp.shisakuflow.calendar;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.time.CityTime;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriUtils;

/**
 * The calendar staff subscribe to, of what they may see: {@code GET /api/calendar.ics[?group=]} with a login,
 * and {@code GET /api/calendar/feed/{user}/{token}.ics} for calendar clients, which cannot log in; the
 * feed URL is issued, looked at and revoked at {@code /api/calendar/token} (Tasklist's カレンダー連携).
 */
@RestController
public class CalendarController {

  static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);
  static final String FEED_PATH = "/api/calendar/feed/";

  private final CalendarService calendars;
  private final CalendarFeedTokens tokens;
  private final IdentityService identityService;
  private final String baseUrl;

  public CalendarController(CalendarService calendars, CalendarFeedTokens tokens, IdentityService identityService,
      @Value("${shisaku.notify.base-url}") String baseUrl) {
    this.calendars = calendars;
    this.tokens = tokens;
    this.identityService = identityService;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  @GetMapping("/api/calendar.ics")
  public ResponseEntity<String> calendar(Principal principal, @RequestParam(required = false) String group) {
    CalendarViewer viewer = calendars.viewer(principal.getName());
    if (group != null && !viewer.memberOf(group)) {
      if (Stream.of(OrganizationGroup.values()).noneMatch(g -> g.id().equals(group))
          && identityService.createGroupQuery().groupId(group).count() == 0) {
        throw new IllegalArgumentException("group: 不明なグループ '" + group + "' (unknown group)");
      }
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "group: グループ '" + group + "' のメンバーではないため、"
          + "そのカレンダーは表示できません (not a member of group '" + group + "')");
    }
    return ics(calendars.calendar(viewer, group).toString());
  }

  /** The feed of a token's owner, without a login. Unknown user, wrong or revoked token: the same 404. */
  @GetMapping(FEED_PATH + "{userId}/{token}.ics")
  public ResponseEntity<String> feed(@PathVariable String userId, @PathVariable String token) {
    if (!tokens.matches(userId, token) || identityService.createUserQuery().userId(userId).count() == 0) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "カレンダーが見つかりません。URLを確認するか、Tasklistの"
          + "「カレンダー連携」で発行し直してください (no such calendar feed)");
    }
    return ics(calendars.calendar(calendars.viewer(userId), null).toString());
  }

  /** Issues the caller's feed URL, replacing an earlier one; the URL is shown this once. */
  @PostMapping("/api/calendar/token")
  public ResponseEntity<Map<String, Object>> issue(Principal principal) {
    String userId = principal.getName();
    String token = tokens.issue(userId);
    Map<String, Object> body = status(userId);
    body.put("url", baseUrl + FEED_PATH + UriUtils.encodePathSegment(userId, StandardCharsets.UTF_8) + "/" + token
        + ".ics");
    return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(body);
  }

  /**
   * Whether the caller has a feed URL, and since when. Also hands a browser session the app's CSRF cookie
   * ({@code SHISAKU-XSRF-TOKEN}), which Spring writes only once the token is used, for the POST or DELETE
   * that follows (Tasklist's dialog).
   */
  @GetMapping("/api/calendar/token")
  public Map<String, Object> token(Principal principal, HttpServletRequest request) {
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
      csrf.getToken();
    }
    return status(principal.getName());
  }

  @DeleteMapping("/api/calendar/token")
  public ResponseEntity<Void> revoke(Principal principal) {
    tokens.revoke(principal.getName());
    return ResponseEntity.noContent().build();
  }

  private Map<String, Object> status(String userId) {
    Map<String, Object> body = new LinkedHashMap<>();
    Instant issuedAt = tokens.issuedAt(userId).orElse(null);
    body.put("exists", issuedAt != null);
    body.put("issuedAt", issuedAt == null ? null : issuedAt.toString());
    body.put("issuedAtText", CityTime.text(issuedAt));
    return body;
  }

  private static ResponseEntity<String> ics(String body) {
    return ResponseEntity.ok().contentType(TEXT_CALENDAR).cacheControl(CacheControl.noStore()).body(body);
  }
}
