package jp.shisakuflow.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.progress.ProgressCalculator.TaskRun;

/**
 * What progress reads about one instance of a year, an initiative's or a plan's, wherever it was read from (the
 * engine's history, or the read model): its variables as {@link ProgressService#VARIABLES} names them (strings, the
 * {@code delayed} flag a Boolean) and the runs of its phase tasks.
 */
public record InstanceRecord(String id, String businessKey, String processKey, String tenantId, Instant started,
    Instant ended, Map<String, Object> variables, List<Run> runs) {

  public InstanceRecord {
    variables = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables));
    // One order whatever the source: runs opened at the same moment (a fanned-out phase) keep a stable order.
    runs = runs.stream().sorted(java.util.Comparator.comparing(Run::start, java.util.Comparator.nullsFirst(
        java.util.Comparator.naturalOrder())).thenComparing(Run::taskId, java.util.Comparator.nullsFirst(
        java.util.Comparator.naturalOrder()))).toList();
  }

  public boolean plan() {
    return FiscalYearPlan.PROCESS_KEY.equals(processKey);
  }

  public List<TaskRun> taskRuns() {
    return runs.stream().map(Run::taskRun).toList();
  }

  /** One run of a user task: its task id (to end it later), which task, and when it was open. */
  public record Run(String taskId, String taskKey, Instant start, Instant end) {

    TaskRun taskRun() {
      return new TaskRun(taskKey, start, end);
    }
  }
}
