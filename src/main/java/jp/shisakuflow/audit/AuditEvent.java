package jp.shisakuflow.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.shisakuflow.time.CityTime;

/**
 * One thing that happened to an instance, each fact as a stable code (for machines) beside its Japanese label
 * (for people): when; what ({@code type}: {@link #PROCESS_STARTED}…, {@code typeLabel}: 値の変更, 担当者の変更…;
 * {@code operation}: the engine's operation type, e.g. {@code Assign}); who ({@code actor}, a user id, empty for
 * the system, and {@code actorName}); where ({@code activityId}, the BPMN element, and {@code activityName}, its
 * name in the model or the task's name); which value ({@code field}, a variable or an operation's property, and
 * {@code fieldLabel}); a free text ({@code detail}); and the value before and after, as stored
 * ({@code oldValue}, {@code newValue}) and as read ({@code oldLabel}, {@code newLabel}).
 */
public record AuditEvent(Instant time, String type, String typeLabel, String operation, String actor,
    String actorName, String activityId, String activityName, String field, String fieldLabel, String detail,
    String oldValue, String newValue, String oldLabel, String newLabel) {

  static final String PROCESS_STARTED = "PROCESS_STARTED";
  static final String PROCESS_ENDED = "PROCESS_ENDED";
  static final String ACTIVITY_STARTED = "ACTIVITY_STARTED";
  static final String ACTIVITY_ENDED = "ACTIVITY_ENDED";
  static final String VARIABLE_SET = "VARIABLE_SET";
  static final String COMMENT = "COMMENT";
  static final String INCIDENT = "INCIDENT";
  static final String OPERATION = "OPERATION";

  /** The kinds in their order, with the name the filter and the CSV's kind column give each when not more precise. */
  static final Map<String, String> KINDS = kinds();

  private static Map<String, String> kinds() {
    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put(PROCESS_STARTED, "開始");
    kinds.put(ACTIVITY_STARTED, "作業・分岐・イベントの開始");
    kinds.put(ACTIVITY_ENDED, "作業・イベントの完了");
    kinds.put(VARIABLE_SET, "値の設定・変更");
    kinds.put(OPERATION, "操作（担当・期限・削除など）");
    kinds.put(COMMENT, "コメント");
    kinds.put(INCIDENT, "インシデント");
    kinds.put(PROCESS_ENDED, "終了");
    return java.util.Collections.unmodifiableMap(kinds);
  }

  @JsonProperty
  public String timeText() {
    return CityTime.text(time);
  }

  /** The same event at an activity (a value set on completing a task). */
  AuditEvent at(String elementId, String elementName) {
    return new AuditEvent(time, type, typeLabel, operation, actor, actorName, elementId, elementName, field,
        fieldLabel, detail, oldValue, newValue, oldLabel, newLabel);
  }

  /** The same event said by someone else (a variable change made through an operation, by its user). */
  AuditEvent byActor(String actorId, String name) {
    return new AuditEvent(time, type, typeLabel, operation, actorId, name, activityId, activityName, field,
        fieldLabel, detail, oldValue, newValue, oldLabel, newLabel);
  }
}
