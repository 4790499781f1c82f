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

  /** A task's name as staff read it in Tasklist, and its due date. */
  public record Label(String name, Date dueDate) {}

  /** What a task needs to know about its instance. */
  public record Context(String taskKey, String modelName, List<PlannedPhase> phases, int fiscalYear,
      int loopCounter, String overduePhase, Date now) {}

  public Label label(Context c) {
    if (c.taskKey().equals(InitiativeSteps.Element.TASK_STEP)) {
      Optional<PlannedPhase> step = step(c.phases(), c.loopCounter());
      return new Label(step.map(PlannedPhase::name).orElse(c.modelName()),
          CityTime.dueAt(step.map(PlannedPhase::endDay).orElse(FiscalYear.end(c.fiscalYear()))));
    }
    if (c.taskKey().equals(InitiativeLifecycle.Element.TASK_HANDLE_DELAY)
        || c.taskKey().equals(InitiativeSteps.Element.TASK_HANDLE_DELAY)) {
      String phaseName = phase(c.phases(), c.overduePhase()).map(PlannedPhase::name)
          .or(() -> Stage.fromCode(c.overduePhase()).map(Stage::labelJa))
          .orElse(c.overduePhase());
      return new Label(c.modelName() + SEPARATOR + phaseName, Date.from(c.now().toInstant().plus(ESCALATION_DUE)));
    }
    Optional<Stage> stage = Stage.ofTask(c.taskKey());
    if (stage.isPresent()) {
      Optional<PlannedPhase> phase = phase(c.phases(), stage.get().code());
      String name = phase.map(PlannedPhase::name)
          .filter(planned -> !planned.equals(c.modelName()))
          .map(planned -> c.modelName() + SEPARATOR + planned)
          .orElse(c.modelName());
      return new Label(name, CityTime.dueAt(phase.map(PlannedPhase::endDay).orElse(FiscalYear.end(c.fiscalYear()))));
    }
    return new Label(c.modelName(), CityTime.dueAt(FiscalYear.end(c.fiscalYear())));
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
