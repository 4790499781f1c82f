package jp.shisakuflow.chart;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** A day in the Japanese era calendar as official papers write it: 「令和元年7月9日」, never 「令和1年」. */
public final class EraDates {

  private EraDates() {}

  /** 「令和元年7月9日」「令和2年4月1日」「平成31年4月30日」. */
  public static String textJa(LocalDate day) {
    JapaneseDate date;
    try {
      date = JapaneseDate.from(day);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("和暦で表せない日付です (no Japanese era for " + day + ")", e);
    }
    JapaneseEra era = date.getEra();
    int year = date.get(ChronoField.YEAR_OF_ERA);
    return era.getDisplayName(TextStyle.FULL, Locale.JAPAN) + (year == 1 ? "元" : Integer.toString(year)) + "年"
        + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }
}
