package jp.shisakuflow.fiscalyear;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlannedInitiative;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.springframework.stereotype.Service;

/**
 * Which initiatives go on into the next fiscal year, and with which phases. Every outcome but 休止・廃止
 * and 次年度の予定なし continues; the next year's phases follow from the outcome.
 */
@Service
public class YearEndRollover {

  /** Next year's starts for a plan, given each initiative's outcome (decided, or else planned). */
  public List<InitiativeStart> nextYear(Plan plan, Map<String, Outcome> outcomes) {
    int year = plan.fiscalYear() + 1;
    List<InitiativeStart> starts = new ArrayList<>();
    for (PlannedInitiative initiative : plan.initiatives()) {
      Outcome outcome = outcomes.getOrDefault(initiative.id(), initiative.nextYear());
      if (!outcome.continuesNextYear()) {
        continue;
      }
      Outcome next = nextPlannedOutcome(outcome);
      starts.add(new InitiativeStart(initiative.id(), initiative.title(), initiative.workstream(),
          initiative.owners(), initiative.wards(), year, phasesFor(outcome, year), next, next.labelJa(), null,
          InitiativeStart.businessKey(plan.fiscalYear(), initiative.id())));
    }
    return starts;
  }

  static List<PlannedPhase> phasesFor(Outcome outcome, int year) {
    var q1 = FiscalYear.start(year);
    var q2End = CityTime.quarterEnd(year, 2);
    var q3End = CityTime.quarterEnd(year, 3);
    var end = FiscalYear.end(year);
    return switch (outcome) {
      case CONTINUE -> List.of(new PlannedPhase("step1", null, Outcome.CONTINUE.labelJa(), q1, end));
      case PHASED_ROLLOUT -> List.of(
          new PlannedPhase(Stage.IMPLEMENT_MODEL.code(), Stage.IMPLEMENT_MODEL, Outcome.PHASED_ROLLOUT.labelJa(), q1, q3End),
          new PlannedPhase(Stage.VERIFY.code(), Stage.VERIFY, Stage.VERIFY.labelJa(), q3End.plusDays(1), end));
      case PREPARE_IMPLEMENTATION -> List.of(
          new PlannedPhase(Stage.COORDINATE.code(), Stage.COORDINATE, Outcome.PREPARE_IMPLEMENTATION.labelJa(), q1, q2End),
          new PlannedPhase(Stage.IMPLEMENT_MODEL.code(), Stage.IMPLEMENT_MODEL, Stage.IMPLEMENT_MODEL.labelJa(),
              q2End.plusDays(1), end));
      case CONTINUE_STUDY -> List.of(
          new PlannedPhase(Stage.COORDINATE.code(), Stage.COORDINATE, Outcome.CONTINUE_STUDY.labelJa(), q1, end));
      case REVIEW -> List.of(
          new PlannedPhase(Stage.COORDINATE.code(), Stage.COORDINATE, Outcome.REVIEW.labelJa(), q1, end));
      case SUSPEND_OR_ABOLISH, NONE -> List.of();
    };
  }

  static Outcome nextPlannedOutcome(Outcome outcome) {
    return switch (outcome) {
      case PREPARE_IMPLEMENTATION -> Outcome.PHASED_ROLLOUT;
      case PHASED_ROLLOUT -> Outcome.CONTINUE;
      default -> outcome;
    };
  }
}
