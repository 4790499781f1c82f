package jp.shisakuflow.initiative;

/**
 * The {@code initiative-steps} process: an initiative whose steps are its own (a guideline, an
 * ordinance repeal, a booklet, a standing activity), run one after the other as the plan names them.
 * Shares its variables with {@link InitiativeLifecycle.Var}.
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
    public static final String END_COMPLETED = "Event_StepsCompleted";

    private Element() {}
  }
}
