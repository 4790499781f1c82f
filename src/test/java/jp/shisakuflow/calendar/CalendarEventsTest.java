package jp.shisakuflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import jp.shisakuflow.time.ScheduleDate;
import org.junit.jupiter.api.Test;

/** How a vague due date reads in a calendar's summary, without an engine. */
class CalendarEventsTest {

  @Test
  void aVagueEndIsSaidAsTheWindowItFallsIn() {
    assertThat(CalendarService.withinText(ScheduleDate.quarter(2019, 2))).isEqualTo("第2四半期中");
    assertThat(CalendarService.withinText(ScheduleDate.month(YearMonth.of(2019, 7)))).isEqualTo("7月中");
    assertThat(CalendarService.withinText(ScheduleDate.month(YearMonth.of(2019, 7)).approximately()))
        .isEqualTo("7月頃");
    assertThat(CalendarService.withinText(ScheduleDate.parse("2019-10..2020-03", 2019))).isEqualTo("10月以降、年度内");
    assertThat(CalendarService.withinText(ScheduleDate.parse("2019-10..2019-12", 2019))).isEqualTo("10月〜12月中");
  }
}
