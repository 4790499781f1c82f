package jp.shisakuflow.notify;

/**
 * The {@code daily-digest} process: on office-day mornings each group hears of its overdue and soon-due tasks,
 * as engine jobs (one node of a cluster runs each), one job per group with the app's retry policy.
 */
public final class DailyDigest {

  public static final String PROCESS_KEY = "daily-digest";
  public static final String RESOURCE = "processes/daily-digest.bpmn";

  private DailyDigest() {}

  /** BPMN element ids. */
  public static final class Element {
    public static final String START_MORNING = "StartEvent_Morning";
    public static final String TASK_CHECK_OFFICE_DAY = "Task_CheckOfficeDay";
    public static final String TASK_SEND_DIGEST = "Task_SendDigest";
    public static final String END_DIGEST_SENT = "Event_DigestSent";
    public static final String END_CLOSED_DAY = "Event_ClosedDay";

    private Element() {}
  }

  /** Process variables the model names. */
  public static final class Var {
    /** Whether the day the digest was due is an office day (the gateway's condition). */
    public static final String OFFICE_DAY = "officeDay";
    /** The day the digest is for, {@code 2026-12-01}: when its timer was due, in the city. */
    public static final String DIGEST_DAY = "digestDay";
    /** The group one instance of the send task mails. */
    public static final String DIGEST_GROUP = "digestGroup";

    private Var() {}
  }
}
