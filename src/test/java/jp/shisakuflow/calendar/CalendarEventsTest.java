package jp.shisakuflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import jp.shisakuflow.time.BusinessDays;
import jp.shisakuflow.time.ScheduleDate;
import org.junit.jupiter.api.Test;

/** How a vague due date reads in a calendar's summary, without an engine. */
class CalendarEventsTest {

  static final BusinessDays DAYS = BusinessDays.japan();

  @Test
  void aVagueEndIsSaidAsTheWindowItFallsIn() {
    assertThat(CalendarService.withinText(ScheduleDate.quarter(2019, 2))).isEqualTo("第2四半期中");
    assertThat(CalendarService.withinText(ScheduleDate.month(YearMonth.of(2019, 7)))).isEqualTo("7月中");
    assertThat(CalendarService.withinText(ScheduleDate.month(YearMonth.of(2019, 7)).approximately()))
        .isEqualTo("7月頃");
    assertThat(CalendarService.withinText(ScheduleDate.parse("2019-10..2020-03", 2019))).isEqualTo("10月以降、年度内");
    assertThat(CalendarService.withinText(ScheduleDate.parse("2019-10..2019-12", 2019))).isEqualTo("10月〜12月中");
  }

  @Test
  void aDueDateIsRemindedOfOnTheWorkingDayBeforeSkippingTheWeekend() {
    assertThat(CalendarService.reminderDay(DAYS, LocalDate.of(2075, 10, 1))).as("Tuesday: Monday")
        .isEqualTo(LocalDate.of(2075, 9, 30));
    assertThat(CalendarService.reminderDay(DAYS, LocalDate.of(2075, 9, 30))).as("Monday: Friday")
        .isEqualTo(LocalDate.of(2075, 9, 27));
    assertThat(CalendarService.reminderDay(DAYS, LocalDate.of(2075, 9, 29))).as("Sunday: Friday")
        .isEqualTo(LocalDate.of(2075, 9, 27));
    assertThat(CalendarService.reminderDay(DAYS, LocalDate.of(2075, 9, 28))).as("Saturday: Friday")
        .isEqualTo(LocalDate.of(2075, 9, 27));
  }

  @Test
  void aDueDateAfterAPublicHolidayIsRemindedOfOnTheBusinessDayBeforeTheHoliday() {
    assertThat(CalendarService.reminderDay(DAYS, LocalDate.of(2026, 5, 7))).as("Thursday after Golden Week: Friday 1 May")
        .isEqualTo(LocalDate.of(2026, 5, 1));
    assertThat(CalendarService.reminderDay(DAYS, LocalDate.of(2026, 9, 24))).as("after 21-23 September 2026: Friday 18th")
        .isEqualTo(LocalDate.of(2026, 9, 18));
    assertThat(CalendarService.reminder(DAYS, LocalDate.of(2026, 1, 13), "x").getProperty(Property.TRIGGER)
        .map(Property::getValue)).as("Tuesday after 成人の日: Friday 8:30").contains("-P3DT15H30M");
  }

  @Test
  void theReminderGoesOffWhenTheOfficesOpenAndSaysTheDueDayInJapanese() {
    VAlarm monday = CalendarService.reminder(DAYS, LocalDate.of(2075, 9, 30), "設置・検討");
    assertThat(monday.getProperty(Property.ACTION).map(Property::getValue)).contains("DISPLAY");
    assertThat(monday.getProperty(Property.TRIGGER).map(Property::getValue)).as("Friday 8:30 before Monday 0:00")
        .contains("-P2DT15H30M");
    assertThat(monday.getProperty(Property.DESCRIPTION).map(Property::getValue))
        .contains("期限は 9月30日（月） です: 設置・検討");
    assertThat(CalendarService.reminder(DAYS, LocalDate.of(2075, 10, 2), "x").getProperty(Property.TRIGGER)
        .map(Property::getValue)).as("Tuesday 8:30 before Wednesday").contains("-PT15H30M");
  }
}
