package jp.shisakuflow.initiative;

/**
 * The {@code initiative-steps} process: an initiative whose steps are its own (a guideline, an
 * ordinance repeal, a booklet, a standing activity), run one after the other as the plan names them by
 * the groups that own it ({@code ownerGroups}), then decided for next year by a manager like a lifecycle
 * item (the plan's outcome is the recommendation). Shares its variables with {@link InitiativeLifecycle.Var}.
 */
public final class InitiativeSteps {

  public static final String PROCESS_KEY = "initiative-steps";
  public static final String RESOURCE = "processes/initiative-steps.bpmn";

  private InitiativeSteps() {}

  /** BPMN element ids. */
  public static final class Element {
    public static final String SUBPROCESS_STEP = "SubProcess_Step";
    public static final String TASK_STEP = "Task_Step";
    public static final String EVENT_STEP_OVERDUE = "Event_StepOverdue";
    public static final String TASK_HANDLE_DELAY = "Task_HandleStepDelay";
    public static final String END_DELAY_HANDLED = "Event_StepDelayHandled";
    /** Without a verification, the plan's outcome is the recommendation. */
    public static final String TASK_ADOPT_PLANNED_OUTCOME = "Task_AdoptPlannedOutcome";
    /** The same id as the lifecycle's: the completion rules and next-year decisions treat both alike. */
    public static final String TASK_DECIDE_NEXT_YEAR = "Task_DecideNextYear";
    public static final String GATEWAY_OUTCOME = "Gateway_Outcome";
    public static final String END_CONTINUED = "Event_Continued";
    public static final String END_PHASED_ROLLOUT = "Event_PhasedRollout";
    public static final String END_PREPARE_IMPLEMENTATION = "Event_PrepareImplementation";
    public static final String END_CONTINUE_STUDY = "Event_ContinueStudy";
    public static final String END_REVIEW = "Event_Review";
    public static final String END_SUSPEND_OR_ABOLISH = "Event_SuspendOrAbolish";
    public static final String END_NO_NEXT_YEAR = "Event_NoNextYear";

    private Element() {}
  }
}
