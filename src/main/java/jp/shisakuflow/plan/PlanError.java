package jp.shisakuflow.plan;

/**
 * One thing wrong in a plan file, at a line (1-based; 0 when the whole file is concerned) or, for a workbook, at a
 * place the person can find: 「シート"段階一覧" セルG12」 ({@code place}; null for a YAML file).
 */
public record PlanError(int line, String place, String message) {

  /** An error at a line of a YAML file. */
  public PlanError(int line, String message) {
    this(line, null, message);
  }

  /** An error at a place in a workbook: 「シート"段階一覧" セルG12: 日付が年度外です」. */
  public static PlanError at(String place, String message) {
    return new PlanError(0, place, message);
  }

  @Override
  public String toString() {
    return place != null ? place + ": " + message : line > 0 ? "line " + line + ": " + message : message;
  }
}
