package jp.shisakuflow.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.shisakuflow.deployment.ProcessResources;
import jp.shisakuflow.fiscalyear.AssemblyDecision;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.initiative.Coded;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.NextYearDecision;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.PhasePlanCodec;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.initiative.VerificationRating;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.organization.PersonName;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the audit trail names what the engine records, in Japanese: fields (a form's own label first, then
 * the variables the processes set themselves), values (the coded enumerations' labels, group and
 * workstream names, dates in the city's zone), operations, element kinds and people (engine users' names).
 * The codes stay beside the labels in every event, for machines.
 */
@Component
public class AuditLabels {

  /** Variables the processes set themselves (no form asks for them). */
  static final Map<String, String> SYSTEM_FIELDS = Map.ofEntries(
      Map.entry(Var.INITIATIVE_ID, "施策ID"), Map.entry(Var.TITLE, "施策名"), Map.entry(Var.WORKSTREAM, "取組"),
      Map.entry(Var.OWNER_GROUP, "主担当"), Map.entry(Var.OWNER_GROUPS, "担当グループ"),
      Map.entry(Var.COUNTERPART_GROUPS, "協議先"), Map.entry(Var.PARTNERS, "連携先"),
      Map.entry(Var.WARD_SCOPE, "実施区の範囲"), Map.entry(Var.WARDS, "実施区"),
      Map.entry(Var.PREVIOUS_WARDS, "前年度までの実施区"), Map.entry(Var.TASK_GROUPS, "作業の担当グループ"),
      Map.entry(Var.FISCAL_YEAR, "年度"), Map.entry(Var.VERIFICATION_RATING, "評価"),
      Map.entry(Var.ACHIEVEMENT_RATE, "達成率（%）"), Map.entry(Var.RECOORDINATE, "再調整"),
      Map.entry(Var.RECOMMENDED_OUTCOME, "推奨方針"), Map.entry(Var.DECIDED_OUTCOME, "決定方針"),
      Map.entry(Var.DECISION_REASON, "決定の理由"), Map.entry(Var.DECISION_OVERRIDDEN, "推奨と異なる決定"),
      Map.entry(Var.PHASE_PLAN, "工程の計画"), Map.entry(Var.PLANNED_OUTCOME, "計画上の次年度方針"),
      Map.entry(Var.PLANNED_OUTCOME_LABEL, "計画上の次年度方針（表示名）"), Map.entry(Var.PLAN_KEY, "年度計画"),
      Map.entry(Var.PREVIOUS_BUSINESS_KEY, "前年度の施策"), Map.entry(Var.DELAYED, "遅延"),
      Map.entry(Var.DELAYED_PHASES, "遅延した工程"), Map.entry(Var.OVERDUE_PHASE, "期限を過ぎた工程"),
      Map.entry(Var.OVERDUE_WARDS, "期限を過ぎた区"), Map.entry(Var.LOOP_COUNTER, "繰り返しの番号"),
      Map.entry("nrOfInstances", "繰り返しの件数"), Map.entry("nrOfActiveInstances", "未完了の件数"),
      Map.entry("nrOfCompletedInstances", "完了した件数"),
      Map.entry(NextYearDecision.Var.PREVIOUS_YEAR_DECISION, "前年度の決定"),
      Map.entry(NextYearDecision.Var.PREVIOUS_YEAR_DECISION_BY, "前年度の決定者"),
      Map.entry(NextYearDecision.Var.PREVIOUS_YEAR_DECISION_AT, "前年度の決定日時"),
      Map.entry(NextYearDecision.Var.PREVIOUS_YEAR_DECISION_REASON, "前年度の決定の理由"),
      Map.entry(FiscalYearPlan.Var.PLAN_ID, "計画ID"), Map.entry(FiscalYearPlan.Var.PLAN_TITLE, "計画名"),
      Map.entry(FiscalYearPlan.Var.PLAN_DEPLOYMENT_ID, "計画のデプロイID"),
      Map.entry(FiscalYearPlan.Var.PLAN_RESOURCE, "計画ファイル"),
      Map.entry(FiscalYearPlan.Var.PREPARATION_LEAD_DAYS, "準備期間（日）"),
      Map.entry(FiscalYearPlan.Var.MILESTONE_ID, "日程ID"), Map.entry(FiscalYearPlan.Var.MILESTONE_TITLE, "日程"),
      Map.entry(FiscalYearPlan.Var.MILESTONE_KIND, "日程の種類"),
      Map.entry(FiscalYearPlan.Var.MILESTONE_DATE_TEXT, "日程の時期"),
      Map.entry(FiscalYearPlan.Var.ASSEMBLY_DECISION, "議会の議決"),
      Map.entry(FiscalYearPlan.Var.MILESTONE_DATE, "日程の日付"),
      Map.entry(FiscalYearPlan.Var.MILESTONE_OWNER, "日程の担当"),
      Map.entry(FiscalYearPlan.Var.MILESTONE_NEEDS_PREPARATION, "準備の要否"),
      Map.entry(FiscalYearPlan.Var.MILESTONE_PREPARE_AT, "準備の開始日時"),
      Map.entry(FiscalYearPlan.Var.MILESTONE_PASSED_AT, "日程の経過日時"));

