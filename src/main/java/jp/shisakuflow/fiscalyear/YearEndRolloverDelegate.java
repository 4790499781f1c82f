package jp.shisakuflow.fiscalyear;

import jp.shisakuflow.plan.PlanStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** At the fiscal year's end: starts next year's instances of the initiatives that continue. */
@Component("yearEndRolloverDelegate")
public class YearEndRolloverDelegate implements JavaDelegate {

  private final PlanStore planStore;
  private final PlanInitiatives planInitiatives;

  public YearEndRolloverDelegate(PlanStore planStore, PlanInitiatives planInitiatives) {
    this.planStore = planStore;
    this.planInitiatives = planInitiatives;
  }

  @Override
  public void execute(DelegateExecution execution) {
    planInitiatives.rollOver(FiscalYearPlan.planOf(planStore, execution));
  }
}
