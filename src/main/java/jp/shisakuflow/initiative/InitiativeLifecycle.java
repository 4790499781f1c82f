package jp.shisakuflow.initiative;

import jp.shisakuflow.organization.OrganizationGroup;

/**
 * The {@code initiative-lifecycle} process: its key and the ids and variable names that code, tests
 * and the BPMN file share. Keep in step with {@code processes/initiative-lifecycle.bpmn}.
 */
public final class InitiativeLifecycle {

  public static final String PROCESS_KEY = "initiative-lifecycle";
  public static final String RESOURCE = "processes/initiative-lifecycle.bpmn";
  public static final String DECISION_KEY = "continuation-decision";
  public static final String DECISION_RESOURCE = "processes/continuation-decision.dmn";

  private InitiativeLifecycle() {}

  /** BPMN element ids. */
  public static final class Element {
    public static final String START = "StartEvent_InitiativeStarted";
    public static final String TASK_COORDINATE = "Task_Coordinate";
    public static final String TASK_IMPLEMENT_MODEL = "Task_ImplementModel";
    public static final String TASK_VERIFY = "Task_Verify";
    public static final String GATEWAY_VERIFICATION_PASSED = "Gateway_VerificationPassed";
    public static final String TASK_RECOMMEND_OUTCOME = "Task_RecommendOutcome";
    public static final String TASK_DECIDE_NEXT_YEAR = "Task_DecideNextYear";
    public static final String GATEWAY_OUTCOME = "Gateway_Outcome";
    public static final String TASK_CONTINUE_IMPLEMENTATION = "Task_ContinueImplementation";
    public static final String END_CONTINUED = "Event_Continued";
    public static final String END_PHASED_ROLLOUT = "Event_PhasedRollout";
    public static final String END_PREPARE_IMPLEMENTATION = "Event_PrepareImplementation";
    public static final String END_CONTINUE_STUDY = "Event_ContinueStudy";
    public static final String END_SUSPEND_OR_ABOLISH = "Event_SuspendOrAbolish";
    public static final String END_REVIEW = "Event_Review";
    public static final String END_NO_NEXT_YEAR = "Event_NoNextYear";
    public static final String GATEWAY_HAS_COORDINATION = "Gateway_HasCoordination";
    public static final String GATEWAY_HAS_MODEL_IMPLEMENTATION = "Gateway_HasModelImplementation";
    public static final String GATEWAY_HAS_VERIFICATION = "Gateway_HasVerification";
    public static final String TASK_ADOPT_PLANNED_OUTCOME = "Task_AdoptPlannedOutcome";
    public static final String EVENT_COORDINATION_OVERDUE = "Event_CoordinationOverdue";
    public static final String EVENT_MODEL_IMPLEMENTATION_OVERDUE = "Event_ModelImplementationOverdue";
    public static final String EVENT_VERIFICATION_OVERDUE = "Event_VerificationOverdue";
    public static final String EVENT_CONTINUED_IMPLEMENTATION_OVERDUE = "Event_ContinuedImplementationOverdue";
    public static final String TASK_HANDLE_DELAY = "Task_HandleDelay";
    public static final String END_DELAY_HANDLED = "Event_DelayHandled";

    /** Each overdue timer and the stage (plan phase key) it watches. */
    public static final java.util.Map<String, String> OVERDUE_EVENT_PHASE = java.util.Map.of(
        EVENT_COORDINATION_OVERDUE, "coordinate",
        EVENT_MODEL_IMPLEMENTATION_OVERDUE, "implementModel",
        EVENT_VERIFICATION_OVERDUE, "verify",
        EVENT_CONTINUED_IMPLEMENTATION_OVERDUE, "continueImplementation");

    private Element() {}
  }

  /** Process variable names, shared by every initiative process ({@code initiative-steps} too). */
  /** The name of {@link Element#TASK_DECIDE_NEXT_YEAR} in the model, also the phase it stands for in progress. */
  public static final String DECISION_NAME = "次年度方針の決定";

