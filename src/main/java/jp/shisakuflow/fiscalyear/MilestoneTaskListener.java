package jp.shisakuflow.fiscalyear;

import jp.shisakuflow.fiscalyear.FiscalYearPlan.Element;
import jp.shisakuflow.time.ScheduleDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Names the plan's own tasks after their milestone or quarter, and sets their due dates. */
@Component("milestoneTaskListener")
public class MilestoneTaskListener implements TaskListener {

  private final MilestoneSchedule schedule;

  public MilestoneTaskListener(MilestoneSchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getTaskDefinitionKey()) {
      case Element.TASK_PREPARE_MILESTONE -> {
        task.setName(schedule.preparationTaskName(FiscalYearPlan.Typed.MILESTONE_TITLE.from(task), milestoneDate(task)));
        task.setDueDate(schedule.preparationDue(milestoneDate(task)));
      }
      case Element.TASK_RECORD_MINUTES -> {
        task.setName(schedule.minutesTaskName(FiscalYearPlan.Typed.MILESTONE_TITLE.from(task), milestoneDate(task)));
        task.setDueDate(schedule.minutesDue(milestoneDate(task)));
      }
      case Element.TASK_QUARTERLY_REVIEW -> {
        int fiscalYear = FiscalYearPlan.Typed.FISCAL_YEAR.from(task);
        int quarter = PlanScopes.quarter(task);
        task.setName(schedule.reviewTaskName(fiscalYear, quarter));
        task.setDueDate(schedule.reviewDue(fiscalYear, quarter));
      }
      default -> throw new IllegalStateException("Not a plan task: " + task.getTaskDefinitionKey());
    }
  }

  /** The milestone's date in its plan-file form (a plain ISO day for scopes started before precision). */
  private static ScheduleDate milestoneDate(DelegateTask task) {
    return ScheduleDate.parse(FiscalYearPlan.Typed.MILESTONE_DATE.from(task), FiscalYearPlan.Typed.FISCAL_YEAR.from(task));
  }
}
