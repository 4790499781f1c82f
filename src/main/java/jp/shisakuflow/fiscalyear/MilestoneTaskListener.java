package jp.shisakuflow.fiscalyear;

import java.util.List;
import jp.shisakuflow.fiscalyear.FiscalYearPlan.Element;
import jp.shisakuflow.initiative.Coded;
import jp.shisakuflow.initiative.InvalidTaskInputException;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.time.ScheduleDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Names the plan's own tasks after their milestone or quarter and sets their due dates; checks that the record
 * after an assembly session names what the assembly decided.
 */
@Component("milestoneTaskListener")
public class MilestoneTaskListener implements TaskListener {

  private final MilestoneSchedule schedule;

  public MilestoneTaskListener(MilestoneSchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public void notify(DelegateTask task) {
    if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
      checkRecord(task);
      return;
    }
    switch (task.getTaskDefinitionKey()) {
      case Element.TASK_PREPARE_MILESTONE -> {
        task.setName(schedule.preparationTaskName(FiscalYearPlan.Typed.MILESTONE_TITLE.from(task), milestoneDate(task)));
        task.setDueDate(schedule.preparationDue(milestoneDate(task)));
      }
      case Element.TASK_RECORD_MINUTES -> {
        task.setName(schedule.minutesTaskName(FiscalYearPlan.Typed.MILESTONE_TITLE.from(task), milestoneDate(task),
            kind(task)));
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

  /** The record after an assembly session names its decision; other records may not set one. */
  private static void checkRecord(DelegateTask task) {
    if (!Element.TASK_RECORD_MINUTES.equals(task.getTaskDefinitionKey())) {
      return;
    }
    List<String> problems = assemblyDecisionProblems(kind(task),
        FiscalYearPlan.Typed.ASSEMBLY_DECISION.read(task.getVariable(FiscalYearPlan.Var.ASSEMBLY_DECISION)));
    if (!problems.isEmpty()) {
      throw new InvalidTaskInputException(task.getTaskDefinitionKey(), problems);
    }
  }

  /** What is wrong with the decision recorded for a milestone of that kind: nothing, or each problem named. */
  static List<String> assemblyDecisionProblems(Milestone.Kind kind, String decision) {
    String field = FiscalYearPlan.Var.ASSEMBLY_DECISION;
    if (kind != Milestone.Kind.ASSEMBLY) {
      return decision == null ? List.of()
          : List.of(field + ": 議会の日程にだけ記録できます (only an assembly session records a decision)");
    }
    if (decision == null) {
      return List.of(field + ": 議決の結果を選んでください " + Coded.codes(AssemblyDecision.class)
          + " (required: what the assembly decided)");
    }
    return Coded.fromCode(AssemblyDecision.class, decision).isPresent() ? List.of()
        : List.of(field + ": '" + decision + "' は使えません (must be one of " + Coded.codes(AssemblyDecision.class) + ")");
  }

  private static Milestone.Kind kind(DelegateTask task) {
    return Coded.fromCode(Milestone.Kind.class, FiscalYearPlan.Typed.MILESTONE_KIND.from(task)).orElseThrow();
  }

  /** The milestone's date in its plan-file form (a plain ISO day for scopes started before precision). */
  private static ScheduleDate milestoneDate(DelegateTask task) {
    return ScheduleDate.parse(FiscalYearPlan.Typed.MILESTONE_DATE.from(task), FiscalYearPlan.Typed.FISCAL_YEAR.from(task));
  }
}