  /** The engine's operation types as a person names them. */
  static final Map<String, String> OPERATIONS = Map.ofEntries(
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_CLAIM, "担当の引き受け"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_ASSIGN, "担当者の変更"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_COMPLETE, "作業の完了操作"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_CREATE, "作成"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELEGATE, "作業の委任"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_RESOLVE, "委任の解決"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELETE, "削除"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_OWNER, "所有者の変更"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_PRIORITY, "優先度の変更"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_NAME, "作業名の変更"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_DESCRIPTION, "説明の変更"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_FOLLOW_UP_DATE, "フォローアップ日の変更"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_DUEDATE, "期限の変更"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_RECALC_DUEDATE, "期限の再計算"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_UPDATE, "作業の変更"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_ACTIVATE, "再開"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SUSPEND, "一時停止"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_MIGRATE, "新しい版への移行"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_ADD_USER_LINK, "担当候補（職員）の追加"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELETE_USER_LINK, "担当候補（職員）の削除"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_ADD_GROUP_LINK, "担当候補（組織）の追加"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELETE_GROUP_LINK, "担当候補（組織）の削除"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_ADD_ATTACHMENT, "添付の追加"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELETE_ATTACHMENT, "添付の削除"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE, "進行位置の変更"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE, "再実行"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SUSPEND_JOB, "ジョブの一時停止"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_ACTIVATE_JOB, "ジョブの再開"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES, "再試行回数の設定"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_EXTERNAL_TASK_RETRIES, "再試行回数の設定"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, "値の変更（操作）"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES, "値の変更（操作）"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE, "値の変更（操作）"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE, "値の削除"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_UPDATE_COMMENT, "コメントの修正"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELETE_COMMENT, "コメントの削除"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_CREATE_INCIDENT, "インシデントの作成"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_REMOVAL_TIME, "履歴の削除予定日の設定"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_ANNOTATION, "注記の設定"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_CLEAR_ANNOTATION, "注記の削除"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE, "メッセージの受信"),
      Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELETE_HISTORY, "履歴の削除"));

  /** What an operation changed, as a person names it. */
  static final Map<String, String> PROPERTIES = Map.ofEntries(Map.entry("assignee", "担当者"),
      Map.entry("owner", "所有者"), Map.entry("delegation", "委任"), Map.entry("dueDate", "期限"),
      Map.entry("followUpDate", "フォローアップ日"), Map.entry("priority", "優先度"), Map.entry("name", "作業名"),
      Map.entry("description", "説明"), Map.entry("deleteReason", "理由"), Map.entry("reason", "理由"),
      Map.entry("suspensionState", "状態"), Map.entry("candidate", "担当候補"), Map.entry("userId", "職員"),
      Map.entry("groupId", "組織"), Map.entry("retries", "再試行回数"), Map.entry("annotation", "注記"),
      Map.entry("comment", "コメント"), Map.entry("removalTime", "削除予定日"), Map.entry("incidentType", "種類"),
      Map.entry("processDefinitionVersion", "版"), Map.entry("messageName", "メッセージ"));

  /** Engine bookkeeping an operation records beside the change, never a change a person made. */
  static final Set<String> TECHNICAL_PROPERTIES = Set.of("delete", "cascade", "skipCustomListeners",
      "skipIoMappings", "skipSubprocesses", "externallyTerminated", "failIfNotExists", "async", "nrOfInstances",
      "processInstanceIds", "processInstanceId", "processDefinitionId", "processDefinitionKey", "mode",
      "includeSubtasks", "variables", "skipIoMapping");

  /**
   * The engine's bookkeeping of a repeated step (how many tasks, how many done, which one): not a value anyone
   * set; the timeline leaves it out (each task's own start and end are there).
   */
  static final Set<String> TECHNICAL_VARIABLES = Var.LOOP_BOOKKEEPING;

  /** The kinds of BPMN element the history records, named for a person reading the timeline. */
  static final Map<String, String> ELEMENT_KINDS = Map.ofEntries(Map.entry("userTask", "担当者の作業"),
      Map.entry("serviceTask", "自動処理"), Map.entry("businessRuleTask", "判定（ルール表）"),
      Map.entry("scriptTask", "自動処理"), Map.entry("sendTask", "送信"), Map.entry("receiveTask", "受信待ち"),
      Map.entry("manualTask", "手作業"), Map.entry("task", "作業"), Map.entry("subProcess", "一連の作業"),
      Map.entry("callActivity", "別プロセスの呼び出し"), Map.entry("multiInstanceBody", "作業のまとまり（区ごと・回ごと）"),
      Map.entry("exclusiveGateway", "分岐"), Map.entry("inclusiveGateway", "分岐"),
      Map.entry("parallelGateway", "並行の分岐・合流"), Map.entry("eventBasedGateway", "イベントによる分岐"),
      Map.entry("startEvent", "開始"), Map.entry("startTimerEvent", "開始（日時）"),
      Map.entry("messageStartEvent", "開始（メッセージ）"), Map.entry("noneEndEvent", "終了"),
      Map.entry("endEvent", "終了"), Map.entry("terminateEndEvent", "終了（強制）"),
      Map.entry("errorEndEvent", "終了（エラー）"), Map.entry("boundaryTimer", "期限のタイマー"),
      Map.entry("intermediateTimer", "日時を待つ"), Map.entry("boundaryMessage", "メッセージの受信"),
      Map.entry("intermediateMessageCatch", "メッセージを待つ"), Map.entry("boundaryError", "エラーの受信"),
      Map.entry("boundarySignal", "シグナルの受信"), Map.entry("intermediateSignalCatch", "シグナルを待つ"),
      Map.entry("intermediateNoneThrowEvent", "通過点"), Map.entry("boundaryEscalation", "エスカレーション"),
      Map.entry("boundaryConditional", "条件の成立"), Map.entry("intermediateConditional", "条件を待つ"));

  static final Set<String> TASK_KINDS = Set.of("userTask", "serviceTask", "businessRuleTask", "scriptTask",
      "sendTask", "receiveTask", "manualTask", "task", "subProcess", "callActivity", "multiInstanceBody");

  /** Whether an element of this kind waits (an intermediate catch event, a receive task) rather than being passed. */
  static boolean waits(String activityType) {
    return activityType != null && (activityType.startsWith("intermediate") && !activityType.contains("Throw")
        || activityType.equals("receiveTask"));
  }

  static final Map<String, String> INSTANCE_STATES = Map.of("ACTIVE", "実行中", "COMPLETED", "完了",
      "EXTERNALLY_TERMINATED", "中止", "INTERNALLY_TERMINATED", "中止", "SUSPENDED", "一時停止");

  /** Operations that change variables: the value rows (with the operation's user) already show them. */
  static final Set<String> VARIABLE_OPERATIONS = Set.of(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE,
      UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES, UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE);

  static final Map<String, String> INCIDENT_STATES = Map.of("open", "未解決", "resolved", "解決済み",
      "deleted", "取り消し");

  static final Map<String, String> INCIDENT_TYPES = Map.of("failedJob", "自動処理の失敗",
      "failedExternalTask", "外部処理の失敗");

  static final Map<String, String> WARD_SCOPES = Map.of("NONE", "区ごとには行わない", "LISTED", "計画で指定した区",
      "ALL", "全区", "DECIDED_IN_YEAR", "年度内に決める");

  private static final Set<String> GROUP_FIELDS = Set.of(Var.OWNER_GROUP, Var.OWNER_GROUPS, Var.COUNTERPART_GROUPS,
      Var.WARDS, Var.PREVIOUS_WARDS, Var.TASK_GROUPS, Var.OVERDUE_WARDS, FiscalYearPlan.Var.MILESTONE_OWNER);
  private static final Set<String> OUTCOME_FIELDS = Set.of(Var.RECOMMENDED_OUTCOME, Var.DECIDED_OUTCOME,
      Var.PLANNED_OUTCOME, NextYearDecision.Var.PREVIOUS_YEAR_DECISION);
  private static final Set<String> STAGE_FIELDS = Set.of(Var.DELAYED_PHASES, Var.OVERDUE_PHASE);
  private static final Set<String> USER_FIELDS = Set.of("assignee", "owner", "userId",
      NextYearDecision.Var.PREVIOUS_YEAR_DECISION_BY);
  private static final Set<String> MILLIS_FIELDS = Set.of("dueDate", "followUpDate", "removalTime");

  private final Map<String, String> formFields;
  private final IdentityService identityService;
  private final WorkstreamNames workstreams;

  public AuditLabels(IdentityService identityService, WorkstreamNames workstreams,
      @Value("${shisaku.processes.location:classpath*:processes/}") String processes) {
    this.identityService = identityService;
    this.workstreams = workstreams;
    this.formFields = formFields(ProcessResources.scan(processes));
  }

  /** A field's name: the label of the form that asks for it, else the name the processes give it. */
  public String field(String variable) {
    return variable == null ? null
        : formFields.getOrDefault(variable, SYSTEM_FIELDS.getOrDefault(variable, variable));
  }

  /** Whether a field has a Japanese name (for tests and the filters: nothing shown as its code). */
  boolean knows(String variable) {
    return formFields.containsKey(variable) || SYSTEM_FIELDS.containsKey(variable);
  }

  /** A release of one's own claim: the engine records a claim for nobody. */
  static final String RELEASE = "担当を解除";

  static boolean isRelease(UserOperationLogEntry entry) {
    return UserOperationLogEntry.OPERATION_TYPE_CLAIM.equals(entry.getOperationType())
        && "assignee".equals(entry.getProperty()) && entry.getNewValue() == null;
  }

  public static String operation(String type, String entityType) {
    if (UserOperationLogEntry.OPERATION_TYPE_DELETE.equals(type) && "ProcessInstance".equals(entityType)) {
      return "中止（インスタンスの削除）";
    }
    if (UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(type)) {
      return "Task".equals(entityType) ? "作業の作成" : "ProcessInstance".equals(entityType) ? "インスタンスの作成" : "作成";
    }
    return OPERATIONS.getOrDefault(type, "その他の操作");
  }

  public static String property(String property) {
    return property == null ? null : PROPERTIES.getOrDefault(property, property);
  }

  public static String elementKind(String activityType) {
    return activityType == null ? null : ELEMENT_KINDS.getOrDefault(activityType, "要素");
  }

  public static String instanceState(String state) {
    return state == null ? null : INSTANCE_STATES.getOrDefault(state, state);
  }

  public static String incidentType(String type) {
    return type == null ? null : INCIDENT_TYPES.getOrDefault(type, "インシデント");
  }

  /** Labels for one trail: people and workstream names are looked up once each. */
  public Scope scope(Integer fiscalYear) {
    return new Scope(fiscalYear);
  }

  /** The workstream names (code → name) of the given years, each year's own plans winning. */
  public Map<String, String> workstreamNames(Integer fiscalYear) {
    return workstreams.names(fiscalYear);
  }

  /** The labels of one trail, with its year (for workstream names) and the people met so far. */
  public final class Scope {
    private final Integer fiscalYear;
    private final Map<String, String> people = new HashMap<>();
    private Map<String, String> workstreamNames;

    private Scope(Integer fiscalYear) {
      this.fiscalYear = fiscalYear;
    }

    /** A user's name, 「姓 名」, or the id when the directory does not know it; none for the system. */
    public String person(String userId) {
      if (userId == null || userId.isBlank()) {
        return null;
      }
      return people.computeIfAbsent(userId, id -> {
        return PersonName.of(identityService.createUserQuery().userId(id).singleResult(), id);
      });
    }

    public String workstream(String code) {
      if (workstreamNames == null) {
        workstreamNames = workstreams.names(fiscalYear);
      }
      return workstreamNames.getOrDefault(code, code);
    }

    /** A variable's value as a person reads it. */
    public String value(String variable, Object value) {
      if (value == null) {
        return null;
      }
      if (value instanceof Boolean b) {
        return b ? "はい" : "いいえ";
      }
      if (value instanceof Date date) {
        return CityTime.text(date.toInstant());
      }
      String text = String.valueOf(value);
      if (variable == null) {
        return text;
      }
      if (OUTCOME_FIELDS.contains(variable)) {
        return coded(Outcome.class, text);
      }
      if (Var.VERIFICATION_RATING.equals(variable)) {
        return coded(VerificationRating.class, text);
      }
      if (FiscalYearPlan.Var.ASSEMBLY_DECISION.equals(variable)) {
        return coded(AssemblyDecision.class, text);
      }
      if (FiscalYearPlan.Var.MILESTONE_KIND.equals(variable)) {
        return coded(Milestone.Kind.class, text);
      }
      if (Var.WORKSTREAM.equals(variable)) {
        return workstream(text);
      }
      if (Var.WARD_SCOPE.equals(variable)) {
        return WARD_SCOPES.getOrDefault(text, text);
      }
      if (GROUP_FIELDS.contains(variable)) {
        return list(text, id -> OrganizationGroup.fromId(id).map(OrganizationGroup::nameJa).orElse(id));
      }
      if (STAGE_FIELDS.contains(variable)) {
        return list(text, key -> coded(Stage.class, key));
      }
      if (USER_FIELDS.contains(variable)) {
        return person(text);
      }
      if (Var.PHASE_PLAN.equals(variable)) {
        return phasePlan(text);
      }
      return text;
    }

    /** An operation's old or new value as a person reads it. */
    public String operationValue(String property, String value) {
      if (value == null || property == null) {
        return value;
      }
      if (USER_FIELDS.contains(property)) {
        return person(value);
      }
      if (MILLIS_FIELDS.contains(property) && value.matches("-?\\d+")) {
        return CityTime.text(Instant.ofEpochMilli(Long.parseLong(value)));
      }
      if ("suspensionState".equals(property)) {
        return switch (value) {
          case "1" -> "実行中";
          case "2" -> "一時停止";
          default -> value;
        };
      }
      if ("groupId".equals(property)) {
        return OrganizationGroup.fromId(value).map(OrganizationGroup::nameJa).orElse(value);
      }
      if ("true".equals(value) || "false".equals(value)) {
        return Boolean.parseBoolean(value) ? "はい" : "いいえ";
      }
      return value;
    }
  }

  private static String phasePlan(String json) {
    try {
      List<PlannedPhase> phases = PhasePlanCodec.read(json);
      return phases.isEmpty() ? "（なし）" : phases.stream()
          .map(p -> (p.name() != null ? p.name() : p.stage() != null ? p.stage().labelJa() : p.key()) + " "
              + p.periodTextJa())
          .collect(Collectors.joining("、"));
    } catch (RuntimeException e) {
      return json;
    }
  }

  private static <E extends Enum<E> & Coded> String coded(Class<E> type, String code) {
    return Coded.fromCode(type, code).map(Coded::labelJa).orElse(code);
  }

  private static String list(String commaText, Function<String, String> label) {
    return Arrays.stream(commaText.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(label)
        .collect(Collectors.joining("、"));
  }

  /** Every form field's label by its key (the first form wins where two ask for the same value). */
  static Map<String, String> formFields(List<ProcessResources.Entry> resources) {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> labels = new LinkedHashMap<>();
    resources.stream().filter(r -> r.extension().equals("form")).forEach(resource -> {
      try (InputStream in = resource.open()) {
        collect(json.readTree(in), labels);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read form " + resource.name(), e);
      }
    });
    return Map.copyOf(labels);
  }

  private static void collect(JsonNode node, Map<String, String> labels) {
    for (JsonNode component : node.path("components")) {
      String key = component.path("key").asText(null);
      String label = Optional.ofNullable(component.path("label").asText(null))
          .filter(s -> !s.isBlank()).orElse(component.path("dateLabel").asText(null));
      if (key != null && label != null && !label.isBlank()) {
        labels.putIfAbsent(key, label);
      }
      collect(component, labels);
    }
  }
}
