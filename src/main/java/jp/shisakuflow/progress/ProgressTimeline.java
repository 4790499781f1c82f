package jp.shisakuflow.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.PhasePlanCodec;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.progress.ProgressCalculator.Snapshot;
import jp.shisakuflow.progress.ProgressCalculator.TaskRun;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;

/**
 * An initiative's status on every day, as {@link ProgressCalculator#progress} answers it from what is known of it now:
 * a few intervals, each from its first day (the first: from any day before) to the next one's, with one status. The
 * status changes only on the days where one of the calculator's comparisons can change its outcome (a planned phase's
 * first day and the day after its last, the day after the fiscal year's end, the days around each task run's start
 * and end and the instance's end), so the calculator itself is asked once per such day and once before the first;
 * equal neighbours are merged. Exact by construction; what the progress read model keeps per row so that the year's
 * counts on any day are a {@code GROUP BY} (progress.model).
 */
public final class ProgressTimeline {

  /** From {@code from} (null: from any earlier day) until the next interval's {@code from}: {@code status}. */
  public record Interval(LocalDate from, ProgressStatus status) {}

  private ProgressTimeline() {}

  /** The intervals of an instance of the read model or the history (an initiative's, not a plan's). */
  public static List<Interval> of(InstanceRecord instance) {
    return of(statusSnapshot(instance));
  }

  /** The status on a day from the intervals. */
  public static ProgressStatus statusOn(List<Interval> intervals, LocalDate day) {
    ProgressStatus status = null;
    for (Interval interval : intervals) {
      if (interval.from() != null && interval.from().isAfter(day)) {
        break;
      }
      status = interval.status();
    }
    return status;
  }

  static List<Interval> of(Snapshot s) {
    TreeSet<LocalDate> days = new TreeSet<>();
    for (PlannedPhase phase : s.phases()) {
      days.add(phase.startDay());
      days.add(phase.endDay().plusDays(1));
    }
    if (!s.phases().isEmpty()) {
      days.add(FiscalYear.end(FiscalYear.containing(s.phases().get(0).startDay())).plusDays(1));
    }
    around(days, s.ended());
    for (TaskRun run : s.taskRuns()) {
      around(days, run.start());
      around(days, run.end());
    }
    List<Interval> intervals = new ArrayList<>();
    LocalDate before = days.isEmpty() ? LocalDate.of(2000, 1, 1) : days.first().minusDays(1);
    intervals.add(new Interval(null, ProgressCalculator.progress(s, before).status()));
    for (LocalDate day : days) {
      ProgressStatus status = ProgressCalculator.progress(s, day).status();
      if (status != intervals.get(intervals.size() - 1).status()) {
        intervals.add(new Interval(day, status));
      }
    }
    return List.copyOf(intervals);
  }

  /** A moment's day and its neighbours (a moment at midnight counts for the day before, as the end of that day). */
  private static void around(TreeSet<LocalDate> days, Instant moment) {
    if (moment != null) {
      LocalDate day = CityTime.today(java.util.Date.from(moment));
      days.add(day.minusDays(1));
      days.add(day);
      days.add(day.plusDays(1));
    }
  }

  /** What the status depends on: the planned phases, the task runs and the end (names and owners do not matter). */
  static Snapshot statusSnapshot(InstanceRecord instance) {
    List<PlannedPhase> phases = PhasePlanCodec.read(instance.variables().get(InitiativeLifecycle.Var.PHASE_PLAN));
    return new Snapshot(instance.businessKey(), instance.id(), instance.businessKey(), "", "", null, phases,
        instance.ended(), false, instance.taskRuns());
  }
}
