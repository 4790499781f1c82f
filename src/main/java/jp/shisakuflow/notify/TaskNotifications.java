package jp.shisakuflow.notify;

import java.util.Date;
import java.util.List;
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

  /** The groups a due-date digest can go to: those with an address, in order. */
  public List<String> digestGroups() {
    return properties.groupAddresses().keySet().stream().sorted().toList();
  }

  /**
   * A group's digest of its overdue tasks and those due within the next days, when it has any. Sent now, not after
   * a commit: a mail server that fails throws, so that the job sending it is retried.
   *
   * @return whether a mail went out
   */
  public boolean sendDueDateDigest(String group, Date now) {
    String address = properties.groupAddresses().get(group);
    if (address == null) {
      return false;
    }
    Date soon = new Date(now.getTime() + properties.dueSoonDays() * 86_400_000L);
    List<TaskInfo> overdue = infos(taskService.createTaskQuery().active().taskCandidateGroup(group)
        .dueBefore(now).orderByDueDate().asc().list());
    List<TaskInfo> dueSoon = infos(taskService.createTaskQuery().active().taskCandidateGroup(group)
        .dueAfter(now).dueBefore(soon).orderByDueDate().asc().list());
    if (overdue.isEmpty() && dueSoon.isEmpty()) {
      return false;
    }
    mail.sendOrFail(messages.digest(address, group, dueSoon, overdue, properties.baseUrl()));
    return true;
  }

  private static List<TaskInfo> infos(List<Task> tasks) {
    return tasks.stream().map(t -> new TaskInfo(t.getId(), t.getName(), null, null, t.getDueDate())).toList();
  }
}
