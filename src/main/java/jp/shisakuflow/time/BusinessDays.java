package jp.shisakuflow.time;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The city's office days: Monday to Friday but for Japanese public holidays, read from a holidays file
 * ({@code processes/calendar/holidays-jp.yaml}: {@code firstYear}, {@code lastYear} and the dates). The one
 * place the digest and the calendar's reminders ask. A year the file does not cover counts weekends only
 * (logged once per year).
 */
public final class BusinessDays {

  /** Where the holidays file is, on the class path, unless {@code shisaku.calendar.holidays-file} says otherwise. */
  public static final String DEFAULT_FILE = "processes/calendar/holidays-jp.yaml";

  private static final Logger log = LoggerFactory.getLogger(BusinessDays.class);

  private final Map<LocalDate, String> holidays;
  private final int firstYear;
  private final int lastYear;
  private final Map<Integer, Boolean> warnedYears = new ConcurrentHashMap<>();

  public BusinessDays(Map<LocalDate, String> holidays, int firstYear, int lastYear) {
    if (firstYear > lastYear) {
      throw new IllegalArgumentException("firstYear " + firstYear + " is after lastYear " + lastYear);
    }
    this.holidays = Collections.unmodifiableMap(new TreeMap<>(holidays));
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.holidays.keySet().stream().filter(day -> !covers(day)).findFirst().ifPresent(day -> {
      throw new IllegalArgumentException("holiday " + day + " is outside " + firstYear + "-" + lastYear);
    });
  }

  /** The holidays file shipped with the app, from the class path. */
  public static BusinessDays japan() {
    try (InputStream in = BusinessDays.class.getClassLoader().getResourceAsStream(DEFAULT_FILE)) {
      if (in == null) {
        throw new IllegalStateException("No " + DEFAULT_FILE + " on the class path");
      }
      return read(in, DEFAULT_FILE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + DEFAULT_FILE, e);
    }
  }

  /** A holidays file: {@code firstYear}, {@code lastYear}, {@code holidays: {"2026-01-01": 元日, …}}. */
  public static BusinessDays read(InputStream yaml, String name) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(root instanceof Map<?, ?> file) || !(file.get("holidays") instanceof Map<?, ?> days)
        || !(file.get("firstYear") instanceof Integer first) || !(file.get("lastYear") instanceof Integer last)) {
      throw new IllegalArgumentException(name + ": needs firstYear, lastYear and holidays");
    }
    Map<LocalDate, String> holidays = new TreeMap<>();
    days.forEach((day, holidayName) -> {
      try {
        holidays.put(LocalDate.parse(String.valueOf(day)), String.valueOf(holidayName));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(name + ": " + day + " is not a date (write \"2026-01-01\": 元日)", e);
      }
    });
    return new BusinessDays(holidays, first, last);
  }

  public boolean isBusinessDay(LocalDate day) {
    return !isWeekend(day) && holiday(day).isEmpty();
  }

  /** The public holiday's name on that day, if it is one. */
  public Optional<String> holiday(LocalDate day) {
    if (!covers(day) && warnedYears.putIfAbsent(day.getYear(), true) == null) {
      log.warn("The holidays file covers {}-{}, not {}: only weekends are skipped in that year", firstYear, lastYear,
          day.getYear());
    }
    return Optional.ofNullable(holidays.get(day));
  }

  /** The last business day before a day. */
  public LocalDate businessDayBefore(LocalDate day) {
    LocalDate before = day.minusDays(1);
    while (!isBusinessDay(before)) {
      before = before.minusDays(1);
    }
    return before;
  }

  public boolean covers(LocalDate day) {
    return day.getYear() >= firstYear && day.getYear() <= lastYear;
  }

  public Map<LocalDate, String> holidays() {
    return holidays;
  }

  public int firstYear() {
    return firstYear;
  }

  public int lastYear() {
    return lastYear;
  }

  private static boolean isWeekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
