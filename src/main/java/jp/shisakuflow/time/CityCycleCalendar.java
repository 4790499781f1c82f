package jp.shisakuflow.time;

import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.scheduling.support.CronExpression;

/**
 * Timer cycles whose cron ({@code 0 0 8 * * MON-FRI}) is read in the city's zone, whatever the JVM's zone is
 * (the engine's own reads it in the JVM's default zone). {@code R…} cycles are the engine's as before.
 */
public class CityCycleCalendar extends CycleBusinessCalendar {

  /** The engine's calendars, with this one for cycles. */
  public static BusinessCalendarManager calendars() {
    MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
    calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, new DurationBusinessCalendar());
    calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, new DueDateBusinessCalendar());
    calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new CityCycleCalendar());
    return calendars;
  }

  @Override
  public Date resolveDuedate(String duedateDescription, Date startDate, long repeatOffset) {
    if (duedateDescription.startsWith("R") || !CronExpression.isValidExpression(duedateDescription)) {
      return super.resolveDuedate(duedateDescription, startDate, repeatOffset);
    }
    Date after = startDate == null ? ClockUtil.getCurrentTime() : startDate;
    var next = CronExpression.parse(duedateDescription).next(after.toInstant().atZone(CityTime.ZONE));
    return next == null ? after : Date.from(next.toInstant());
  }
}
