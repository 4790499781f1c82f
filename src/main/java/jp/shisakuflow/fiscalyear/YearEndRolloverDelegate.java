package jp.shisakuflow.fiscalyear;

import jp.shisakuflow.organization.CityScope;
import jp.shisakuflow.plan.PlanStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** At the fiscal year's end: starts next year's instances of the initiatives that continue. */
@Component("yearEndRolloverDelegate")
public class YearEndRolloverDelegate implements JavaDelegate {

  private final PlanStore planStore;
  private final PlanInitiatives planInitiatives;
  private final CityScope cities;

  public YearEndRolloverDelegate(PlanStore planStore, PlanInitiatives planInitiatives, CityScope cities) {
    this.planStore = planStore;
    this.planInitiatives = planInitiatives;
    this.cities = cities;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // The plan's city: its lookups and its starts are that city's alone.
    cities.run(FiscalYearPlan.cityOf(execution),
        () -> planInitiatives.rollOver(FiscalYearPlan.planOf(planStore, execution)));
  }
}
