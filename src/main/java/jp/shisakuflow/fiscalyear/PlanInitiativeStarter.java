package jp.shisakuflow.fiscalyear;

import jp.shisakuflow.organization.CityScope;
import jp.shisakuflow.plan.PlanStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The plan instance's first step: one initiative instance per item of the plan. */
@Component("planInitiativeStarter")
public class PlanInitiativeStarter implements JavaDelegate {

  private final PlanStore planStore;
  private final PlanInitiatives planInitiatives;
  private final CityScope cities;

  public PlanInitiativeStarter(PlanStore planStore, PlanInitiatives planInitiatives, CityScope cities) {
    this.planStore = planStore;
    this.planInitiatives = planInitiatives;
    this.cities = cities;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // The plan's city: its lookups and its starts are that city's alone.
    cities.run(FiscalYearPlan.cityOf(execution),
        () -> planInitiatives.startAll(FiscalYearPlan.planOf(planStore, execution)));
  }
}
