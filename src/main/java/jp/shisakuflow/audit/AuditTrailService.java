package jp.shisakuflow.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.shisakuflow.initiative.BusinessKey;
import jp.shisakuflow.initiative.InitiativeProcesses;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Service;

/**
 * An initiative's audit trail from the engine's history: process and activities (with who held each
 * task), every variable change with its old and new value, comments, incidents and the user operation
 * log (claims, reassignments, completions, changes through the API, each with its user).
 */
@Service
public class AuditTrailService {

  static final int MAX = 10_000;
  private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

  private final HistoryService historyService;
  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final AuditLabels labels;

  public AuditTrailService(HistoryService historyService, TaskService taskService,
      RepositoryService repositoryService, AuditLabels labels) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.repositoryService = repositoryService;
    this.labels = labels;
  }

  public Optional<AuditTrail> trail(String businessKey) {
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKeyIn(InitiativeProcesses.keys())
        .processInstanceBusinessKey(businessKey).singleResult();
    return Optional.ofNullable(instance).map(this::trail);
  }

  /** The trail of one instance of any definition, by its id. */
  public Optional<AuditTrail> trailOfInstance(String processInstanceId) {
    return Optional.ofNullable(historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult()).map(this::trail);
  }

  public AuditTrail trail(HistoricProcessInstance instance) {
    String id = instance.getId();
    AuditLabels.Scope labels = this.labels.scope(BusinessKey.parse(instance.getBusinessKey())
        .map(BusinessKey::fiscalYear).orElse(null));
    ModelNames model = new ModelNames(instance.getProcessDefinitionId());
    List<AuditEvent> events = new ArrayList<>();
    events.add(new AuditEvent(instance.getStartTime().toInstant(), AuditEvent.PROCESS_STARTED, "開始", null,
        nz(instance.getStartUserId()), labels.person(instance.getStartUserId()), null, null, null, null,
        instance.getProcessDefinitionName(), null, null, null, null));

    Map<String, HistoricActivityInstance> activities = new HashMap<>();
    for (HistoricActivityInstance activity : historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(id).orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc()
        .listPage(0, MAX)) {
      activities.put(activity.getId(), activity);
      String type = activity.getActivityType();
      boolean task = AuditLabels.TASK_KINDS.contains(type);
      boolean gateway = type != null && type.endsWith("Gateway");
      String name = model.name(activity.getActivityId(), activity.getActivityName(), type);
      String kind = AuditLabels.elementKind(type);
      String detail = kind != null && kind.equals(name) ? null : kind;
      events.add(new AuditEvent(activity.getStartTime().toInstant(), AuditEvent.ACTIVITY_STARTED,
          task ? "作業の開始" : gateway ? "分岐" : "イベント", null, "", null, activity.getActivityId(), name, null,
          null, detail, null, null, null, null));
      // An element that is passed, not waited in (a gateway, a start, end or boundary event), ends as it
      // starts: its start says it. Tasks and events that wait (a timer, a message) say when they ended.
      boolean passedThrough = !task && !AuditLabels.waits(type) && !activity.isCanceled();
      if (activity.getEndTime() != null && !passedThrough) {
        events.add(new AuditEvent(activity.getEndTime().toInstant(), AuditEvent.ACTIVITY_ENDED,
            activity.isCanceled() ? (task ? "作業の中断" : "イベントの中断") : (task ? "作業の完了" : "イベントの完了"),
            null, nz(activity.getAssignee()), labels.person(activity.getAssignee()), activity.getActivityId(), name,
            null, null, detail, null, null, null, null));
      }
    }
    Map<String, HistoricTaskInstance> tasks = new HashMap<>();
    historyService.createHistoricTaskInstanceQuery().processInstanceId(id).listPage(0, MAX)
        .forEach(task -> tasks.put(task.getId(), task));

    Map<String, String> lastValues = new HashMap<>();
    Map<String, Object> lastObjects = new HashMap<>();
    List<AuditEvent> variableEvents = new ArrayList<>();
    java.util.Set<String> variableOperations = new java.util.HashSet<>();
    for (HistoricDetail detail : historyService.createHistoricDetailQuery().processInstanceId(id).variableUpdates()
        .orderByTime().asc().listPage(0, MAX)) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      if (AuditLabels.TECHNICAL_VARIABLES.contains(update.getVariableName())) {
        continue;
      }
      String key = update.getVariableInstanceId();
      String value = stored(update.getValue());
      boolean seen = lastValues.containsKey(key);
      String previous = lastValues.put(key, value);
      Object previousObject = lastObjects.put(key, update.getValue());
      if (seen && Objects.equals(previous, value) || isBlank(previous) && isBlank(value)) {
        continue; // saved again unchanged, or left empty: no change to show
      }
      HistoricActivityInstance where = activities.get(update.getActivityInstanceId());
      String name = update.getVariableName();
      if (update.getUserOperationId() != null) {
        variableOperations.add(update.getUserOperationId());
      }
      variableEvents.add(new AuditEvent(update.getTime().toInstant(), AuditEvent.VARIABLE_SET,
          previous == null ? "値の設定" : "値の変更", null, nz(update.getUserOperationId()), null,
          where == null ? null : where.getActivityId(),
          where == null ? null : model.name(where.getActivityId(), where.getActivityName(), where.getActivityType()),
          name, this.labels.field(name), null, previous, value,
          labels.value(name, previousObject), labels.value(name, update.getValue())));
    }

    Map<String, String> operationUsers = new HashMap<>();
    Map<String, String> operationTasks = new HashMap<>();
    Map<String, List<UserOperationLogEntry>> operations = new LinkedHashMap<>();
    for (UserOperationLogEntry entry : historyService.createUserOperationLogQuery().processInstanceId(id)
        .orderByTimestamp().asc().listPage(0, MAX)) {
      operations.computeIfAbsent(entry.getOperationId() == null ? entry.getId() : entry.getOperationId(),
          k -> new ArrayList<>()).add(entry);
    }
    operations.forEach((operationId, entries) -> {
      UserOperationLogEntry first = entries.get(0);
      operationUsers.put(operationId, nz(first.getUserId()));
      if (first.getTaskId() != null) {
        operationTasks.put(operationId, first.getTaskId());
      }
      List<UserOperationLogEntry> changes = entries.stream().filter(e -> e.getProperty() != null
          && !AuditLabels.TECHNICAL_PROPERTIES.contains(e.getProperty())
          && !Objects.equals(e.getOrgValue(), e.getNewValue())).toList();
      if (changes.isEmpty() && variableOperations.contains(operationId)
          && AuditLabels.VARIABLE_OPERATIONS.contains(first.getOperationType())) {
        return; // the value rows show this change, with its user
      }
      HistoricTaskInstance task = first.getTaskId() == null ? null : tasks.get(first.getTaskId());
      String label = AuditLabels.operation(first.getOperationType(), first.getEntityType());
      for (UserOperationLogEntry entry : changes.isEmpty() ? List.of(first) : changes) {
        String property = changes.isEmpty() ? null : entry.getProperty();
        events.add(new AuditEvent(entry.getTimestamp().toInstant(), AuditEvent.OPERATION,
            AuditLabels.isRelease(entry) ? AuditLabels.RELEASE : label, entry.getOperationType(), nz(entry.getUserId()), labels.person(entry.getUserId()),
            task == null ? null : task.getTaskDefinitionKey(), task == null ? null : task.getName(), property,
            AuditLabels.property(property), entry.getAnnotation(), property == null ? null : entry.getOrgValue(),
            property == null ? null : entry.getNewValue(), labels.operationValue(property, property == null ? null
            : entry.getOrgValue()), labels.operationValue(property, property == null ? null : entry.getNewValue())));
      }
    });
    // A value set by an operation is said by its user; one set on completing a task, at that task.
    variableEvents.forEach(e -> {
      String user = operationUsers.getOrDefault(e.actor(), "");
      HistoricTaskInstance task = tasks.get(operationTasks.getOrDefault(e.actor(), ""));
      AuditEvent said = e.byActor(user, labels.person(user));
      events.add(said.activityId() == null && task != null
          ? said.at(task.getTaskDefinitionKey(), task.getName()) : said);
    });
    taskService.getProcessInstanceComments(id).forEach(comment -> {
      HistoricTaskInstance task = comment.getTaskId() == null ? null : tasks.get(comment.getTaskId());
      events.add(new AuditEvent(comment.getTime().toInstant(), AuditEvent.COMMENT, "コメント", null,
          nz(comment.getUserId()), labels.person(comment.getUserId()), task == null ? null : task.getTaskDefinitionKey(),
          task == null ? null : task.getName(), null, null, comment.getFullMessage(), null, null, null, null));
    });
    historyService.createHistoricIncidentQuery().processInstanceId(id).listPage(0, MAX).forEach(incident -> {
      String state = incident.isResolved() ? "resolved" : incident.isDeleted() ? "deleted" : "open";
      events.add(new AuditEvent(incident.getCreateTime().toInstant(), AuditEvent.INCIDENT, "インシデント", null, "",
          null, incident.getActivityId(), model.name(incident.getActivityId(), null, null), "incidentState", "状態",
          AuditLabels.incidentType(incident.getIncidentType()) + "：" + nz(incident.getIncidentMessage()), null,
          state, null, AuditLabels.INCIDENT_STATES.get(state)));
    });
    if (instance.getEndTime() != null) {
      events.add(new AuditEvent(instance.getEndTime().toInstant(), AuditEvent.PROCESS_ENDED, "終了", null, "", null,
          instance.getEndActivityId(), model.name(instance.getEndActivityId(), null, null), "state", "状態",
          instance.getDeleteReason(), null, instance.getState(), null, AuditLabels.instanceState(instance.getState())));
    }
    List<AuditEvent> ordered = events.stream().sorted(Comparator.comparing(AuditEvent::time)).toList();
    return new AuditTrail(instance.getBusinessKey(), id, instance.getProcessDefinitionKey(), ordered);
  }

  /** A value as stored, for machines: dates as ISO instants, the rest as its text. */
  static String stored(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof java.util.Date date ? date.toInstant().toString() : String.valueOf(value);
  }

  /** The names of a definition's elements in its BPMN model, for elements the history recorded without one. */
  private final class ModelNames {
    private final String definitionId;
    private BpmnModelInstance model;

    ModelNames(String definitionId) {
      this.definitionId = definitionId;
    }

    /** The element's name: as recorded, else from the model, else what kind of element it is. */
    String name(String activityId, String recorded, String activityType) {
      if (recorded != null && !recorded.isBlank()) {
        return recorded;
      }
      if (activityId == null) {
        return null;
      }
      boolean body = activityId.endsWith(MULTI_INSTANCE_BODY);
      String elementId = body ? activityId.substring(0, activityId.length() - MULTI_INSTANCE_BODY.length())
          : activityId;
      if (model == null) {
        model = repositoryService.getBpmnModelInstance(definitionId);
      }
      ModelElementInstance element = model == null ? null : model.getModelElementById(elementId);
      String name = element instanceof FlowElement flow ? flow.getName() : null;
      if (name != null && !name.isBlank()) {
        return body ? name + "（全体）" : name;
      }
      return activityType == null ? null : AuditLabels.elementKind(activityType);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isEmpty();
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }

}
