package jp.shisakuflow.initiative;

import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * When a phase's overdue timer fires: marks the initiative delayed (visible in its variables and their
 * history) and tells the escalation which phase is late.
 */
@Component("phaseOverdueListener")
public class PhaseOverdueListener implements ExecutionListener {

  private final PhaseTasks phaseTasks;

  public PhaseOverdueListener(PhaseTasks phaseTasks) {
    this.phaseTasks = phaseTasks;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String phase = phaseTasks.overduePhase(execution.getCurrentActivityId(), PlanPhases.phases(execution),
        PlanPhases.loopCounter(execution));
    // Local for the lifecycle's escalation on this execution; process-wide for initiative-steps, whose
    // escalation runs outside the step's scope.
    execution.setVariableLocal(Var.OVERDUE_PHASE, phase);
    // A fanned-out phase is late for the wards whose tasks are still open: the escalation names them.
    if (WardTasks.mode(Variable.text(Var.WARD_SCOPE).from(execution)) != WardScope.Mode.NONE) {
      Stage.fromCode(phase).ifPresent(stage -> execution.setVariableLocal(Var.OVERDUE_WARDS, String.join(",",
          WardTasks.openWards(execution.getProcessEngineServices().getTaskService(),
              execution.getProcessInstanceId(), stage.taskId()))));
    }
    execution.getProcessInstance().setVariable(Var.OVERDUE_PHASE, phase);
    execution.getProcessInstance().setVariable(Var.DELAYED, true);
    execution.getProcessInstance().setVariable(Var.DELAYED_PHASES,
        phaseTasks.withDelayedPhase(execution.getVariable(Var.DELAYED_PHASES), phase));
  }
}
