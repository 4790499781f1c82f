package jp.shisakuflow.initiative;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.security.AttributedWork;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Moves a running initiative to revised planned dates: its {@code phasePlan} variable (kept with old
 * and new value in the history), the due dates of its open tasks, its overdue timers, and a comment
 * that says what changed.
 */
@Service
public class InitiativeRevision {

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final PhaseTasks phaseTasks;
  private final AttributedWork attributed;

  public InitiativeRevision(RuntimeService runtimeService, TaskService taskService,
      ManagementService managementService, PhaseTasks phaseTasks, AttributedWork attributed) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.phaseTasks = phaseTasks;
    this.attributed = attributed;
  }

  /**
   * @param actor who revised the plan: named in the history of the variable and in the comment
   * @return whether anything changed
   */
  public boolean revise(String processInstanceId, List<PlannedPhase> phases, String actor) {
    Optional<List<PlannedPhase>> changed = wouldChange(processInstanceId, phases);
    if (changed.isEmpty()) {
      return false;
    }
    List<PlannedPhase> current = changed.get();
    attributed.runAs(actor, () -> {
      runtimeService.setVariable(processInstanceId, Var.PHASE_PLAN, PhasePlanCodec.write(phases));
      taskService.createComment(null, processInstanceId, "計画改定 (plan revised): " + describe(current) + " → "
          + describe(phases));
    });
    int fiscalYear = InitiativeLifecycle.Typed.FISCAL_YEAR.read(runtimeService.getVariable(processInstanceId,
        Var.FISCAL_YEAR));
    for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId).list()) {
      var label = phaseTasks.label(new PhaseTasks.Context(task.getTaskDefinitionKey(), task.getName(), phases,
          fiscalYear, InitiativeLifecycle.Typed.loopCounterOrZero(runtimeService.getVariable(task.getExecutionId(),
          Var.LOOP_COUNTER)), null, ClockUtil.getCurrentTime()));
      if (!label.dueDate().equals(task.getDueDate()) && !isEscalation(task)) {
        task.setDueDate(label.dueDate());
        taskService.saveTask(task);
      }
    }
    managementService.createJobQuery().processInstanceId(processInstanceId).timers().list()
        .forEach(job -> managementService.recalculateJobDuedate(job.getId(), false));
    return true;
  }

  /**
   * The phases the instance runs by now, when revising it to {@code phases} would change them; empty when a revision
   * would change nothing. {@link #revise} and the plan import's preview both decide by this.
   */
  public Optional<List<PlannedPhase>> wouldChange(String processInstanceId, List<PlannedPhase> phases) {
    List<PlannedPhase> current = PhasePlanCodec.read(runtimeService.getVariable(processInstanceId, Var.PHASE_PLAN));
    return current.equals(phases) ? Optional.empty() : Optional.of(current);
  }

  private static boolean isEscalation(Task task) {
    return task.getTaskDefinitionKey().equals(InitiativeLifecycle.Element.TASK_HANDLE_DELAY)
        || task.getTaskDefinitionKey().equals(InitiativeSteps.Element.TASK_HANDLE_DELAY)
        || task.getTaskDefinitionKey().equals(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR);
  }

  static String describe(List<PlannedPhase> phases) {
    return phases.stream().map(p -> p.name() + " " + p.start().code() + "〜" + p.end().code()).collect(Collectors.joining(", "));
  }
}
