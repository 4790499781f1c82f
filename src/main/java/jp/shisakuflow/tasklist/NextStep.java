package jp.shisakuflow.tasklist;

import java.util.List;

/**
 * What happens next in a process instance, after a person completed a task of it: the instance's open tasks
 * and who has them, and one sentence saying so in Japanese ({@code text}), which Tasklist shows as it is.
 *
 * @param processInstanceId the instance asked about
 * @param finished whether the instance has ended
 * @param text 「次は「モデル実施」（高津区役所）です」, 「この取組は完了しました（継続実施）」 …
 * @param tasks the open tasks, the newest first
 */
public record NextStep(String processInstanceId, boolean finished, String text, List<OpenTask> tasks) {

  public NextStep {
    tasks = List.copyOf(tasks);
  }

  /**
   * An open task of the instance.
   *
   * @param name the task's name
   * @param assigneeName the name of the person who has it; null when nobody has claimed it
   * @param candidateNames the Japanese names of the groups (and people) it is offered to
   * @param whoText who has it, in words: the assignee's name, else the candidates joined with 「、」
   */
  public record OpenTask(String id, String name, String assigneeName, List<String> candidateNames, String whoText) {

    public OpenTask {
      candidateNames = List.copyOf(candidateNames);
    }
  }
}
