package jp.shisakuflow.fiscalyear;

import jp.shisakuflow.initiative.Variable;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanStore;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The {@code fiscal-year-plan} process: one instance per plan and fiscal year. */
public final class FiscalYearPlan {

  public static final String PROCESS_KEY = "fiscal-year-plan";
  public static final String RESOURCE = "processes/fiscal-year-plan.bpmn";

  private FiscalYearPlan() {}

  /** The plan of an instance (or of one of its scopes), in its fiscal year, read from its variables. */
  public static Plan planOf(PlanStore plans, VariableScope execution) {
    return plans.load(Typed.PLAN_DEPLOYMENT_ID.from(execution), Typed.PLAN_RESOURCE.from(execution),
        Typed.FISCAL_YEAR.from(execution));
  }

  /** The city a plan's instance runs for (its tenant); null for one of no city (from before cities were tenants). */
  public static String cityOf(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
    return execution.getTenantId();
  }

  /** BPMN element ids. */
  public static final class Element {
    public static final String TASK_START_INITIATIVES = "Task_StartInitiatives";
    public static final String SUBPROCESS_MILESTONE = "SubProcess_Milestone";
    public static final String EVENT_PREPARATION_DUE = "Event_PreparationDue";
    public static final String TASK_PREPARE_MILESTONE = "Task_PrepareMilestone";
    public static final String EVENT_MILESTONE_HELD = "Event_MilestoneHeld";
    public static final String TASK_RECORD_MINUTES = "Task_RecordMinutes";
    public static final String END_MINUTES_RECORDED = "Event_MinutesRecorded";
    public static final String EVENT_MILESTONE_DATE = "Event_MilestoneDate";
    public static final String END_MILESTONE_REACHED = "Event_MilestoneReached";
    public static final String EVENT_QUARTER_END = "Event_QuarterEnd";
    public static final String TASK_QUARTERLY_REVIEW = "Task_QuarterlyReview";
    public static final String END_QUARTER_REVIEWED = "Event_QuarterReviewed";
    public static final String EVENT_FISCAL_YEAR_END = "Event_FiscalYearEnd";
    public static final String TASK_ROLL_OVER = "Task_RollOver";
    public static final String GATEWAY_JOIN_YEAR = "Gateway_JoinYear";
    public static final String END_PLAN_COMPLETED = "Event_PlanCompleted";

    private Element() {}
  }

  /** The variables the code reads, with their types (no casts at the call sites). */
  public static final class Typed {
    public static final Variable<Integer> FISCAL_YEAR = Variable.integer(Var.FISCAL_YEAR);
    public static final Variable<String> PLAN_DEPLOYMENT_ID = Variable.text(Var.PLAN_DEPLOYMENT_ID);
    public static final Variable<String> PLAN_RESOURCE = Variable.text(Var.PLAN_RESOURCE);
    public static final Variable<Integer> PREPARATION_LEAD_DAYS = Variable.integer(Var.PREPARATION_LEAD_DAYS);
    public static final Variable<String> MILESTONE_TITLE = Variable.text(Var.MILESTONE_TITLE);
    public static final Variable<String> MILESTONE_DATE = Variable.text(Var.MILESTONE_DATE);
    public static final Variable<String> MILESTONE_ID = Variable.text(Var.MILESTONE_ID);
    public static final Variable<String> MILESTONE_KIND = Variable.text(Var.MILESTONE_KIND);
    public static final Variable<String> ASSEMBLY_DECISION = Variable.text(Var.ASSEMBLY_DECISION);

    private Typed() {}
  }

  /** Variables of the plan instance. */
  public static final class Var {
    public static final String PLAN_ID = "planId";
    public static final String PLAN_TITLE = "planTitle";
    public static final String FISCAL_YEAR = "fiscalYear";
    /** The deployment that holds the plan's YAML, and the resource's name in it. */
    public static final String PLAN_DEPLOYMENT_ID = "planDeploymentId";
    public static final String PLAN_RESOURCE = "planResource";
    public static final String PREPARATION_LEAD_DAYS = "preparationLeadDays";
    /** Local to one milestone. */
    public static final String MILESTONE_ID = "milestoneId";
    public static final String MILESTONE_TITLE = "milestoneTitle";
    public static final String MILESTONE_KIND = "milestoneKind";
    /** The milestone's date as people read it (「7月9日」「第3四半期頃」), for the forms. */
    public static final String MILESTONE_DATE_TEXT = "milestoneDateText";
    /** An assembly session's decision on the proposal ({@link AssemblyDecision}), recorded after it. */
    public static final String ASSEMBLY_DECISION = "assemblyDecision";
    public static final String MILESTONE_DATE = "milestoneDate";
    public static final String MILESTONE_OWNER = "milestoneOwner";
    public static final String MILESTONE_NEEDS_PREPARATION = "milestoneNeedsPreparation";
    public static final String MILESTONE_PREPARE_AT = "milestonePrepareAt";
    public static final String MILESTONE_PASSED_AT = "milestonePassedAt";

    private Var() {}
  }
}
