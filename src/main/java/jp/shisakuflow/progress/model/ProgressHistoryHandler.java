package jp.shisakuflow.progress.model;

import java.util.List;
import java.util.Set;
import jp.shisakuflow.initiative.InitiativeProcesses;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.progress.ProgressCalculator;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Beside the engine's own (database) history handler: the history events that change what progress reads, of the
 * initiatives' and the plans' instances, collected per command in a {@link ProgressModelSession}, which writes them
 * once when the command flushes, on the command's own connection — whoever runs the command (the app, the REST API,
 * the job executor). Events of other processes, of tasks that are no phases and of other variables cost nothing.
 */
public class ProgressHistoryHandler implements HistoryEventHandler {

  /** The processes progress reads: the initiatives' and the plans' (which hold the initiatives' links). */
  static final Set<String> PROCESSES = java.util.stream.Stream.concat(InitiativeProcesses.KEYS.stream(),
      java.util.stream.Stream.of(FiscalYearPlan.PROCESS_KEY)).collect(java.util.stream.Collectors.toUnmodifiableSet());

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event.getProcessInstanceId() == null || !PROCESSES.contains(event.getProcessDefinitionKey())) {
      return;
    }
    if (event instanceof HistoricVariableUpdateEventEntity variable) {
      variable(variable);
    } else if (event instanceof HistoricTaskInstanceEventEntity task) {
      task(task);
    } else if (event instanceof HistoricProcessInstanceEventEntity instance) {
      instance(instance);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  private static void instance(HistoricProcessInstanceEventEntity event) {
    ProgressModelSession.Change change = session().change(event.getProcessInstanceId());
    if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
      change.insert();
      change.set(ProgressModel.START_TIME, ProgressModel.timestamp(event.getStartTime()));
      change.set(ProgressModel.TENANT_ID, event.getTenantId());
    }
    if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)
        || event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_UPDATE)
        || event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_MIGRATE)) {
      change.set(ProgressModel.PROCESS_KEY, event.getProcessDefinitionKey());
      change.set(ProgressModel.BUSINESS_KEY, event.getBusinessKey());
      change.set(ProgressModel.FISCAL_YEAR, ProgressModel.fiscalYearOf(event.getBusinessKey()));
    }
    if (event.getEndTime() != null) {
      change.set(ProgressModel.END_TIME, ProgressModel.timestamp(event.getEndTime()));
    }
  }

  private static void variable(HistoricVariableUpdateEventEntity event) {
    String column = ProgressModel.VARIABLE_COLUMNS.get(event.getVariableName());
    // A variable deleted keeps its last value in the history (ACT_HI_VARINST, state DELETED): here too.
    if (column == null || event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE)) {
      return;
    }
    session().change(event.getProcessInstanceId()).set(column, ProgressModel.columnValue(event.getVariableName(),
        event.getSerializerName(), event.getTextValue(), event.getLongValue()));
  }

  private static void task(HistoricTaskInstanceEventEntity event) {
    String key = event.getTaskDefinitionKey();
    if (event.isEventOfType(HistoryEventTypes.TASK_INSTANCE_MIGRATE)) {
      session().change(event.getProcessInstanceId()).run(ProgressModel.rekeyed(event.getId(), key));
      return;
    }
    if (key == null || !ProgressCalculator.isPhaseTask(key)) {
      return;
    }
    if (event.isEventOfType(HistoryEventTypes.TASK_INSTANCE_CREATE)) {
      session().change(event.getProcessInstanceId()).run(ProgressModel.opened(event.getId(), key,
          event.getStartTime()));
    } else if (event.isEventOfType(HistoryEventTypes.TASK_INSTANCE_COMPLETE)
        || event.isEventOfType(HistoryEventTypes.TASK_INSTANCE_DELETE)) {
      session().change(event.getProcessInstanceId()).run(ProgressModel.ended(event.getId(), event.getEndTime()));
    }
  }

  private static ProgressModelSession session() {
    return Context.getCommandContext().getSession(ProgressModelSession.class);
  }
}
