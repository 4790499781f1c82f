package jp.shisakuflow.initiative;

import java.util.List;
import java.util.Optional;

/**
 * Next year's instances of initiatives, as {@link NextYearDecisions} needs them: found by business key,
 * started, re-planned, replaced and withdrawn. The engine's side is {@link EngineNextYearInstances}.
 */
public interface NextYearInstances {

  /** One year's instance of an initiative, running or not. */
  record Found(String processInstanceId, String processKey, boolean running, String previousBusinessKey,
      Outcome plannedOutcome, String plannedOutcomeLabel, List<PlannedPhase> phases) {

    /** Whether it already is what the start describes. */
    public boolean matches(InitiativeStart start) {
      return processKey.equals(start.processKey()) && plannedOutcome == start.plannedOutcome()
          && java.util.Objects.equals(plannedOutcomeLabel, start.plannedOutcomeLabel()) && phases.equals(start.phases());
    }
  }

  Optional<Found> find(String businessKey);

  /**
   * Starts the instance unless it exists; when it starts, the previous year's open 継続実施 is closed
   * ({@link #carryOverContinuation}), so the work is tracked once, in the new year.
   *
   * @return the new instance's id, or empty when it existed
   */
  Optional<String> startIfAbsent(InitiativeStart start);

  /**
   * The previous year's open 継続実施 (of {@code next.previousBusinessKey()}) is done, 「次年度の取組に引き継ぎ」:
   * now, and once more when the calling command ends (a decision of 継続実施 opens it after deciding).
   */
  void carryOverContinuation(InitiativeStart next);

  /** Records the decision on the instance: variables ({@link NextYearDecision.Var}) and a comment. */
  void record(String processInstanceId, NextYearDecision decision, String outcome);

  /** Same process, other plan: new planned outcome, words and phases, and its work starts over under them. */
  void replan(String processInstanceId, InitiativeStart start, String note);

  /** The other process: the instance is withdrawn (its key kept apart) and the start takes its business key. */
  String replace(String processInstanceId, InitiativeStart start, String reason);

  /** Deletes the running instance, with the reason in its history. */
  void withdraw(String processInstanceId, String reason);
}
