package jp.shisakuflow.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Two people completing one task: the engine lets one through and fails the other, either with an
 * optimistic-locking error or a refused authorization (both at once), or "cannot find task" (the other
 * already done). All are a
 * conflict, not a server error: this answers 409 and says so.
 */
class TaskConflicts {

  static final String TYPE = "TaskConflict";
  private static final Pattern COMPLETION = Pattern.compile("/task/([^/]+)/(complete|submit-form|resolve)$");
  private static final Pattern MISSING_TASK = Pattern.compile("Cannot find task with id ([^:\\s]+)");

  private final ObjectProvider<HistoryService> historyService;

  TaskConflicts(ObjectProvider<HistoryService> historyService) {
    this.historyService = historyService;
  }

  Optional<String> explain(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException denied) {
        // The other completion removed the task's candidate links between our read and our check.
        return denied.getMissingAuthorizations().stream()
            .filter(missing -> Resources.TASK.resourceName().equals(missing.getResourceType()))
            .map(missing -> finished(missing.getResourceId())).flatMap(Optional::stream).findFirst();
      }
      if (cause instanceof OptimisticLockingException) {
        return Optional.of("他の操作と同時に更新されたため、処理できませんでした。画面を更新して確認してください"
            + " (conflict: someone else changed this at the same time; reload and check)");
      }
      Matcher missing = MISSING_TASK.matcher(String.valueOf(cause.getMessage()));
      if (missing.find()) {
        return finished(missing.group(1));
      }
    }
    // Any other failure of a completion (the engine can even fail with a NullPointerException when the
    // other completion removed the execution first) is a conflict when the task has ended meanwhile.
    return completedTaskOfThisRequest().flatMap(this::finished);
  }

  private static Optional<String> completedTaskOfThisRequest() {
    if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
      return Optional.empty();
    }
    Matcher completion = COMPLETION.matcher(attributes.getRequest().getRequestURI());
    return completion.find() ? Optional.of(completion.group(1)) : Optional.empty();
  }

  private Optional<String> finished(String taskId) {
    if (taskId == null) {
      return Optional.empty();
    }
    HistoricTaskInstance task = historyService.getObject().createHistoricTaskInstanceQuery().taskId(taskId)
        .singleResult();
    if (task == null || task.getEndTime() == null) {
      return Optional.empty();
    }
    // Neither name nor assignee: the sender may not be allowed to read this task.
    return Optional.of("このタスクは既に完了しています。タスク一覧を更新してください (conflict: task " + taskId
        + " was already completed)");
  }
}
