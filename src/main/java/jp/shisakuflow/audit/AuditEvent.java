package jp.shisakuflow.audit;

import java.time.Instant;

/**
 * One thing that happened to an initiative: who ({@code actor}, empty for the system), when, what
 * ({@code type}, stable English), where ({@code activity}), and the values before and after.
 */
public record AuditEvent(Instant time, String type, String actor, String activityId, String activityName,
    String detail, String oldValue, String newValue) {

  static final String PROCESS_STARTED = "PROCESS_STARTED";
  static final String PROCESS_ENDED = "PROCESS_ENDED";
  static final String ACTIVITY_STARTED = "ACTIVITY_STARTED";
  static final String ACTIVITY_ENDED = "ACTIVITY_ENDED";
  static final String VARIABLE_SET = "VARIABLE_SET";
  static final String COMMENT = "COMMENT";
  static final String INCIDENT = "INCIDENT";
  static final String OPERATION = "OPERATION";
}
