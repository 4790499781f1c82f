package jp.shisakuflow.initiative;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * On task creation: the plan's name for the phase and its planned due date; a ward's task of a fanned-out
 * phase says the ward (「モデル実施：実施（高津区役所）」).
 */
@Component("phaseTaskListener")
public class PhaseTaskListener implements TaskListener {

  private final PhaseTasks phaseTasks;

  public PhaseTaskListener(PhaseTasks phaseTasks) {
    this.phaseTasks = phaseTasks;
  }

  @Override
  public void notify(DelegateTask task) {
    var label = phaseTasks.label(new PhaseTasks.Context(task.getTaskDefinitionKey(), task.getName(),
        PlanPhases.phases(task), PlanPhases.fiscalYear(task), PlanPhases.loopCounter(task),
        InitiativeLifecycle.Typed.OVERDUE_PHASE.from(task), ClockUtil.getCurrentTime()));
    task.setName(WardTasks.nameFor(label.name(), WardTasks.wardOf(task),
        WardTasks.split(Variable.text(InitiativeLifecycle.Var.OVERDUE_WARDS).from(task))));
    task.setDueDate(label.dueDate());
  }
}
