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
import jp.shisakuflow.initiative.OwnersText;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.initiative.WardScope;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import jp.shisakuflow.progress.ProgressReport.Link;
import jp.shisakuflow.progress.ProgressReport.Owners;
import jp.shisakuflow.progress.ProgressReport.Phase;
import jp.shisakuflow.progress.ProgressReport.Waiting;
import jp.shisakuflow.progress.ProgressReport.Summary;
import jp.shisakuflow.time.CityTime;

/**
 * Plan against actual, without the engine: given an initiative's planned phases and the times its
 * phase tasks ran, where it stands on a date.
 */
public final class ProgressCalculator {

  /** The decision after the last stage, and continued implementation when it was not planned. */
  static final String DECISION = "decision";

  /**
   * One initiative as read from the engine, with its owners (from its variables) and its links (from its plan);
   * {@code planKey} the plan instance it belongs to (null: none known).
   */
  public record Snapshot(String businessKey, String processInstanceId, String initiativeId, String title,
      String workstream, String ownerGroup, List<PlannedPhase> phases, Instant ended, boolean delayFlagged,
      List<TaskRun> taskRuns, Owners owners, List<Link> links, String planKey) {

    /** An initiative led by its owner group alone, without links or plan. */
    public Snapshot(String businessKey, String processInstanceId, String initiativeId, String title,
        String workstream, String ownerGroup, List<PlannedPhase> phases, Instant ended, boolean delayFlagged,
        List<TaskRun> taskRuns) {
      this(businessKey, processInstanceId, initiativeId, title, workstream, ownerGroup, phases, ended, delayFlagged,
          taskRuns, new Owners(ownerGroup, List.of(), List.of(), List.of(), WardScope.Mode.NONE.name(), List.of(),
              OwnersText.of(ownerGroup, List.of(), List.of(), List.of(), null, List.of())), List.of(), null);
    }
  }

  /** One run of a phase task: which task, and when it was open. */
  public record TaskRun(String taskKey, Instant start, Instant end) {}

  private ProgressCalculator() {}

  public static InitiativeProgress progress(Snapshot s, LocalDate asOf) {
    Instant endOfDay = CityTime.startOf(asOf.plusDays(1)).toInstant();
    Optional<PlannedPhase> planned = s.phases().stream().filter(p -> p.contains(asOf)).findFirst();
    Phase plannedPhase = planned.map(p -> new Phase(p.key(), p.name(), p.startDay(), p.endDay(), p.periodTextJa())).orElse(null);
    List<TaskRun> steps = s.taskRuns().stream()
        .filter(r -> r.taskKey().equals(InitiativeSteps.Element.TASK_STEP))
        .sorted(Comparator.comparing(TaskRun::start)).toList();
    if (s.ended() != null && !s.ended().isAfter(endOfDay)) {
      return result(s, plannedPhase, null, ProgressStatus.COMPLETED, 0, history(s, steps, endOfDay), day(s.ended()));
    }
    List<Phase> history = history(s, steps, endOfDay);
    Optional<TaskRun> open = s.taskRuns().stream()
        .filter(r -> isPhaseTask(r.taskKey()) && r.start().isBefore(endOfDay)
            && (r.end() == null || r.end().isAfter(endOfDay)))
        .max(Comparator.comparing(TaskRun::start));
    if (open.isEmpty()) {
      return result(s, plannedPhase, null, ProgressStatus.ON_SCHEDULE, 0, history, null);
    }
    int actualIndex = phaseIndex(s.phases(), open.get(), steps);
    Optional<PlannedPhase> actualPlanned = actualIndex < s.phases().size()
        ? Optional.of(s.phases().get(actualIndex)) : Optional.empty();
    LocalDate since = CityTime.today(java.util.Date.from(open.get().start()));
    Phase actualPhase = actualPlanned
        .map(p -> new Phase(p.key(), p.name(), since, p.endDay(), null))
        .orElse(new Phase(DECISION, beyondPlanName(open.get()), since, null, null));
    int plannedIndex = planned.map(s.phases()::indexOf)
        .orElse(s.phases().isEmpty() || asOf.isAfter(s.phases().get(s.phases().size() - 1).endDay())
            ? s.phases().size() : -1);
    LocalDate actualEnd = actualPlanned.map(PlannedPhase::endDay)
        .orElse(s.phases().isEmpty() ? null : jp.shisakuflow.time.FiscalYear.end(
            jp.shisakuflow.time.FiscalYear.containing(s.phases().get(0).startDay())));
    if (actualEnd != null && actualEnd.isBefore(asOf)) {
      return result(s, plannedPhase, actualPhase, ProgressStatus.DELAYED, ChronoUnit.DAYS.between(actualEnd, asOf),
          history, null);
    }
    // Vague phases may overlap (a quarter and a month inside it): being in a phase whose window holds the day is
    // on schedule, whichever of the overlapping phases the plan lists first.
    if (actualPlanned.isPresent() && actualPlanned.get().contains(asOf)) {
      return result(s, plannedPhase, actualPhase, ProgressStatus.ON_SCHEDULE, 0, history, null);
    }
    if (actualIndex < plannedIndex) {
      return result(s, plannedPhase, actualPhase, ProgressStatus.DELAYED, 0, history, null);
    }
    if (actualIndex > plannedIndex && plannedIndex >= 0) {
      return result(s, plannedPhase, actualPhase, ProgressStatus.AHEAD, 0, history, null);
    }
    return result(s, plannedPhase, actualPhase, ProgressStatus.ON_SCHEDULE, 0, history, null);
  }

