package jp.shisakuflow.initiative;

import java.util.Optional;

/** The verification phase's rating (評価). {@link #code()} is what variables and the DMN hold. */
public enum VerificationRating implements Coded {
  GOOD("good", "良好"),
  NEEDS_IMPROVEMENT("needsImprovement", "要改善"),
  DISCONTINUE("discontinue", "中止");

  private final String code;
  private final String labelJa;

  VerificationRating(String code, String labelJa) {
    this.code = code;
    this.labelJa = labelJa;
  }

  @Override
  public String code() {
    return code;
  }

  public String labelJa() {
    return labelJa;
  }

  public static Optional<VerificationRating> fromCode(String code) {
    return Coded.fromCode(VerificationRating.class, code);
  }
}
