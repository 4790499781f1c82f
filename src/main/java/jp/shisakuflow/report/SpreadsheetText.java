package jp.shisakuflow.report;

import java.util.List;

/**
 * Text for CSV cells that a spreadsheet opens: a text beginning with {@code = + - @}, a tab or a carriage
 * return would be read as a formula (CSV injection, e.g. {@code =cmd|' /C calc'!A0}), so it gets a leading
 * single quote, as OWASP recommends. Numbers and other non-text values are left as they are. The xlsx
 * report needs none of this: it writes text as string cells, never as formulas.
 */
public final class SpreadsheetText {

  private static final String TRIGGERS = "=+-@\t\r";

  private SpreadsheetText() {}

  /** {@code value} with a leading {@code '} when it is text that starts like a formula; otherwise itself. */
  public static Object cell(Object value) {
    if (value instanceof CharSequence text && !text.isEmpty() && TRIGGERS.indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return value;
  }

  public static List<Object> cells(List<?> values) {
    return values.stream().map(SpreadsheetText::cell).toList();
  }
}
