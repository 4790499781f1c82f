package jp.shisakuflow.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeSteps;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * History {@code full}, except the job log's entries for creating and removing a phase's overdue timer.
 * Every phase task starts one and removes it when the task is done in time: four timers and eight job-log
 * rows per lifecycle that say nothing an auditor reads (the task's own history says when it started and
 * ended). A timer that fires is logged as always (its execution, success or failure), and its boundary
 * event is in the activity history. The rest of the history goes to the database unchanged.
 */
@Component
public class IdleTimerHistory extends SpringProcessEnginePlugin {

  static final Set<String> OVERDUE_TIMERS;

  static {
    Set<String> timers = new HashSet<>(InitiativeLifecycle.Element.OVERDUE_EVENT_PHASE.keySet());
    timers.add(InitiativeSteps.Element.EVENT_STEP_OVERDUE);
    OVERDUE_TIMERS = Set.copyOf(timers);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.getCustomHistoryEventHandlers().add(0, new Handler());
  }

  /** Whether an event is an overdue timer's creation or removal, which is not written. */
  static boolean isIdleTimerHousekeeping(HistoryEvent event) {
    return event instanceof HistoricJobLogEvent log && (log.isCreationLog() || log.isDeletionLog())
        && log.getActivityId() != null && OVERDUE_TIMERS.contains(log.getActivityId());
  }

  /** The engine's database history handler, minus the overdue timers' housekeeping. */
  static class Handler extends DbHistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!isIdleTimerHousekeeping(event)) {
        super.handleEvent(event);
      }
    }
  }
}
