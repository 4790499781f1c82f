package jp.shisakuflow.initiative;

import java.util.List;

/** The processes an initiative runs as: the canonical lifecycle, or the plan's own steps. */
public final class InitiativeProcesses {

  /** Their process keys, in one list for every query over initiatives. */
  public static final List<String> KEYS = List.of(InitiativeLifecycle.PROCESS_KEY, InitiativeSteps.PROCESS_KEY);

  private InitiativeProcesses() {}

  public static String[] keys() {
    return KEYS.toArray(String[]::new);
  }

  /** {@code 'initiative-lifecycle', 'initiative-steps'}: the keys as a SQL list. */
  public static String sqlList() {
    return String.join(", ", KEYS.stream().map(key -> "'" + key + "'").toList());
  }
}
