package jp.shisakuflow.initiative;

import java.time.LocalDate;
import java.time.Month;

/** Japanese fiscal years run from 1 April to 31 March; FY2019 is 2019-04-01 .. 2020-03-31. */
public final class FiscalYear {

  private FiscalYear() {}

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
