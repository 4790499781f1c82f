package jp.shisakuflow.notify;

import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.notify.NotificationMessages.TaskInfo;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Added to every user task by {@link NotificationPlugin}: tells {@link TaskNotifications} of assignments and new tasks. */
public class TaskNotificationListener implements TaskListener {

  private final TaskNotifications notifications;

  public TaskNotificationListener(TaskNotifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskInfo info = new TaskInfo(task.getId(), task.getName(), InitiativeLifecycle.Typed.TITLE.from(task),
        task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey(), task.getDueDate());
    switch (task.getEventName()) {
      case EVENTNAME_ASSIGNMENT -> notifications.assigned(info, task.getAssignee());
      case EVENTNAME_CREATE -> notifications.created(task.getTaskDefinitionKey(), info);
      default -> { }
    }
  }
}
