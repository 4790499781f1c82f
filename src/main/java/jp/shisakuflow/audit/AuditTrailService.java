package jp.shisakuflow.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shisakuflow.initiative.InitiativeProcesses;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
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

  private final HistoryService historyService;
  private final TaskService taskService;

  public AuditTrailService(HistoryService historyService, TaskService taskService) {
    this.historyService = historyService;
    this.taskService = taskService;
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
    List<AuditEvent> events = new ArrayList<>();
    events.add(new AuditEvent(instance.getStartTime().toInstant(), AuditEvent.PROCESS_STARTED,
        nz(instance.getStartUserId()), null, null, instance.getProcessDefinitionName(), null, null));
    for (HistoricActivityInstance activity : historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(id).orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc()
        .listPage(0, MAX)) {
      events.add(new AuditEvent(activity.getStartTime().toInstant(), AuditEvent.ACTIVITY_STARTED, "",
          activity.getActivityId(), activity.getActivityName(), activity.getActivityType(), null, null));
      if (activity.getEndTime() != null) {
        events.add(new AuditEvent(activity.getEndTime().toInstant(), AuditEvent.ACTIVITY_ENDED,
            nz(activity.getAssignee()), activity.getActivityId(), activity.getActivityName(),
            activity.isCanceled() ? "canceled" : "completed", null, null));
      }
    }
    Map<String, String> lastValues = new HashMap<>();
    for (HistoricDetail detail : historyService.createHistoricDetailQuery().processInstanceId(id).variableUpdates()
        .orderByTime().asc().listPage(0, MAX)) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      String key = update.getVariableInstanceId();
      String value = String.valueOf(update.getValue());
      events.add(new AuditEvent(update.getTime().toInstant(), AuditEvent.VARIABLE_SET, nz(update.getUserOperationId()),
          update.getActivityInstanceId(), null, update.getVariableName() + " (" + update.getTypeName() + ")",
          lastValues.get(key), value));
      lastValues.put(key, value);
    }
    Map<String, String> operationUsers = new HashMap<>();
    for (UserOperationLogEntry entry : historyService.createUserOperationLogQuery().processInstanceId(id)
        .orderByTimestamp().asc().listPage(0, MAX)) {
      operationUsers.put(entry.getOperationId(), nz(entry.getUserId()));
      events.add(new AuditEvent(entry.getTimestamp().toInstant(), AuditEvent.OPERATION, nz(entry.getUserId()),
          entry.getTaskId(), null, entry.getOperationType() + (entry.getProperty() == null ? ""
          : " " + entry.getProperty()), entry.getOrgValue(), entry.getNewValue()));
    }
    taskService.getProcessInstanceComments(id).forEach(comment -> events.add(new AuditEvent(
        comment.getTime().toInstant(), AuditEvent.COMMENT, nz(comment.getUserId()), comment.getTaskId(), null,
        comment.getFullMessage(), null, null)));
    historyService.createHistoricIncidentQuery().processInstanceId(id).listPage(0, MAX).forEach(incident ->
        events.add(new AuditEvent(incident.getCreateTime().toInstant(), AuditEvent.INCIDENT, "",
            incident.getActivityId(), null, incident.getIncidentType() + ": " + incident.getIncidentMessage(), null,
            incident.isResolved() ? "resolved" : incident.isDeleted() ? "deleted" : "open")));
    if (instance.getEndTime() != null) {
      events.add(new AuditEvent(instance.getEndTime().toInstant(), AuditEvent.PROCESS_ENDED, "",
          instance.getEndActivityId(), null, instance.getState(), null, null));
    }
    // A variable change made through an operation is attributed to that operation's user.
    List<AuditEvent> attributed = events.stream().map(e -> e.type().equals(AuditEvent.VARIABLE_SET)
        ? new AuditEvent(e.time(), e.type(), operationUsers.getOrDefault(e.actor(), ""), e.activityId(),
            e.activityName(), e.detail(), e.oldValue(), e.newValue())
        : e).sorted(Comparator.comparing(AuditEvent::time)).toList();
    return new AuditTrail(instance.getBusinessKey(), id, instance.getProcessDefinitionKey(), attributed);
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }

}
