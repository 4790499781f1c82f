package jp.shisakuflow.fiscalyear;

import java.util.Date;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.plan.PlanStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The plan as the {@code fiscal-year-plan} expressions see it: how many milestones, when each quarter's
 * review opens and when the year ends.
 */
@Component(PlanScopes.BEAN)
public class PlanScopes {

  /** The name the model's expressions call it by. */
  public static final String BEAN = "planScopes";

  private final PlanStore planStore;
  private final MilestoneSchedule schedule;

  public PlanScopes(PlanStore planStore, MilestoneSchedule schedule) {
    this.planStore = planStore;
    this.schedule = schedule;
  }

  public int milestoneCount(DelegateExecution execution) {
    return FiscalYearPlan.planOf(planStore, execution).milestones().size();
  }

  public Date quarterReviewAt(DelegateExecution execution) {
    return schedule.reviewOpensAt(fiscalYear(execution), quarter(execution));
  }

  public Date yearEndAt(DelegateExecution execution) {
    return schedule.yearEndAt(fiscalYear(execution));
  }

  static int fiscalYear(DelegateExecution execution) {
    return FiscalYearPlan.Typed.FISCAL_YEAR.from(execution);
  }

  /** Quarter 1–4 of a review scope, from its multi-instance loop counter. */
  static int quarter(org.camunda.bpm.engine.delegate.VariableScope scope) {
    return InitiativeLifecycle.Typed.LOOP_COUNTER.from(scope) + 1;
  }
}
