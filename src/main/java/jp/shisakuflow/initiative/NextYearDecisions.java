package jp.shisakuflow.initiative;

import java.time.LocalDate;
import java.util.Optional;
import jp.shisakuflow.time.FiscalYear;
import org.springframework.stereotype.Service;

/**
 * A next-year decision taken when next year may already have begun. Before 1 April the year-end rollover
 * reads the decision itself; after it (the decision is due on the last day of the year, and is often
 * late) the rollover has run on the plan's outcome, so the decision decides next year's instance here:
 * starts it if none was started, re-plans it if it differs, or withdraws it, and records on it who
 * decided what and when.
 */
@Service
public class NextYearDecisions {

  /** What a decision did to next year. */
  public enum Action {
    /** Nothing yet: the rollover (1 April) reads the decision; or nothing continues and nothing exists. */
    LEFT_TO_ROLLOVER,
    STARTED,
    /** Next year's instance already was what the decision says; the decision is recorded on it. */
    CONFIRMED,
    CHANGED,
    /** Next year's instance ran the other process: withdrawn, and started again under the decision. */
    REPLACED,
    WITHDRAWN,
    /** Next year's instance exists but was not rolled over from this one (next year's plan started it), or
     *  has ended: the decision is noted on it, its plan is left as it is. */
    NOTED
  }

  public record Result(Action action, String processInstanceId) {}

  private final NextYearInstances instances;
  private final NextYearWards wards;

  public NextYearDecisions(NextYearInstances instances, NextYearWards wards) {
    this.instances = instances;
    this.wards = wards;
  }

  /**
   * @param today the city's date when the decision was taken
   */
  public Result apply(NextYearDecision decision, LocalDate today) {
    InitiativeStart thisYear = decision.thisYear();
    int nextYear = thisYear.fiscalYear() + 1;
    Optional<NextYearInstances.Found> found = instances.find(decision.nextBusinessKey());
    if (found.isEmpty()) {
      // The rollover starts only what a plan started, and only in the year itself: a decision years late
      // does not open a year long past.
      boolean rolloverPassed = !today.isBefore(FiscalYear.start(nextYear)) && !today.isAfter(FiscalYear.end(nextYear));
      if (!rolloverPassed || thisYear.planKey() == null) {
        return new Result(Action.LEFT_TO_ROLLOVER, null);
      }
      Optional<InitiativeStart> next = next(decision);
      if (next.isEmpty()) {
        return new Result(Action.LEFT_TO_ROLLOVER, null);
      }
      String id = instances.startIfAbsent(next.get()).orElseThrow();
      instances.record(id, decision, "次年度の取組を開始 (started)");
      return new Result(Action.STARTED, id);
    }
    NextYearInstances.Found instance = found.get();
    String id = instance.processInstanceId();
    if (!instance.running() || !decision.businessKey().equals(instance.previousBusinessKey())) {
      if (instance.running()) {
        instances.record(id, decision, "次年度の計画による取組のため変更なし (started by next year's plan: left as planned)");
      }
      return new Result(Action.NOTED, id);
    }
    Optional<InitiativeStart> next = next(decision);
    if (next.isEmpty()) {
      instances.record(id, decision, "次年度の取組を取り下げ (withdrawn)");
      instances.withdraw(id, "次年度方針の決定により取り下げ: " + decision.describe());
      return new Result(Action.WITHDRAWN, id);
    }
    InitiativeStart start = next.get();
    if (instance.matches(start)) {
      instances.record(id, decision, "計画どおり (as rolled over)");
      instances.carryOverContinuation(start);
      return new Result(Action.CONFIRMED, id);
    }
    String change = InitiativeRevision.describe(instance.phases()) + " → " + InitiativeRevision.describe(start.phases());
    if (instance.processKey().equals(start.processKey())) {
      instances.record(id, decision, "次年度の計画を変更: " + change);
      instances.replan(id, start, decision.describe());
      instances.carryOverContinuation(start);
      return new Result(Action.CHANGED, id);
    }
    String newId = instances.replace(id, start, "次年度方針の決定により開始し直し: " + decision.describe());
    instances.record(newId, decision, "次年度の計画を変更して開始し直し (取り下げたインスタンス " + id + "): " + change);
    instances.carryOverContinuation(start);
    return new Result(Action.REPLACED, newId);
  }

  /**
   * Next year's start as the decision makes it, its wards read from this year's instance: only where a decision
   * acts on next year (most are taken before 1 April and leave it to the rollover, which reads them itself).
   */
  private Optional<InitiativeStart> next(NextYearDecision decision) {
    return NextYear.of(decision.thisYear(), decision.decided())
        .map(start -> wards.withNextYearsWards(start, decision.decided()));
  }
}
