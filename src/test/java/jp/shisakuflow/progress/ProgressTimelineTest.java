package jp.shisakuflow.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.progress.ProgressCalculator.Snapshot;
import jp.shisakuflow.progress.ProgressCalculator.TaskRun;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.junit.jupiter.api.Test;

/**
 * The status intervals the read model keeps are the calculator's answer on every day: random initiatives (canonical
 * stages or steps, runs opened and closed at random moments, midnight among them, ended or not) against the calculator
 * asked day by day from two months before the year to two months after it.
 */
class ProgressTimelineTest {

  static final int YEAR = 2019;

  @Test
  void theIntervalsAreTheCalculatorsAnswerOnEveryDay() {
    long seed = Long.getLong("progress.timeline.seed", System.nanoTime());
    Random random = new Random(seed);
    Set<String> seen = new TreeSet<>();
    int mostIntervals = 0;
    for (int n = 0; n < 400; n++) {
      Snapshot s = randomSnapshot(random);
      List<ProgressTimeline.Interval> intervals = ProgressTimeline.of(s);
      mostIntervals = Math.max(mostIntervals, intervals.size());
      assertThat(intervals.get(0).from()).isNull();
      for (int i = 1; i < intervals.size(); i++) {
        assertThat(intervals.get(i).status()).as("merged neighbours").isNotEqualTo(intervals.get(i - 1).status());
      }
      for (LocalDate day = FiscalYear.start(YEAR).minusMonths(2); day.isBefore(FiscalYear.end(YEAR).plusMonths(2));
          day = day.plusDays(1)) {
        ProgressStatus expected = ProgressCalculator.progress(s, day).status();
        assertThat(ProgressTimeline.statusOn(intervals, day)).as("seed %d, initiative %d on %s: %s", seed, n, day, s)
            .isEqualTo(expected);
        seen.add(expected.name());
      }
    }
    assertThat(seen).as("every status met (seed %d)", seed).containsExactlyInAnyOrder("ON_SCHEDULE", "AHEAD",
        "DELAYED", "COMPLETED");
    // Random plans overlap and jump more than lifecycles do: some need more intervals than a row keeps (the read
    // model then computes that row on each read, ProgressModel.MAX_INTERVALS).
    assertThat(mostIntervals).as("timelines of several intervals compared (seed %d)", seed).isGreaterThanOrEqualTo(3);
  }

  private static Snapshot randomSnapshot(Random random) {
    boolean steps = random.nextBoolean();
    List<PlannedPhase> phases = new ArrayList<>();
    if (random.nextInt(5) > 0) {
      LocalDate from = FiscalYear.start(YEAR).plusDays(random.nextInt(60));
      for (int i = 0; i < 2 + random.nextInt(3); i++) {
        LocalDate to = from.plusDays(random.nextInt(80));
        Stage stage = List.of(Stage.COORDINATE, Stage.IMPLEMENT_MODEL, Stage.VERIFY).get(Math.min(i, 2));
        phases.add(new PlannedPhase(steps ? "step" + i : stage.code(), steps ? null : stage, "段階" + i, from, to));
        // Overlapping windows now and then, as vague phases have them.
        from = to.plusDays(random.nextInt(20) - 5);
      }
    }
    List<TaskRun> runs = new ArrayList<>();
    Instant at = moment(random, FiscalYear.start(YEAR).plusDays(random.nextInt(40)));
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      String key = steps ? InitiativeSteps.Element.TASK_STEP
          : random.nextInt(6) == 0 ? InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR
          : List.of(InitiativeLifecycle.Element.TASK_COORDINATE, InitiativeLifecycle.Element.TASK_IMPLEMENT_MODEL,
              InitiativeLifecycle.Element.TASK_VERIFY).get(Math.min(i, 2));
      boolean open = i == count - 1 && random.nextBoolean();
      Instant end = open ? null : moment(random, CityTime.today(java.util.Date.from(at)).plusDays(random.nextInt(90)));
      runs.add(new TaskRun(key, at, end));
      if (end != null) {
        at = end;
      }
    }
    Instant ended = !runs.isEmpty() && runs.get(runs.size() - 1).end() != null && random.nextBoolean()
        ? runs.get(runs.size() - 1).end() : null;
    return new Snapshot("FY2019-t", "id", "t", "題名", "ws", "group", phases, ended, false, runs);
  }

  /** A moment of the day: at midnight sometimes (the end of the day before), else at a random time. */
  private static Instant moment(Random random, LocalDate day) {
    LocalTime time = random.nextInt(4) == 0 ? LocalTime.MIDNIGHT : LocalTime.of(random.nextInt(24), random.nextInt(60));
    return day.atTime(time).atZone(CityTime.ZONE).toInstant();
  }
}
