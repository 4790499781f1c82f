package jp.shisakuflow.initiative;

import java.util.List;

/**
 * The wards an initiative runs in, each with its own task per phase (the phase done when all are):
 * none (it runs once, for its owners), the wards listed, all seven, or wards decided during the year.
 * {@code previousWards}: wards it already ran in before this year (a phased rollout's earlier wards); with
 * {@code DECIDED_IN_YEAR} the year keeps them and chooses more among the others.
 */
public record WardScope(Mode mode, List<String> wards, List<String> previousWards) {

  public enum Mode { NONE, LISTED, ALL, DECIDED_IN_YEAR }

  public static final WardScope NONE = new WardScope(Mode.NONE, List.of());

  public WardScope {
    wards = List.copyOf(wards);
    previousWards = previousWards == null ? List.of() : List.copyOf(previousWards);
  }

  /** A scope with no earlier wards: what a plan states. */
  public WardScope(Mode mode, List<String> wards) {
    this(mode, wards, List.of());
  }

  public boolean fansOut() {
    return mode != Mode.NONE;
  }
}
