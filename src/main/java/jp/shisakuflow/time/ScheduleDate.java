package jp.shisakuflow.time;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date as precise as a schedule chart gives it: a day, a month, a quarter of the fiscal year, or a
 * window between two of those, perhaps "about" (頃). {@code first} and {@code last} bound it; only an
 * {@link #isExact() exact} day may become a timer or an appointment on that day, and people always read
 * it as {@link #textJa()}, never as an invented day.
 */
public record ScheduleDate(LocalDate first, LocalDate last, Precision precision, boolean about) {

  /** How precise the source is. */
  public enum Precision { DAY, MONTH, QUARTER, WINDOW }

  static final String ABOUT = "about ";
  static final String WINDOW_SEPARATOR = "..";
  private static final Pattern QUARTER = Pattern.compile("Q([1-4])");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  /** The forms a plan may write, for error messages. */
  public static final String FORMS = "2019-07-09 (日), 2019-07 (月), Q3 (四半期), about 2019-07 / about Q3 (頃),"
      + " 2019-10..2020-03 (期間)";

  public ScheduleDate {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(precision, "precision");
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("last " + last + " is before first " + first);
    }
  }

  /** A date written before precision existed (a phase plan of an instance started earlier): an exact day. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ScheduleDate fromIsoDay(String isoDay) {
    return day(LocalDate.parse(isoDay));
  }

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  static ScheduleDate fromJson(@JsonProperty("first") LocalDate first, @JsonProperty("last") LocalDate last,
      @JsonProperty("precision") Precision precision, @JsonProperty("about") boolean about) {
    return new ScheduleDate(first, last, precision, about);
  }

  public static ScheduleDate day(LocalDate day) {
    return new ScheduleDate(day, day, Precision.DAY, false);
  }

  public static ScheduleDate month(YearMonth month) {
    return new ScheduleDate(month.atDay(1), month.atEndOfMonth(), Precision.MONTH, false);
  }

  /** Quarter 1–4 of a fiscal year (Q1 = April–June). */
  public static ScheduleDate quarter(int fiscalYear, int quarter) {
    LocalDate end = CityTime.quarterEnd(fiscalYear, quarter);
    return new ScheduleDate(end.minusMonths(2).withDayOfMonth(1), end, Precision.QUARTER, false);
  }

  /** From the start of {@code from} to the end of {@code to}; "about" when either end is. */
  public static ScheduleDate window(ScheduleDate from, ScheduleDate to) {
    return new ScheduleDate(from.first, to.last, Precision.WINDOW, from.about || to.about);
  }

  /** The same date, marked 頃. */
  public ScheduleDate approximately() {
    return new ScheduleDate(first, last, precision, true);
  }

  /** An exact day: the only kind that may become a timer or an appointment on that day. */
  @JsonIgnore
  public boolean isExact() {
    return precision == Precision.DAY && !about;
  }

  /** As people read it, inside its fiscal year: 「7月9日」「7月頃」「第3四半期」「10月以降、年度内」「10月〜12月」. */
  public String textJa() {
    String text = switch (precision) {
      case DAY -> first.getMonthValue() + "月" + first.getDayOfMonth() + "日";
      case MONTH -> first.getMonthValue() + "月";
      case QUARTER -> "第" + quarterOf(first) + "四半期";
      case WINDOW -> windowText();
    };
    return about ? text + "頃" : text;
  }

  private String windowText() {
    int fiscalYear = FiscalYear.containing(first);
    if (last.equals(FiscalYear.end(fiscalYear)) && !first.equals(FiscalYear.start(fiscalYear))) {
      return first.getMonthValue() + "月以降、年度内";
    }
    String from = first.getDayOfMonth() == 1 ? first.getMonthValue() + "月"
        : first.getMonthValue() + "月" + first.getDayOfMonth() + "日";
    String to = last.equals(YearMonth.from(last).atEndOfMonth()) ? last.getMonthValue() + "月"
        : last.getMonthValue() + "月" + last.getDayOfMonth() + "日";
    return from + "〜" + to;
  }

  /** The plan-file form: what {@link #parse} reads back. */
  public String code() {
    String text = switch (precision) {
      case DAY -> first.toString();
      case MONTH -> YearMonth.from(first).toString();
      case QUARTER -> "Q" + quarterOf(first);
      case WINDOW -> windowEnd(first, true) + WINDOW_SEPARATOR + windowEnd(last, false);
    };
    return about ? ABOUT + text : text;
  }

  private static String windowEnd(LocalDate day, boolean start) {
    boolean wholeMonth = start ? day.getDayOfMonth() == 1 : day.equals(YearMonth.from(day).atEndOfMonth());
    return wholeMonth ? YearMonth.from(day).toString() : day.toString();
  }

  /** The same date in another year; a window that ends with a month ends with that month's last day there too. */
  public ScheduleDate shiftedByYears(int years) {
    if (precision == Precision.DAY) {
      return new ScheduleDate(first.plusYears(years), last.plusYears(years), precision, about);
    }
    boolean monthEnd = last.equals(YearMonth.from(last).atEndOfMonth());
    LocalDate shiftedLast = monthEnd ? YearMonth.from(last).plusYears(years).atEndOfMonth() : last.plusYears(years);
    return new ScheduleDate(first.plusYears(years), shiftedLast, precision, about);
  }

  /** Reads a plan-file date ({@link #FORMS}); a quarter is one of {@code fiscalYear}'s. */
  public static ScheduleDate parse(String text, int fiscalYear) {
    String value = text.trim();
    if (value.startsWith(ABOUT)) {
      return parse(value.substring(ABOUT.length()), fiscalYear).approximately();
    }
    int separator = value.indexOf(WINDOW_SEPARATOR);
    if (separator >= 0) {
      ScheduleDate from = parse(value.substring(0, separator), fiscalYear);
      ScheduleDate to = parse(value.substring(separator + WINDOW_SEPARATOR.length()), fiscalYear);
      if (to.last.isBefore(from.first)) {
        throw new IllegalArgumentException("期間の終わりが始まりより前です (window ends before it starts: '" + text + "')");
      }
      return window(from, to);
    }
    Matcher quarter = QUARTER.matcher(value);
    if (quarter.matches()) {
      return quarter(fiscalYear, Integer.parseInt(quarter.group(1)));
    }
    try {
      return MONTH.matcher(value).matches() ? month(YearMonth.parse(value)) : day(LocalDate.parse(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("日付として読めません: '" + text + "' (not a date; write one of " + FORMS + ")");
    }
  }

  private static int quarterOf(LocalDate day) {
    return (day.getMonthValue() + 8) % 12 / 3 + 1;
  }
}
