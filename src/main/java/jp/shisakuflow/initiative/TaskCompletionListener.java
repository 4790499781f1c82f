package jp.shisakuflow.initiative;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On task completion: refuses bad input, and fills in the values the process derives from it. */
@Component("taskCompletionListener")
public class TaskCompletionListener implements TaskListener {

  private final TaskCompletionRules rules;

  public TaskCompletionListener(TaskCompletionRules rules) {
    this.rules = rules;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = rules.validate(task.getTaskDefinitionKey(), task.getVariables());
    if (!problems.isEmpty()) {
      throw new InvalidTaskInputException(task.getTaskDefinitionKey(), problems);
    }
    rules.derivedValues(task.getTaskDefinitionKey(), task.getVariables()).forEach(task::setVariable);
  }
}
