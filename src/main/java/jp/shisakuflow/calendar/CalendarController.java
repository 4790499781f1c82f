package jp.shisakuflow.calendar;

import java.util.stream.Stream;
import jp.shisakuflow.organization.OrganizationGroup;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/calendar.ics[?group=]}: a calendar staff can subscribe to. */
@RestController
public class CalendarController {

  static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

  private final CalendarService calendars;
  private final IdentityService identityService;

  public CalendarController(CalendarService calendars, IdentityService identityService) {
    this.calendars = calendars;
    this.identityService = identityService;
  }

  @GetMapping("/api/calendar.ics")
  public ResponseEntity<String> calendar(@RequestParam(required = false) String group) {
    if (group != null && Stream.of(OrganizationGroup.values()).noneMatch(g -> g.id().equals(group))
        && identityService.createGroupQuery().groupId(group).count() == 0) {
      throw new IllegalArgumentException("group: 不明なグループ '" + group + "' (unknown group)");
    }
    return ResponseEntity.ok().contentType(TEXT_CALENDAR).body(calendars.calendar(group).toString());
  }
}
