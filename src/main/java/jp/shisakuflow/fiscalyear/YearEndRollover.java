package jp.shisakuflow.fiscalyear;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.NextYear;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.plan.Plan;
import org.springframework.stereotype.Service;

/**
 * Which of a plan's initiatives go on into the next fiscal year, and with which phases ({@link NextYear}):
 * every outcome but 休止・廃止 and 次年度の予定なし continues; 休止・廃止も含めた見直し continues as a review.
 */
@Service
public class YearEndRollover {

  /** Next year's starts for a plan, given each initiative's outcome where a manager decided one. */
  public List<InitiativeStart> nextYear(Plan plan, Map<String, Outcome> decided) {
    return plan.initiatives().stream()
        .map(initiative -> NextYear.of(PlanInitiatives.toStart(plan, initiative), decided.get(initiative.id())))
        .flatMap(Optional::stream)
        .toList();
  }
}
