package jp.shisakuflow.time;

import java.time.LocalDate;
import java.time.Month;

/** Japanese fiscal years run from 1 April to 31 March; FY2019 is 2019-04-01 .. 2020-03-31. */
public final class FiscalYear {

  private FiscalYear() {}

  public static final int FIRST_SUPPORTED = 2000;
  public static final int LAST_SUPPORTED = 2100;

  /** The year, when the app supports it; otherwise a 400-worthy error naming the parameter. */
  public static int requireSupported(int fiscalYear) {
    if (!isSupported(fiscalYear)) {
      throw new IllegalArgumentException(unsupported(fiscalYear));
    }
    return fiscalYear;
  }

  public static boolean isSupported(int fiscalYear) {
    return fiscalYear >= FIRST_SUPPORTED && fiscalYear <= LAST_SUPPORTED;
  }

  /** What is wrong with a year the app does not support, naming the parameter. */
  public static String unsupported(int fiscalYear) {
    return "fiscalYear: " + FIRST_SUPPORTED + "〜" + LAST_SUPPORTED + " の年度を指定してください (must be "
        + FIRST_SUPPORTED + "-" + LAST_SUPPORTED + ", got " + fiscalYear + ")";
  }

  public static int containing(LocalDate date) {
    return date.getMonthValue() >= Month.APRIL.getValue() ? date.getYear() : date.getYear() - 1;
  }

  public static LocalDate start(int fiscalYear) {
    return LocalDate.of(fiscalYear, Month.APRIL, 1);
  }

  public static LocalDate end(int fiscalYear) {
    return LocalDate.of(fiscalYear + 1, Month.MARCH, 31);
  }
}
