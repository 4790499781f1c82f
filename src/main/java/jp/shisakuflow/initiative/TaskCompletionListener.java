package jp.shisakuflow.initiative;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.shisakuflow.initiative.InitiativeLifecycle.Element;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.core.variable.CoreVariableInstance;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * On task completion: refuses bad input, and fills in the values the process derives from it. A
 * completed 次年度方針の決定 also goes to {@link NextYearDecisionListener}: every deployed version of both
 * initiative processes calls this listener there, so a late decision reaches next year from any of them.
 */
@Component("taskCompletionListener")
public class TaskCompletionListener implements TaskListener {

  private final TaskCompletionRules rules;
  private final NextYearDecisionListener nextYearDecisions;

  /** Without next-year decisions (process tests of one process alone). */
  public TaskCompletionListener(TaskCompletionRules rules) {
    this(rules, null);
  }

  @Autowired
  public TaskCompletionListener(TaskCompletionRules rules, NextYearDecisionListener nextYearDecisions) {
    this.rules = rules;
    this.nextYearDecisions = nextYearDecisions;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = new ArrayList<>(rules.validate(task.getTaskDefinitionKey(), task.getVariables()));
    plannedWardsChanged(task).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new InvalidTaskInputException(task.getTaskDefinitionKey(), problems);
    }
    rules.derivedValues(task.getTaskDefinitionKey(), task.getVariables()).forEach(task::setVariable);
    if (nextYearDecisions != null
        && task.getTaskDefinitionKey().equals(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR)) {
      nextYearDecisions.decided(task);
    }
  }

  /**
   * The coordination form has the ward checklist, so the write guard lets a completion set {@code wards};
   * only an item whose wards are decided during the year may. Elsewhere the wards are the plan's: a
   * completion that changed them (they differ from the instance's first value, in its history) is refused.
   */
  private static Optional<String> plannedWardsChanged(DelegateTask task) {
    if (!task.getTaskDefinitionKey().equals(Element.TASK_COORDINATE) || WardChoice.applies(task.getVariables())) {
      return Optional.empty();
    }
    var services = task.getProcessEngineServices();
    // The instance's own variable, as the command holds it (no query).
    CoreVariableInstance wards = ((ExecutionEntity) task.getExecution()).getProcessInstance()
        .getVariableInstanceLocal(Var.WARDS);
    if (!(wards instanceof VariableInstanceEntity entity)) {
      return Optional.empty(); // an instance from before ward scopes
    }
    Object first = services.getHistoryService().createHistoricDetailQuery().variableInstanceId(entity.getId())
        .variableUpdates().orderPartiallyByOccurrence().asc().listPage(0, 1).stream()
        .map(detail -> ((HistoricVariableUpdate) detail).getValue()).findFirst().orElse(task.getVariable(Var.WARDS));
    return Objects.equals(first, task.getVariable(Var.WARDS)) ? Optional.empty()
        : Optional.of(Var.WARDS + ": この施策の実施区は計画で決まっているため、調整では変更できません (the wards of an item whose"
            + " wards are not decided during the year are the plan's: " + first + ")");
  }
}
