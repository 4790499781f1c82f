package jp.shisakuflow.security;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.springframework.stereotype.Component;

/**
 * What the HTTP edge needs to know from the engine to judge a write: the engine's own permission checks
 * asked for the caller, and the record's facts (who wrote a comment, which instance a task belongs to),
 * read without the caller's restrictions.
 */
@Component
public class EngineRecords {

  /** How far apart an attachment and its operation log entry may be written (one transaction). */
  static final long ATTACHMENT_LOG_WINDOW_MS = 5_000;

  /** The answer of a permission check on a task. */
  public enum Verdict { ALLOWED, DENIED, NO_SUCH_TASK }

  private final ProcessEngineConfigurationImpl configuration;

  public EngineRecords(ProcessEngine engine) {
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  public boolean isAdministrator(Caller caller) {
    return asCaller(caller, context -> context.getAuthorizationManager().isCamundaAdmin(authentication(caller)));
  }

  /** The engine's own check for claiming and completing: may the caller work this task? */
  public Verdict mayWork(Caller caller, String taskId) {
    return checkTask(caller, taskId, CommandChecker::checkTaskWork);
  }

  /**
   * The engine's own check for changing a job (execute it, its retries, due date, priority, suspension): may the
   * caller? Another city's job is no job of the caller's. Asked before the engine runs the change, because the engine
   * counts a refused execution as the job's failure (one retry fewer).
   */
  public Verdict mayUpdateJob(Caller caller, String jobId) {
    return asCaller(caller, context -> {
      JobEntity job = context.getJobManager().findJobById(jobId);
      if (job == null || !context.getTenantManager().isAuthenticatedTenant(job.getTenantId())) {
        return Verdict.NO_SUCH_TASK;
      }
      try {
        configuration.getCommandCheckers().forEach(checker -> checker.checkUpdateJob(job));
        return Verdict.ALLOWED;
      } catch (AuthorizationException e) {
        return Verdict.DENIED;
      }
    });
  }

  /** The engine's own check for setting an assignee: may the caller give this task to someone? */
  public Verdict mayAssign(Caller caller, String taskId) {
    return checkTask(caller, taskId, CommandChecker::checkTaskAssign);
  }

  /** The engine's own check for changing a task's variables outside its completion. */
  public Verdict mayUpdateVariables(Caller caller, String taskId) {
    return checkTask(caller, taskId, CommandChecker::checkUpdateTaskVariable);
  }

  /** The running task's process instance; empty for a task that is not running, or has no instance. */
  public Optional<String> processInstanceOfTask(String taskId) {
    return unrestricted(context -> Optional.ofNullable(context.getTaskManager().findTaskById(taskId))
        .map(TaskEntity::getProcessInstanceId));
  }

  /** Whether a job exists and belongs to no process instance (the history cleanup, say). */
  public boolean isStandaloneJob(String jobId) {
    return unrestricted(context -> {
      JobEntity job = context.getJobManager().findJobById(jobId);
      return job != null && job.getProcessInstanceId() == null;
    });
  }

  /** The author of a task's comment; empty when there is no such comment. */
  public Optional<String> taskCommentAuthor(String taskId, String commentId) {
    return unrestricted(context -> Optional.ofNullable(configuration.getTaskService().getTaskComment(taskId, commentId))
        .map(Comment::getUserId));
  }

  /** The author of a process instance's comment; empty when there is no such comment. */
  public Optional<String> processInstanceCommentAuthor(String processInstanceId, String commentId) {
    return unrestricted(context -> configuration.getTaskService().getProcessInstanceComments(processInstanceId).stream()
        .filter(comment -> comment.getId().equals(commentId))
        .findFirst()
        .map(Comment::getUserId));
  }

  /** The authors of all comments on a task or process instance. */
  public List<String> commentAuthors(String taskId, String processInstanceId) {
    return unrestricted(context -> (taskId != null ? configuration.getTaskService().getTaskComments(taskId)
        : configuration.getTaskService().getProcessInstanceComments(processInstanceId)).stream()
        .map(Comment::getUserId).toList());
  }

  /**
   * Who added an attachment. The engine keeps no author on the attachment itself; its user operation log
   * names the user who added an attachment of that name to that task, in the same transaction. Empty when
   * the log names no one, or more than one person, for it.
   */
  public Optional<String> attachmentAuthor(String taskId, String attachmentId) {
    return unrestricted(context -> {
      Attachment attachment = configuration.getTaskService().getTaskAttachment(taskId, attachmentId);
      if (attachment == null) {
        return Optional.empty();
      }
      Date created = attachment.getCreateTime();
      List<String> authors = configuration.getHistoryService().createUserOperationLogQuery()
          .taskId(taskId)
          .operationType(UserOperationLogEntry.OPERATION_TYPE_ADD_ATTACHMENT)
          .list().stream()
          .filter(entry -> "name".equals(entry.getProperty()) && attachment.getName() != null
              && attachment.getName().equals(entry.getNewValue()))
          .filter(entry -> created == null
              || Math.abs(entry.getTimestamp().getTime() - created.getTime()) <= ATTACHMENT_LOG_WINDOW_MS)
          .map(UserOperationLogEntry::getUserId)
          .distinct()
          .toList();
      return authors.size() == 1 ? Optional.ofNullable(authors.get(0)) : Optional.empty();
    });
  }

  /** A task variable's current value, read without the caller's restrictions. */
  public Object taskVariable(String taskId, String name) {
    return unrestricted(context -> configuration.getTaskService().getVariable(taskId, name));
  }

  private Verdict checkTask(Caller caller, String taskId, java.util.function.BiConsumer<CommandChecker, TaskEntity> check) {
    return asCaller(caller, context -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      // Another city's task is no task of the caller's: the engine's tenant check, asked first.
      if (task == null || !context.getTenantManager().isAuthenticatedTenant(task.getTenantId())) {
        return Verdict.NO_SUCH_TASK;
      }
      try {
        configuration.getCommandCheckers().forEach(checker -> check.accept(checker, task));
        return Verdict.ALLOWED;
      } catch (AuthorizationException e) {
        return Verdict.DENIED;
      }
    });
  }

  private <T> T asCaller(Caller caller, Command<T> command) {
    IdentityService identity = configuration.getIdentityService();
    Authentication previous = identity.getCurrentAuthentication();
    identity.setAuthentication(authentication(caller));
    try {
      return jp.shisakuflow.organization.DoorCheckedCommands.withPermissionChecks(() -> configuration.getCommandExecutorTxRequired().execute(command));
    } finally {
      if (previous == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(previous);
      }
    }
  }

  private <T> T unrestricted(Function<org.camunda.bpm.engine.impl.interceptor.CommandContext, T> read) {
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      context.disableAuthorizationCheck();
      return read.apply(context);
    });
  }

  private static Authentication authentication(Caller caller) {
    return caller.engineAuthentication();
  }
}
