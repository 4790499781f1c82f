package jp.shisakuflow.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import jp.shisakuflow.time.CityTime;

/**
 * One thing that happened to an initiative: who ({@code actor}, empty for the system), when, what
 * ({@code type}, stable English, and {@code typeLabel}, how screens name it), where ({@code activity}),
 * and the values before and after.
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

  private static final Map<String, String> LABELS = Map.of(PROCESS_STARTED, "開始", PROCESS_ENDED, "終了",
      ACTIVITY_STARTED, "アクティビティ開始", ACTIVITY_ENDED, "アクティビティ完了", VARIABLE_SET, "値の変更",
      COMMENT, "コメント", INCIDENT, "インシデント", OPERATION, "操作");

  @JsonProperty
  public String timeText() {
    return CityTime.text(time);
  }

  @JsonProperty
  public String typeLabel() {
    return LABELS.getOrDefault(type, type);
  }
}
