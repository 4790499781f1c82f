package jp.shisakuflow.initiative;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.jobexecutor.TimerExecuteNestedActivityJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * History {@code full}, without the rows that record the engine's own bookkeeping rather than anything that
 * happened to an initiative (BENCHMARKS.md, rows per lifecycle):
 * <ul>
 *   <li>the multi-instance counters of a phase ({@link InitiativeLifecycle.Var#LOOP_BOOKKEEPING}: every phase is
 *       a multi-instance, one task for the owners or one per ward): no historic variable or detail rows for
 *       them. Each task's own start and end, its ward ({@code taskGroups}) and every value a person or a
 *       listener sets stay in the history; the audit trail left these counters out already;</li>
 *   <li>a boundary timer's creation and its deletion when the task ends before the deadline (the overdue timer
 *       of every phase: four per lifecycle, almost all deleted unfired): no job-log rows. A timer that fires
 *       is logged as before, successful or failed (the job executor's record and the incident's cause).</li>
 * </ul>
 * The level keeps the id and name of {@code full} (the database's {@code historyLevel} property stays 3: no
 * schema or start-up change for an existing database). Instances started before keep what they logged; a
 * counter logged then is not marked deleted when its phase ends.
 */
@Component
public class EngineBookkeepingHistory extends SpringProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // The engine picks the last level whose name matches the configured history: custom levels come after its own.
    List<HistoryLevel> custom = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryLevels());
    custom.add(new Level());
    configuration.setCustomHistoryLevels(custom);
  }

  /** {@code full} but for the rows above. */
  public static final class Level extends HistoryLevelFull {

    private static final Set<HistoryEventType> VARIABLE_EVENTS = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
        HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE,
        HistoryEventTypes.VARIABLE_INSTANCE_DELETE);
    private static final Set<HistoryEventType> UNFIRED_TIMER_EVENTS = Set.of(HistoryEventTypes.JOB_CREATE,
        HistoryEventTypes.JOB_DELETE);

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (entity instanceof VariableInstanceEntity variable && VARIABLE_EVENTS.contains(eventType)) {
        return !InitiativeLifecycle.Var.LOOP_BOOKKEEPING.contains(variable.getName());
      }
      if (entity instanceof JobEntity job && UNFIRED_TIMER_EVENTS.contains(eventType)) {
        return !TimerExecuteNestedActivityJobHandler.TYPE.equals(job.getJobHandlerType());
      }
      return true;
    }
  }
}
