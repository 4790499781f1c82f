package jp.shisakuflow.plan;

import java.util.List;
import java.util.Optional;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.PlannedPhase;

/**
 * One ● item of the schedule. {@link #runsLifecycle()} items go through the canonical stages (skipping
 * those the plan does not list); the others run their own plan-named steps.
 */
public record PlannedInitiative(String id, String title, String workstream, String ownerGroup,
    List<PlannedPhase> phases, Outcome nextYear, String nextYearLabel, int line) {

  public boolean runsLifecycle() {
    return phases.stream().allMatch(p -> p.stage() != null);
  }

  public Optional<PlannedPhase> phase(String key) {
    return phases.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  PlannedInitiative shiftedByYears(int years) {
    return new PlannedInitiative(id, title, workstream, ownerGroup,
        phases.stream().map(p -> p.shiftedByYears(years)).toList(), nextYear, nextYearLabel, line);
  }
}
