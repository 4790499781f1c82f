package jp.shisakuflow.initiative;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * On task creation: the plan's name for the phase, its planned due date, and a description with the planned
 * period (as precise as the plan) and the owners; a ward's task of a fanned-out phase says the ward
 * (「モデル実施：実施（高津区役所）」), an escalation of one the wards still open; a step says its initiative
 * (「継続実施：施策名」).
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
        InitiativeLifecycle.Typed.OVERDUE_PHASE.from(task), ClockUtil.getCurrentTime(), owners(task)));
    String name = task.getTaskDefinitionKey().equals(InitiativeSteps.Element.TASK_STEP)
        ? PhaseTasks.withInitiative(label.name(), InitiativeLifecycle.Typed.TITLE.from(task)) : label.name();
    task.setName(WardTasks.nameFor(name, WardTasks.wardOf(task),
        WardTasks.split(Variable.text(InitiativeLifecycle.Var.OVERDUE_WARDS).from(task))));
    task.setDueDate(label.dueDate());
    if (label.description() != null) {
      // The plan's period and owners first; the model's own description of the task after it.
      String modelDescription = task.getDescription();
      task.setDescription(modelDescription == null || modelDescription.isBlank() ? label.description()
          : label.description() + "\n" + modelDescription);
    }
  }

  /** The owners in words, from the variables the instance was started with. */
  static String owners(VariableScope task) {
    String lead = text(task, InitiativeLifecycle.Var.OWNER_GROUP);
    return OwnersText.of(lead, OwnersText.groups(text(task, InitiativeLifecycle.Var.OWNER_GROUPS)),
        OwnersText.groups(text(task, InitiativeLifecycle.Var.COUNTERPART_GROUPS)),
        OwnersText.partners(text(task, InitiativeLifecycle.Var.PARTNERS)),
        text(task, InitiativeLifecycle.Var.WARD_SCOPE), OwnersText.groups(text(task, InitiativeLifecycle.Var.WARDS)));
  }

  private static String text(VariableScope scope, String name) {
    return scope.getVariable(name) instanceof String s ? s : null;
  }
}
