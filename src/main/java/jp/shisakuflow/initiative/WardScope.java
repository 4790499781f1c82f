package jp.shisakuflow.initiative;

import java.util.List;

/**
 * The wards an initiative runs in, each with its own task per phase (the phase done when all are):
 * none (it runs once, for its owners), the wards listed, all seven, or wards decided during the year.
 */
public record WardScope(Mode mode, List<String> wards) {

  public enum Mode { NONE, LISTED, ALL, DECIDED_IN_YEAR }

  public static final WardScope NONE = new WardScope(Mode.NONE, List.of());

  public WardScope {
    wards = List.copyOf(wards);
  }

  public boolean fansOut() {
    return mode != Mode.NONE;
  }
}
