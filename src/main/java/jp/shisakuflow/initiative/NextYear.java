package jp.shisakuflow.initiative;

import java.util.List;
import java.util.Optional;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;

/**
 * What an initiative becomes in the next fiscal year, given its outcome: nothing (休止・廃止, 次年度の予定なし),
 * or next year's instance with phases that follow from the outcome. The chart's own words for the outcome
 * ({@code plannedOutcomeLabel}, the plan's {@code nextYearLabel}) name next year's first phase and stay its
 * label, unless a manager decided another outcome: then that outcome's label.
 */
public final class NextYear {

  private NextYear() {}

  /**
   * Next year's start of an initiative.
   *
   * @param thisYear the initiative as this year's instance was started (its planned outcome and label)
   * @param decided the manager's decision, or {@code null} when there is none (the plan's outcome holds)
   * @return next year's start (no plan key: next year's plan, once imported, revises it), or empty
   */
  public static Optional<InitiativeStart> of(InitiativeStart thisYear, Outcome decided) {
    Outcome outcome = decided == null ? thisYear.plannedOutcome() : decided;
    if (!outcome.continuesNextYear()) {
      return Optional.empty();
    }
    String words = wordsFor(thisYear, outcome);
    int year = thisYear.fiscalYear() + 1;
    Outcome next = nextPlannedOutcome(outcome);
    String nextLabel = next == outcome ? words : next.labelJa();
    return Optional.of(new InitiativeStart(thisYear.initiativeId(), thisYear.title(), thisYear.workstream(),
        thisYear.owners(), thisYear.wards(), year, phasesFor(outcome, words, year), next, nextLabel,
        null, thisYear.businessKey()));
  }

  /** The words for the outcome: the chart's own when the outcome is the planned one, else its label. */
  static String wordsFor(InitiativeStart thisYear, Outcome outcome) {
    String chart = thisYear.plannedOutcomeLabel();
    return outcome == thisYear.plannedOutcome() && chart != null && !chart.isBlank() ? chart : outcome.labelJa();
  }

  /** Next year's phases for an outcome; the first is named by the outcome's words. */
  public static List<PlannedPhase> phasesFor(Outcome outcome, String words, int year) {
    var q1 = FiscalYear.start(year);
    var q2End = CityTime.quarterEnd(year, 2);
    var q3End = CityTime.quarterEnd(year, 3);
    var end = FiscalYear.end(year);
    return switch (outcome) {
      case CONTINUE -> List.of(new PlannedPhase("step1", null, words, q1, end));
      case PHASED_ROLLOUT -> List.of(
          new PlannedPhase(Stage.IMPLEMENT_MODEL.code(), Stage.IMPLEMENT_MODEL, words, q1, q3End),
          new PlannedPhase(Stage.VERIFY.code(), Stage.VERIFY, Stage.VERIFY.labelJa(), q3End.plusDays(1), end));
      case PREPARE_IMPLEMENTATION -> List.of(
          new PlannedPhase(Stage.COORDINATE.code(), Stage.COORDINATE, words, q1, q2End),
          new PlannedPhase(Stage.IMPLEMENT_MODEL.code(), Stage.IMPLEMENT_MODEL, Stage.IMPLEMENT_MODEL.labelJa(),
              q2End.plusDays(1), end));
      // 休止、廃止も含めて: a review, coordinated all year; suspending is for the manager who decides it then.
      case CONTINUE_STUDY, REVIEW -> List.of(
          new PlannedPhase(Stage.COORDINATE.code(), Stage.COORDINATE, words, q1, end));
      case SUSPEND_OR_ABOLISH, NONE -> List.of();
    };
  }

  /** What next year's instance plans for the year after: a rollout continues, a preparation rolls out. */
  public static Outcome nextPlannedOutcome(Outcome outcome) {
    return switch (outcome) {
      case PREPARE_IMPLEMENTATION -> Outcome.PHASED_ROLLOUT;
      case PHASED_ROLLOUT -> Outcome.CONTINUE;
      default -> outcome;
    };
  }
}