  /** The variables the code reads, with their types (no casts at the call sites). */
  public static final class Typed {
    public static final Variable<Integer> FISCAL_YEAR = Variable.integer(Var.FISCAL_YEAR);
    /** The multi-instance counter of the phase or step a task belongs to; absent outside one. */
    public static final Variable<Integer> LOOP_COUNTER = Variable.integer(Var.LOOP_COUNTER);
    public static final Variable<String> INITIATIVE_ID = Variable.text(Var.INITIATIVE_ID);
    public static final Variable<String> TITLE = Variable.text(Var.TITLE);
    public static final Variable<String> WORKSTREAM = Variable.text(Var.WORKSTREAM);
    public static final Variable<String> OWNER_GROUP = Variable.text(Var.OWNER_GROUP);
    public static final Variable<String> OVERDUE_PHASE = Variable.text(Var.OVERDUE_PHASE);
    public static final Variable<String> DECIDED_OUTCOME = Variable.text(Var.DECIDED_OUTCOME);

    private Typed() {}

    /** The loop counter, 0 where there is none (a task outside a multi-instance phase). */
    public static int loopCounterOrZero(Object value) {
      Integer counter = value instanceof Number ? LOOP_COUNTER.read(value) : null;
      return counter == null ? 0 : counter;
    }
  }

  public static final class Var {
    public static final String INITIATIVE_ID = "initiativeId";
    public static final String TITLE = "title";
    public static final String WORKSTREAM = "workstream";
    public static final String OWNER_GROUP = "ownerGroup";
    /** The groups that work the tasks (the lead and co-owners), comma-separated. */
    public static final String OWNER_GROUPS = "ownerGroups";
    /** Groups consulted on it (read access, no tasks), comma-separated. */
    public static final String COUNTERPART_GROUPS = "counterpartGroups";
    /** Outside parties by name, 、-separated. */
    public static final String PARTNERS = "partners";
    /** {@link WardScope.Mode}: NONE, LISTED, ALL or DECIDED_IN_YEAR. */
    public static final String WARD_SCOPE = "wardScope";
    /** The wards it runs in, comma-separated (decided during the year for DECIDED_IN_YEAR). */
    public static final String WARDS = "wards";
    /** Wards the item already ran in before this year (comma text): a phased rollout adds to them. */
    public static final String PREVIOUS_WARDS = "previousWards";
    /**
     * Local to one task of a fanned-out phase (the multi-instance element): its candidate groups, a ward's
     * group or the owners' groups (comma text).
     */
    public static final String TASK_GROUPS = "taskGroups";
    public static final String FISCAL_YEAR = "fiscalYear";
    public static final String VERIFICATION_RATING = "verificationRating";
    public static final String ACHIEVEMENT_RATE = "achievementRate";
    public static final String RECOORDINATE = "recoordinate";
    public static final String RECOMMENDED_OUTCOME = "recommendedOutcome";
    public static final String DECIDED_OUTCOME = "decidedOutcome";
    public static final String DECISION_REASON = "decisionReason";
    public static final String DECISION_OVERRIDDEN = "decisionOverridden";
    /** The planned phases as JSON, see {@link PhasePlanCodec}. */
    public static final String PHASE_PLAN = "phasePlan";
    public static final String PLANNED_OUTCOME = "plannedOutcome";
    public static final String PLANNED_OUTCOME_LABEL = "plannedOutcomeLabel";
    /** Business key of the fiscal-year-plan instance that started the initiative. */
    public static final String PLAN_KEY = "planKey";
    /** Business key of the same initiative's lifecycle in the previous fiscal year. */
    public static final String PREVIOUS_BUSINESS_KEY = "previousBusinessKey";
    public static final String DELAYED = "delayed";
    /** Comma-separated phase keys that passed their planned end while open. */
    public static final String DELAYED_PHASES = "delayedPhases";
    /** Local to an escalation: the phase that is overdue. */
    public static final String OVERDUE_PHASE = "overduePhase";
    /** Local to an escalation of a fanned-out phase: the wards whose tasks were open at its end (comma text). */
    public static final String OVERDUE_WARDS = "overdueWards";
    public static final String LOOP_COUNTER = "loopCounter";
    /**
     * The engine's bookkeeping of a repeated step (which one, how many, how many open, how many done): no
     * value anyone set. Read at run time only; the history does not keep it ({@link EngineBookkeepingHistory}).
     */
    public static final java.util.Set<String> LOOP_BOOKKEEPING = java.util.Set.of(LOOP_COUNTER, "nrOfInstances",
        "nrOfActiveInstances", "nrOfCompletedInstances");

    private Var() {}
  }

  /** Candidate group of the manager's tasks. */
  public static final String MANAGERS_GROUP = OrganizationGroup.MANAGERS.id();
}
