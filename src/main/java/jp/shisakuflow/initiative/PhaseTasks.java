package jp.shisakuflow.initiative;

import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.springframework.stereotype.Service;

/**
 * What a task of an initiative is called and when it is due, from the plan; and how a phase that
 * overran its plan is recorded.
 */
@Service
public class PhaseTasks {

  static final Duration ESCALATION_DUE = Duration.ofDays(7);
  static final String SEPARATOR = "：";

  /**
   * A task's name as staff read it in Tasklist, its due date, and its description: the planned period as
   * precise as the plan is, and who it belongs to (null: nothing to say).
   */
  public record Label(String name, Date dueDate, String description) {

    public Label(String name, Date dueDate) {
      this(name, dueDate, null);
    }
  }

  /** What a task needs to know about its instance; {@code owners} its owners in words ({@link OwnersText}). */
  public record Context(String taskKey, String modelName, List<PlannedPhase> phases, int fiscalYear,
      int loopCounter, String overduePhase, Date now, String owners) {

    public Context(String taskKey, String modelName, List<PlannedPhase> phases, int fiscalYear, int loopCounter,
        String overduePhase, Date now) {
      this(taskKey, modelName, phases, fiscalYear, loopCounter, overduePhase, now, null);
    }
  }

  public Label label(Context c) {
    if (c.taskKey().equals(InitiativeSteps.Element.TASK_STEP)) {
      Optional<PlannedPhase> step = step(c.phases(), c.loopCounter());
      return new Label(step.map(PlannedPhase::name).orElse(c.modelName()),
          CityTime.dueAt(step.map(PlannedPhase::endDay).orElse(FiscalYear.end(c.fiscalYear()))),
          description(PLANNED, step, c.owners()));
    }
    if (c.taskKey().equals(InitiativeLifecycle.Element.TASK_HANDLE_DELAY)
        || c.taskKey().equals(InitiativeSteps.Element.TASK_HANDLE_DELAY)) {
      Optional<PlannedPhase> overdue = phase(c.phases(), c.overduePhase());
      String phaseName = overdue.map(PlannedPhase::name)
          .or(() -> Stage.fromCode(c.overduePhase()).map(Stage::labelJa))
          .orElse(c.overduePhase());
      return new Label(c.modelName() + SEPARATOR + phaseName, Date.from(c.now().toInstant().plus(ESCALATION_DUE)),
          description(OVERDUE_PLANNED, overdue, c.owners()));
    }
    Optional<Stage> stage = Stage.ofTask(c.taskKey());
    if (stage.isPresent()) {
      Optional<PlannedPhase> phase = phase(c.phases(), stage.get().code());
      String name = phase.map(PlannedPhase::name)
          .filter(planned -> !planned.equals(c.modelName()))
          .map(planned -> c.modelName() + SEPARATOR + planned)
          .orElse(c.modelName());
      return new Label(name, CityTime.dueAt(phase.map(PlannedPhase::endDay).orElse(FiscalYear.end(c.fiscalYear()))),
          description(PLANNED, phase, c.owners()));
    }
    return new Label(c.modelName(), CityTime.dueAt(FiscalYear.end(c.fiscalYear())),
        description(PLANNED, Optional.empty(), c.owners()));
  }

  /**
   * A step's task named with its initiative (「継続実施：施策名」): a list of three cards called 「継続実施」 says
   * nothing of whose step each is.
   */
  public static String withInitiative(String stepName, String title) {
    return title == null || title.isBlank() ? stepName : stepName + SEPARATOR + title;
  }

  /** Whether a task's name is that of the given step, with or without its initiative. */
  public static boolean namesStep(String taskName, String stepName) {
    return taskName != null && (taskName.equals(stepName) || taskName.startsWith(stepName + SEPARATOR));
  }

  static final String PLANNED = "予定: ";
  static final String OVERDUE_PLANNED = "遅れている段階の予定: ";

  /**
   * 「予定: 第1四半期〜第2四半期（期限は 9月30日）／主担当: …」: the period as the plan gives it, and where its end
   * is vague the day the task is due by; then the owners. Null when there is nothing to say.
   */
  static String description(String prefix, Optional<PlannedPhase> phase, String owners) {
    List<String> parts = new java.util.ArrayList<>();
    phase.ifPresent(p -> parts.add(prefix + p.periodTextJa() + (p.end().isExact() ? ""
        : "（期限は " + p.endDay().getMonthValue() + "月" + p.endDay().getDayOfMonth() + "日）")));
    if (owners != null && !owners.isBlank()) {
      parts.add(owners);
    }
    return parts.isEmpty() ? null : String.join(OwnersText.SEPARATOR, parts);
  }

  /** The phase key an overdue timer stands for: the stage it watches, or the current step. */
  public String overduePhase(String eventId, List<PlannedPhase> phases, int loopCounter) {
    String stage = InitiativeLifecycle.Element.OVERDUE_EVENT_PHASE.get(eventId);
    if (stage != null) {
      return stage;
    }
    return step(phases, loopCounter).map(PlannedPhase::key).orElse("step" + (loopCounter + 1));
  }

  /** The comma-separated list of delayed phases with one more phase in it (each phase once). */
  public String withDelayedPhase(Object delayedPhases, String phaseKey) {
    Set<String> keys = new LinkedHashSet<>();
    if (delayedPhases instanceof String s && !s.isBlank()) {
      keys.addAll(List.of(s.split(",")));
    }
    keys.add(phaseKey);
    return String.join(",", keys);
  }

  private static Optional<PlannedPhase> phase(List<PlannedPhase> phases, String key) {
    return phases.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  private static Optional<PlannedPhase> step(List<PlannedPhase> phases, int index) {
    return index >= 0 && index < phases.size() ? Optional.of(phases.get(index)) : Optional.empty();
  }
}
