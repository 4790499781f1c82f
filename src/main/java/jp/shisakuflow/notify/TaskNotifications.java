package jp.shisakuflow.notify;

import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.notify.NotificationMessages.TaskInfo;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Who hears of what: an assignee of their new task, the managers of an escalation, and each group of
 * its overdue and soon-due tasks.
 */
@Service
public class TaskNotifications {

  static final List<String> ESCALATIONS = List.of(InitiativeLifecycle.Element.TASK_HANDLE_DELAY,
      InitiativeSteps.Element.TASK_HANDLE_DELAY);

  private final NotificationProperties properties;
  private final NotificationMessages messages;
  private final MailGateway mail;
  private final IdentityService identityService;
  private final TaskService taskService;

  public TaskNotifications(NotificationProperties properties, NotificationMessages messages, MailGateway mail,
      IdentityService identityService, TaskService taskService) {
    this.properties = properties;
    this.messages = messages;
    this.mail = mail;
    this.identityService = identityService;
    this.taskService = taskService;
  }

  public void assigned(TaskInfo task, String assignee) {
    if (assignee == null) {
      return;
    }
    User user = identityService.createUserQuery().userId(assignee).singleResult();
    if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
      mail.sendAfterCommit(messages.assigned(user.getEmail(), task, properties.baseUrl()));
    }
  }

  public void created(String taskDefinitionKey, TaskInfo task) {
    String managers = properties.groupAddresses().get(InitiativeLifecycle.MANAGERS_GROUP);
    if (ESCALATIONS.contains(taskDefinitionKey) && managers != null) {
      mail.sendAfterCommit(messages.escalated(managers, task, properties.baseUrl()));
    }
  }

  /** One digest per group with an address: its overdue tasks and those due within the next days. */
  public int sendDueDateDigests(Date now) {
    Date soon = new Date(now.getTime() + properties.dueSoonDays() * 86_400_000L);
    int sent = 0;
    for (Map.Entry<String, String> group : properties.groupAddresses().entrySet()) {
      List<TaskInfo> overdue = infos(taskService.createTaskQuery().active().taskCandidateGroup(group.getKey())
          .dueBefore(now).orderByDueDate().asc().list());
      List<TaskInfo> dueSoon = infos(taskService.createTaskQuery().active().taskCandidateGroup(group.getKey())
          .dueAfter(now).dueBefore(soon).orderByDueDate().asc().list());
      if (!overdue.isEmpty() || !dueSoon.isEmpty()) {
        mail.send(messages.digest(group.getValue(), group.getKey(), dueSoon, overdue, properties.baseUrl()));
        sent++;
      }
    }
    return sent;
  }

  private static List<TaskInfo> infos(List<Task> tasks) {
    return tasks.stream().map(t -> new TaskInfo(t.getId(), t.getName(), null, null, t.getDueDate())).toList();
  }
}
