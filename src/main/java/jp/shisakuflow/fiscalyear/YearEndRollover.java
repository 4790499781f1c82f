package jp.shisakuflow.fiscalyear;

import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.NextYear;
import jp.shisakuflow.initiative.NextYearWards;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.plan.Plan;
import org.springframework.stereotype.Service;

/**
 * Which of a plan's initiatives go on into the next fiscal year, and with which phases ({@link NextYear}):
 * every outcome but 休止・廃止 and 次年度の予定なし continues; 休止・廃止も含めた見直し continues as a review.
 */
@Service
public class YearEndRollover {

  private final NextYearWards wards;

  public YearEndRollover(NextYearWards wards) {
    this.wards = wards;
  }

  /**
   * Next year's starts for a plan, given each initiative's outcome where a manager decided one; each in the
   * wards next year's outcome gives it (a phased rollout keeps this year's wards and chooses more).
   */
  public List<InitiativeStart> nextYear(Plan plan, Map<String, Outcome> decided) {
    return plan.initiatives().stream()
        .flatMap(initiative -> NextYear.of(PlanInitiatives.toStart(plan, initiative), decided.get(initiative.id()))
            .map(next -> wards.withNextYearsWards(next, decided.getOrDefault(initiative.id(), initiative.nextYear())))
            .stream())
        .toList();
  }
}
