package jp.shisakuflow.initiative;

import java.time.Instant;
import jp.shisakuflow.time.CityTime;

/**
 * A manager's decision of 次年度方針の決定 on one year's instance: what was decided for next year, why,
 * by whom and when. Recorded on next year's instance in the variables {@link Var}.
 *
 * @param thisYear the deciding year's instance as it was started (its plan's outcome and words)
 */
public record NextYearDecision(InitiativeStart thisYear, Outcome decided, String reason, String decidedBy,
    Instant decidedAt) {

  /** Variables of next year's instance that say how the previous year decided it. */
  public static final class Var {
    /** The outcome code the previous year's manager decided. */
    public static final String PREVIOUS_YEAR_DECISION = "previousYearDecision";
    public static final String PREVIOUS_YEAR_DECISION_BY = "previousYearDecisionBy";
    /** When, as the city reads it ({@code 2020/04/10 10:00:00}). */
    public static final String PREVIOUS_YEAR_DECISION_AT = "previousYearDecisionAt";
    public static final String PREVIOUS_YEAR_DECISION_REASON = "previousYearDecisionReason";

    private Var() {}
  }

  /** This year's business key, {@code FY2019-…}. */
  public String businessKey() {
    return thisYear.businessKey();
  }

  /** Next year's business key, {@code FY2020-…}. */
  public String nextBusinessKey() {
    return InitiativeStart.businessKey(thisYear.fiscalYear() + 1, thisYear.initiativeId());
  }

  /** 「FY2019-x の次年度方針の決定: 休止・廃止 (manager、2020/04/10 10:00:00) 理由: …」 */
  public String describe() {
    String why = reason == null || reason.isBlank() ? "" : " 理由: " + reason;
    return businessKey() + " の次年度方針の決定: " + decided.labelJa() + " (" + decidedBy + "、"
        + CityTime.text(decidedAt) + ")" + why;
  }
}
