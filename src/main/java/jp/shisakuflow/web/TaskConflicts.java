package jp.shisakuflow.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Two people completing one task: the engine lets one through and fails the other in one of several
 * ways (optimistic locking, a refused authorization, "cannot find task", ...). All are a conflict, not
 * a server error: this answers 409 and says so.
 */
class TaskConflicts {

  static final String TYPE = "TaskConflict";
  /** A request acting on one task: /engine-rest/task/{id}/complete, /submit-form, /claim, ... */
  private static final Pattern TASK_ACTION = Pattern.compile("/task/([^/]+)/[a-z-]+$");

  private final ObjectProvider<HistoryService> historyService;
  private final ObjectProvider<TaskService> taskService;

  TaskConflicts(ObjectProvider<HistoryService> historyService, ObjectProvider<TaskService> taskService) {
    this.historyService = historyService;
    this.taskService = taskService;
  }

  private boolean isRunning(String taskId) {
    return taskService.getObject().createTaskQuery().taskId(taskId).count() > 0;
  }

  Optional<String> explain(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException) {
        return Optional.of("他の操作と同時に更新されたため、処理できませんでした。画面を更新して確認してください"
            + " (conflict: someone else changed this at the same time; reload and check)");
      }
    }
    // Whatever the engine failed with (a refused authorization because the links are gone, "cannot find
    // task", even a NullPointerException), acting on a task that has ended meanwhile is a conflict.
    return taskOfThisRequest().flatMap(this::finished);
  }

  private static Optional<String> taskOfThisRequest() {
    if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
      return Optional.empty();
    }
    Matcher action = TASK_ACTION.matcher(attributes.getRequest().getRequestURI());
    return action.find() ? Optional.of(action.group(1)) : Optional.empty();
  }

  private Optional<String> finished(String taskId) {
    HistoricTaskInstance task = historyService.getObject().createHistoricTaskInstanceQuery().taskId(taskId)
        .singleResult();
    // A task the history knows (so not an id that never existed) that is gone from the runtime although its
    // end is not visible yet: another request's completion of it is being committed this very moment.
    if (task == null || (task.getEndTime() == null && isRunning(taskId))) {
      return Optional.empty();
    }
    // Neither name nor assignee: the sender may not be allowed to read this task.
    return Optional.of("このタスクは既に完了しています。タスク一覧を更新してください (conflict: task " + taskId
        + " was already completed)");
  }
}
