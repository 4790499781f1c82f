package jp.shisakuflow.initiative;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
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
    List<String> problems = rules.validate(task.getTaskDefinitionKey(), task.getVariables());
    if (!problems.isEmpty()) {
      throw new InvalidTaskInputException(task.getTaskDefinitionKey(), problems);
    }
    rules.derivedValues(task.getTaskDefinitionKey(), task.getVariables()).forEach(task::setVariable);
    if (nextYearDecisions != null
        && task.getTaskDefinitionKey().equals(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR)) {
      nextYearDecisions.decided(task);
    }
  }
}
