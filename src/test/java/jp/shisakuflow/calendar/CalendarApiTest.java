package jp.shisakuflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.plan.PlanImportService;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

@ApiTest
class CalendarApiTest {

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired PlanImportService plans;

  @Test
  void aGroupSubscribesToItsMilestonesAndTaskDueDates() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    plans.importPlan("fy2019-community.yaml", jp.shisakuflow.plan.StandalonePlanServices.seedYaml(), 2025);

    var response = http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity("/api/calendar.ics?group=wardTakatsu",
        String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/calendar");
    Calendar calendar = new CalendarBuilder().build(new StringReader(response.getBody()));
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events).anySatisfy(e -> {
      assertThat(summary(e)).isEqualTo("▲ 高津どんなもんじゃ祭り");
      assertThat(e.getDateTimeStart().get().getDate()).isEqualTo(LocalDate.of(2025, 6, 16));
    });
    assertThat(events).anySatisfy(e -> assertThat(summary(e)).startsWith("期限: 調整：各区と個別調整"));
    assertThat(events).noneSatisfy(e -> assertThat(summary(e)).isEqualTo("▲ 第1回有識者会議"));
  }

  @Test
  void anUnknownGroupIsNamedInA400() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    var response = http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity("/api/calendar.ics?group=wardMoon",
        String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("wardMoon");
  }

  private static String summary(VEvent event) {
    return event.getProperty(Property.SUMMARY).map(Property::getValue).orElse("");
  }
}
