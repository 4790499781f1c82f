package jp.shisakuflow.fiscalyear;

import jp.shisakuflow.plan.PlanStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The plan instance's first step: one initiative instance per item of the plan. */
@Component("planInitiativeStarter")
public class PlanInitiativeStarter implements JavaDelegate {

  private final PlanStore planStore;
  private final PlanInitiatives planInitiatives;

  public PlanInitiativeStarter(PlanStore planStore, PlanInitiatives planInitiatives) {
    this.planStore = planStore;
    this.planInitiatives = planInitiatives;
  }

  @Override
  public void execute(DelegateExecution execution) {
    planInitiatives.startAll(FiscalYearPlan.planOf(planStore, execution));
  }
}
