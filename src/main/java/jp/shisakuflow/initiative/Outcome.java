package jp.shisakuflow.initiative;

import java.util.Optional;

/** The schedule's next-year outcomes (次年度以降). {@link #code()} is what variables and the DMN hold. */
public enum Outcome implements Coded {
  CONTINUE("continue", "継続実施", "Continue as is"),
  PHASED_ROLLOUT("phasedRollout", "順次モデル実施", "Roll the model out ward by ward"),
  PREPARE_IMPLEMENTATION("prepareImplementation", "実施に向けた調整", "Coordinate toward implementation"),
  CONTINUE_STUDY("continueStudy", "継続検討", "Keep studying"),
  /** 休止、廃止も含めて: next year reviews the item; suspending or abolishing it is one possible result. */
  REVIEW("review", "休止・廃止も含めた見直し", "Review, suspension or abolition included"),
  /** A manager's decision: the item stops. */
  SUSPEND_OR_ABOLISH("suspendOrAbolish", "休止・廃止", "Suspend or abolish"),
  /** The item ends with the year: nothing rolls over (a one-off event, a training, a guidebook). */
  NONE("none", "次年度の予定なし", "Nothing next year");

  private final String code;
  private final String labelJa;
  private final String labelEn;

  Outcome(String code, String labelJa, String labelEn) {
    this.code = code;
    this.labelJa = labelJa;
    this.labelEn = labelEn;
  }

  @Override
  public String code() {
    return code;
  }

  public String labelJa() {
    return labelJa;
  }

  public String labelEn() {
    return labelEn;
  }

  /** Whether next year has an instance of the item. */
  public boolean continuesNextYear() {
    return this != SUSPEND_OR_ABOLISH && this != NONE;
  }

  public static Optional<Outcome> fromCode(String code) {
    return Coded.fromCode(Outcome.class, code);
  }
}
