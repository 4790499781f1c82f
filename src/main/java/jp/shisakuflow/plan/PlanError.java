package jp.shisakuflow.plan;

/** One thing wrong in a plan file, at a line (1-based; 0 when the whole file is concerned). */
public record PlanError(int line, String message) {

  @Override
  public String toString() {
    return line > 0 ? "line " + line + ": " + message : message;
  }
}
