package jp.shisakuflow.plan;

import java.util.List;
import java.util.Optional;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.Owners;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.WardScope;

/**
 * One ● item of the schedule. {@link #runsLifecycle()} items go through the canonical stages (skipping
 * those the plan does not list); the others run their own plan-named steps.
 */
public record PlannedInitiative(String id, String title, String workstream, Owners owners, WardScope wards,
    List<PlannedPhase> phases, List<PlanLink> links, Outcome nextYear, String nextYearLabel, int line) {

  public PlannedInitiative {
    phases = List.copyOf(phases);
    links = List.copyOf(links);
  }

  /** The chart's last column: what each item becomes after this year. */
  public static final String NEXT_YEAR = "次年度以降";

  /** An item the 次年度以降 column names: one that goes on next year, in the chart's words ({@link #nextYearLabel}). */
  public boolean continuesNextYear() {
    return nextYear != Outcome.NONE && nextYearLabel != null && !nextYearLabel.isBlank();
  }

  /** The group that leads the item. */
  public String ownerGroup() {
    return owners.lead();
  }

  public boolean runsLifecycle() {
    return phases.stream().allMatch(p -> p.stage() != null);
  }

  public Optional<PlannedPhase> phase(String key) {
    return phases.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  /** The items this one follows: its predecessors. */
  public List<String> follows() {
    return links.stream().filter(l -> l.kind() == PlanLink.Kind.FOLLOWS).map(PlanLink::target).toList();
  }

  PlannedInitiative shiftedByYears(int years) {
    return new PlannedInitiative(id, title, workstream, owners, wards,
        phases.stream().map(p -> p.shiftedByYears(years)).toList(), links, nextYear, nextYearLabel, line);
  }
}
