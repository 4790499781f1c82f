package jp.shisakuflow.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/** The city's time zone (Asia/Tokyo): the plan's dates as instants, and instants as the screens show them. */
public final class CityTime {

  /** The city's zone, as text (for scripts and annotations). */
  public static final String ZONE_ID = "Asia/Tokyo";
  public static final ZoneId ZONE = ZoneId.of(ZONE_ID);
  /** When the city's offices open (開庁 8:30–17:15): calendar reminders go off then. */
  public static final LocalTime START_OF_OFFICE_DAY = LocalTime.of(8, 30);
  static final LocalTime END_OF_OFFICE_DAY = LocalTime.of(17, 15);
  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss").withZone(ZONE);

  private CityTime() {}

  /** A task's due date: the close of office hours on the phase's last planned day. */
  public static Date dueAt(LocalDate lastDay) {
    return Date.from(lastDay.atTime(END_OF_OFFICE_DAY).atZone(ZONE).toInstant());
  }

  /** When a phase still open counts as late: the start of the day after its last planned day. */
  public static Date overdueAt(LocalDate lastDay) {
    return Date.from(lastDay.plusDays(1).atStartOfDay(ZONE).toInstant());
  }

  public static Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(ZONE).toInstant());
  }

  /** How screens show a moment: in the city's zone, {@code 2026/04/01 09:30:00}; {@code null} for none. */
  public static String text(Instant instant) {
    return instant == null ? null : TEXT.format(instant);
  }

  public static LocalDate today(Date now) {
    return now.toInstant().atZone(ZONE).toLocalDate();
  }

  /** The last day of quarter 1–4 of a fiscal year (Q1 = April–June). */
  public static LocalDate quarterEnd(int fiscalYear, int quarter) {
    if (quarter < 1 || quarter > 4) {
      throw new IllegalArgumentException("quarter must be 1-4, got " + quarter);
    }
    return FiscalYear.start(fiscalYear).plusMonths(3L * quarter).minusDays(1);
  }
}
