package jp.shisakuflow.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import jp.shisakuflow.progress.ProgressReport.Phase;
import jp.shisakuflow.progress.ProgressReport.Summary;
import jp.shisakuflow.time.CityTime;

/**
 * Plan against actual, without the engine: given an initiative's planned phases and the times its
 * phase tasks ran, where it stands on a date.
 */
public final class ProgressCalculator {

  /** The decision after the last stage, and continued implementation when it was not planned. */
  static final String DECISION = "decision";

  /** One initiative as read from the engine. */
  public record Snapshot(String businessKey, String processInstanceId, String initiativeId, String title,
      String workstream, String ownerGroup, List<PlannedPhase> phases, Instant ended, boolean delayFlagged,
      List<TaskRun> taskRuns) {}

  /** One run of a phase task: which task, and when it was open. */
  public record TaskRun(String taskKey, Instant start, Instant end) {}

  private ProgressCalculator() {}

  public static InitiativeProgress progress(Snapshot s, LocalDate asOf) {
    Instant endOfDay = CityTime.startOf(asOf.plusDays(1)).toInstant();
    Optional<PlannedPhase> planned = s.phases().stream().filter(p -> p.contains(asOf)).findFirst();
    Phase plannedPhase = planned.map(p -> new Phase(p.key(), p.name(), p.startDay(), p.endDay(), p.periodTextJa())).orElse(null);
    if (s.ended() != null && !s.ended().isAfter(endOfDay)) {
      return result(s, plannedPhase, null, ProgressStatus.COMPLETED, 0);
    }
    List<TaskRun> steps = s.taskRuns().stream()
        .filter(r -> r.taskKey().equals(InitiativeSteps.Element.TASK_STEP))
        .sorted(Comparator.comparing(TaskRun::start)).toList();
    Optional<TaskRun> open = s.taskRuns().stream()
        .filter(r -> isPhaseTask(r.taskKey()) && r.start().isBefore(endOfDay)
            && (r.end() == null || r.end().isAfter(endOfDay)))
        .max(Comparator.comparing(TaskRun::start));
    if (open.isEmpty()) {
      return result(s, plannedPhase, null, ProgressStatus.ON_SCHEDULE, 0);
    }
    int actualIndex = phaseIndex(s.phases(), open.get(), steps);
    Optional<PlannedPhase> actualPlanned = actualIndex < s.phases().size()
        ? Optional.of(s.phases().get(actualIndex)) : Optional.empty();
    LocalDate since = CityTime.today(java.util.Date.from(open.get().start()));
    Phase actualPhase = actualPlanned
        .map(p -> new Phase(p.key(), p.name(), since, p.endDay(), null))
        .orElse(new Phase(DECISION, open.get().taskKey().equals(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR)
            ? InitiativeLifecycle.DECISION_NAME : Stage.CONTINUE_IMPLEMENTATION.labelJa(), since, null, null));
    int plannedIndex = planned.map(s.phases()::indexOf)
        .orElse(s.phases().isEmpty() || asOf.isAfter(s.phases().get(s.phases().size() - 1).endDay())
            ? s.phases().size() : -1);
    LocalDate actualEnd = actualPlanned.map(PlannedPhase::endDay)
        .orElse(s.phases().isEmpty() ? null : jp.shisakuflow.time.FiscalYear.end(
            jp.shisakuflow.time.FiscalYear.containing(s.phases().get(0).startDay())));
    if (actualEnd != null && actualEnd.isBefore(asOf)) {
      return result(s, plannedPhase, actualPhase, ProgressStatus.DELAYED, ChronoUnit.DAYS.between(actualEnd, asOf));
    }
    // Vague phases may overlap (a quarter and a month inside it): being in a phase whose window holds the day is
    // on schedule, whichever of the overlapping phases the plan lists first.
    if (actualPlanned.isPresent() && actualPlanned.get().contains(asOf)) {
      return result(s, plannedPhase, actualPhase, ProgressStatus.ON_SCHEDULE, 0);
    }
    if (actualIndex < plannedIndex) {
      return result(s, plannedPhase, actualPhase, ProgressStatus.DELAYED, 0);
    }
    if (actualIndex > plannedIndex && plannedIndex >= 0) {
      return result(s, plannedPhase, actualPhase, ProgressStatus.AHEAD, 0);
    }
    return result(s, plannedPhase, actualPhase, ProgressStatus.ON_SCHEDULE, 0);
  }

  public static List<Summary> summarize(List<InitiativeProgress> progress, Function<InitiativeProgress, String> key) {
    Map<String, int[]> counts = new TreeMap<>();
    for (InitiativeProgress p : progress) {
      int[] c = counts.computeIfAbsent(key.apply(p), k -> new int[5]);
      c[0]++;
      c[1 + p.status().ordinal()]++;
    }
    List<Summary> summaries = new ArrayList<>();
    counts.forEach((k, c) -> summaries.add(new Summary(k, c[0], c[1], c[2], c[3], c[4])));
    return summaries;
  }

  private static int phaseIndex(List<PlannedPhase> phases, TaskRun run, List<TaskRun> steps) {
    if (run.taskKey().equals(InitiativeSteps.Element.TASK_STEP)) {
      return steps.indexOf(run);
    }
    return Stage.ofTask(run.taskKey())
        .flatMap(stage -> phases.stream().filter(p -> p.stage() == stage).findFirst())
        .map(phases::indexOf)
        .orElse(phases.size());
  }

  public static boolean isPhaseTask(String taskKey) {
    return taskKey.equals(InitiativeSteps.Element.TASK_STEP)
        || taskKey.equals(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR)
        || Stage.ofTask(taskKey).isPresent();
  }

  private static InitiativeProgress result(Snapshot s, Phase planned, Phase actual, ProgressStatus status,
      long daysLate) {
    return new InitiativeProgress(s.businessKey(), s.processInstanceId(), s.initiativeId(), s.title(), s.workstream(),
        s.ownerGroup(), planned, actual, status, status.labelJa(), daysLate, s.delayFlagged(),
        s.phases().stream().map(p -> new Phase(p.key(), p.name(), p.startDay(), p.endDay(), p.periodTextJa())).toList());
  }
}
