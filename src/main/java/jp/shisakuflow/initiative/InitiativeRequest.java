package jp.shisakuflow.initiative;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import jp.shisakuflow.time.FiscalYear;

/**
 * The body of {@code POST /api/initiatives}: one initiative outside the yearly plan. Without phases it
 * runs every stage, due at the fiscal year's end; the fiscal year defaults to the current one and the planned
 * outcome to continuing.
 */
public record InitiativeRequest(String initiativeId, String title, String workstream, String ownerGroup,
    Integer fiscalYear, List<Phase> phases, String plannedOutcome) {

  /** A planned stage: {@code coordinate}, {@code implementModel}, {@code verify} or {@code continueImplementation}. */
  public record Phase(String stage, LocalDate start, LocalDate end) {}

  /** The start it asks for; every problem of the request named in one exception. */
  public InitiativeStart toStart() {
    List<String> problems = new ArrayList<>();
    List<PlannedPhase> planned = new ArrayList<>();
    List<Phase> requested = phases == null ? List.of() : phases;
    for (int i = 0; i < requested.size(); i++) {
      plannedPhase(requested.get(i), "phases[" + i + "]", planned.stream().map(PlannedPhase::stage).toList(), problems)
          .ifPresent(planned::add);
    }
    Optional<Outcome> outcome = plannedOutcome == null ? Optional.of(Outcome.CONTINUE) : Outcome.fromCode(plannedOutcome);
    if (outcome.isEmpty()) {
      problems.add("plannedOutcome: 次のいずれかを指定してください " + codes(Outcome.values()) + " (must be one of "
          + codes(Outcome.values()) + ", got '" + plannedOutcome + "')");
    }
    // An invalid value is reported above; CONTINUE only lets the other fields be checked too.
    Outcome expected = outcome.orElse(Outcome.CONTINUE);
    try {
      InitiativeStart start = new InitiativeStart(initiativeId, title, workstream, ownerGroup,
          fiscalYear == null ? FiscalYear.containing(LocalDate.now()) : fiscalYear, planned, expected,
          expected.labelJa(), null, null);
      if (problems.isEmpty()) {
        return start;
      }
    } catch (IllegalArgumentException e) {
      problems.add(0, e.getMessage());
    }
    throw new IllegalArgumentException(String.join("; ", problems));
  }

  private static Optional<PlannedPhase> plannedPhase(Phase phase, String where, List<Stage> seen,
      List<String> problems) {
    if (phase == null) {
      problems.add(where + ": 入力が必要です (required)");
      return Optional.empty();
    }
    Stage stage = phase.stage() == null ? null : Stage.fromCode(phase.stage()).orElse(null);
    int before = problems.size();
    if (stage != null && seen.contains(stage)) {
      problems.add(where + ".stage: " + stage.code() + " が重複しています (stage listed twice)");
    }
    if (stage == null) {
      problems.add(where + ".stage: 次のいずれかを指定してください " + codes(Stage.values()) + " (must be one of "
          + codes(Stage.values()) + ", got '" + phase.stage() + "')");
    }
    if (phase.start() == null || phase.end() == null) {
      problems.add(where + ": start と end (YYYY-MM-DD) が必要です (start and end dates are required)");
    } else if (phase.end().isBefore(phase.start())) {
      problems.add(where + ": end は start 以降にしてください (end " + phase.end() + " is before start " + phase.start()
          + ")");
    }
    return problems.size() > before ? Optional.empty()
        : Optional.of(new PlannedPhase(stage.code(), stage, stage.labelJa(), phase.start(), phase.end()));
  }

  private static List<String> codes(Coded[] values) {
    return Arrays.stream(values).map(Coded::code).toList();
  }
}
