package jp.shisakuflow.notify;

import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import jp.shisakuflow.time.CityTime;
import org.springframework.stereotype.Service;

/** The wording of every notification (Japanese first, an English line below). */
@Service
public class NotificationMessages {

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  /** What a message says about one task. */
  public record TaskInfo(String id, String name, String initiativeTitle, String businessKey, Date due) {}

  public String taskLink(String baseUrl, String taskId) {
    return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  public Notification assigned(String to, TaskInfo task, String baseUrl) {
    return new Notification(List.of(to), "【施策フロー】タスクが割り当てられました: " + task.name(),
        "次のタスクがあなたに割り当てられました。\n\n" + describe(task, baseUrl)
            + "\n\n(A task was assigned to you.)");
  }

  public Notification escalated(String to, TaskInfo task, String baseUrl) {
    return new Notification(List.of(to), "【施策フロー】遅延のエスカレーション: " + task.initiativeTitle(),
        "予定の期限を過ぎた段階があります。対応してください。\n\n" + describe(task, baseUrl)
            + "\n\n(A phase is overdue and needs a manager's attention.)");
  }

  public Notification digest(String to, String group, List<TaskInfo> dueSoon, List<TaskInfo> overdue, String baseUrl) {
    StringBuilder body = new StringBuilder(group + " のタスクの期限のお知らせです。\n");
    if (!overdue.isEmpty()) {
      body.append("\n■ 期限切れ (").append(overdue.size()).append("件)\n")
          .append(overdue.stream().map(t -> describe(t, baseUrl)).collect(Collectors.joining("\n\n")));
    }
    if (!dueSoon.isEmpty()) {
      body.append("\n\n■ 期限が近いタスク (").append(dueSoon.size()).append("件)\n")
          .append(dueSoon.stream().map(t -> describe(t, baseUrl)).collect(Collectors.joining("\n\n")));
    }
    body.append("\n\n(Tasks of ").append(group).append(" that are overdue or due soon.)");
    return new Notification(List.of(to), "【施策フロー】期限切れ " + overdue.size() + "件・期限間近 " + dueSoon.size()
        + "件 (" + group + ")", body.toString());
  }

  private String describe(TaskInfo task, String baseUrl) {
    return "・" + task.name() + (task.initiativeTitle() == null ? "" : "（" + task.initiativeTitle() + "）")
        + (task.due() == null ? "" : "\n  期限: " + CityTime.today(task.due()).format(DATE))
        + (task.businessKey() == null ? "" : "\n  施策: " + task.businessKey())
        + "\n  " + taskLink(baseUrl, task.id());
  }
}