  public static List<Summary> summarize(List<InitiativeProgress> progress, Function<InitiativeProgress, String> key) {
    Map<String, int[]> counts = new TreeMap<>();
    for (InitiativeProgress p : progress) {
      // An initiative without an owner (started by hand) is counted under no one's name rather than failing.
      tally(counts, java.util.Objects.requireNonNullElse(key.apply(p), ""), p.status(), 1);
    }
    return summaries(counts);
  }

  /** Adds {@code n} initiatives of a status to a key's counts (total, then one count per status). */
  static void tally(Map<String, int[]> counts, String key, ProgressStatus status, int n) {
    int[] c = counts.computeIfAbsent(key, k -> new int[1 + ProgressStatus.values().length]);
    c[0] += n;
    c[1 + status.ordinal()] += n;
  }

  /** The counts as summaries, in their map's order. */
  static List<Summary> summaries(Map<String, int[]> counts) {
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
      long daysLate, List<Phase> history, LocalDate completed) {
    return new InitiativeProgress(s.businessKey(), s.processInstanceId(), s.initiativeId(), s.title(), s.workstream(),
        s.ownerGroup(), planned, actual, status, status.labelJa(), daysLate, s.delayFlagged(),
        s.phases().stream().map(p -> new Phase(p.key(), p.name(), p.startDay(), p.endDay(), p.periodTextJa())).toList(),
        s.owners(), s.links(), List.of(), history, completed, completed == null ? null : dayText(completed) + "に完了");
  }

  /**
   * The phases as they ran, oldest first: each run of a phase task opened by the end of the day, from the day it
   * opened to the day it was done (still open on that day: no end). A step's run is the plan's phase of that
   * step; the next-year decision and continued implementation are named as such.
   */
  static List<Phase> history(Snapshot s, List<TaskRun> steps, Instant endOfDay) {
    return s.taskRuns().stream()
        .filter(r -> isPhaseTask(r.taskKey()) && r.start().isBefore(endOfDay))
        .sorted(Comparator.comparing(TaskRun::start))
        .map(r -> {
          int index = phaseIndex(s.phases(), r, steps);
          LocalDate start = day(r.start());
          LocalDate end = r.end() == null || r.end().isAfter(endOfDay) ? null : day(r.end());
          String period = dayText(start) + "〜" + (end == null ? "（実施中）" : dayText(end));
          return index < s.phases().size()
              ? new Phase(s.phases().get(index).key(), s.phases().get(index).name(), start, end, period)
              : new Phase(DECISION, beyondPlanName(r), start, end, period);
        })
        .toList();
  }

  /** A phase task past the plan's phases: the next-year decision, else continued implementation. */
  private static String beyondPlanName(TaskRun run) {
    return run.taskKey().equals(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR)
        ? InitiativeLifecycle.DECISION_NAME : Stage.CONTINUE_IMPLEMENTATION.labelJa();
  }

  private static LocalDate day(Instant instant) {
    return CityTime.today(java.util.Date.from(instant));
  }

  /** A day as the chart's tooltips say it: 「4月1日」 (the chart shows one fiscal year). */
  static String dayText(LocalDate day) {
    return day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }

  /**
   * Whether an item's planned work is done: its instance completed, or it is past its planned phases (at its
   * next-year decision or in continued implementation, which the lifecycle runs until the year's end).
   */
  static boolean finished(InitiativeProgress p) {
    return p.status() == ProgressStatus.COMPLETED || p.actualPhase() != null && DECISION.equals(p.actualPhase().key());
  }

  /**
   * Each initiative with the predecessors it waits for: a {@code follows} link to an item of the same plan
   * (same {@code planOf}, same year: one report) that is not {@link #finished}, while this one is under way
   * (not completed, and in a phase or planned to be).
   */
  public static List<InitiativeProgress> withWaiting(List<InitiativeProgress> progress,
      Function<InitiativeProgress, String> planOf) {
    Map<String, InitiativeProgress> byPlanAndId = new java.util.HashMap<>();
    progress.forEach(p -> byPlanAndId.put(planOf.apply(p) + "|" + p.initiativeId(), p));
    return progress.stream().map(p -> {
      boolean underWay = p.status() != ProgressStatus.COMPLETED
          && (p.actualPhase() != null || p.plannedPhase() != null);
      if (!underWay || planOf.apply(p) == null) {
        return p;
      }
      List<Waiting> waiting = p.links().stream()
          .filter(l -> l.kind().equals(jp.shisakuflow.plan.PlanLink.Kind.FOLLOWS.code()))
          .map(l -> byPlanAndId.get(planOf.apply(p) + "|" + l.target()))
          .filter(pre -> pre != null && !finished(pre))
          .map(pre -> new Waiting(pre.initiativeId(), pre.title(), pre.status(), pre.statusLabel()))
          .toList();
      return waiting.isEmpty() ? p : p.waitingFor(waiting);
    }).toList();
  }
}
