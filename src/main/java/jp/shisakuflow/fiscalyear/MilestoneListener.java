package jp.shisakuflow.fiscalyear;

import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.PlanStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** As each milestone's scope starts: its title, owner and dates, as local variables of that scope. */
@Component("milestoneListener")
public class MilestoneListener implements ExecutionListener {

  private final PlanStore planStore;
  private final MilestoneSchedule schedule;

  public MilestoneListener(PlanStore planStore, MilestoneSchedule schedule) {
    this.planStore = planStore;
    this.schedule = schedule;
  }

  @Override
  public void notify(DelegateExecution execution) {
    int index = InitiativeLifecycle.Typed.LOOP_COUNTER.from(execution);
    Milestone milestone = FiscalYearPlan.planOf(planStore, execution).milestones().get(index);
    int leadDays = FiscalYearPlan.Typed.PREPARATION_LEAD_DAYS.from(execution);
    execution.setVariablesLocal(schedule.variables(milestone, leadDays));
  }
}
