package jp.shisakuflow.audit;

import java.time.LocalDate;
import java.util.Set;
import jp.shisakuflow.time.FiscalYear;

/**
 * What an auditor narrows the history by: definition, state, fiscal year, workstream, decided outcome
 * and the range of start dates. Checked here so a bad filter is refused with its name, never ignored.
 */
public record HistoricInstanceFilter(String processDefinitionKey, String state, Integer fiscalYear,
    String workstream, String outcome, LocalDate startedFrom, LocalDate startedTo) {

  /** The states offered and accepted, from {@link HistoryFilterChoices#STATES} (their one home). */
  static final Set<String> STATES = HistoryFilterChoices.STATES.stream().map(HistoryFilterChoices.Choice::value)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  public HistoricInstanceFilter {
    if (processDefinitionKey == null || processDefinitionKey.isBlank()) {
      throw new IllegalArgumentException("processDefinitionKey: プロセス定義キーを指定してください (required)");
    }
    state = state == null || state.isBlank() ? "all" : state;
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException("state: all / running / finished のいずれかを指定してください (got '"
          + state + "')");
    }
    if (fiscalYear != null) {
      FiscalYear.requireSupported(fiscalYear);
    }
    if (startedFrom != null && startedTo != null && startedFrom.isAfter(startedTo)) {
      throw new IllegalArgumentException("startedFrom: 開始日 " + startedFrom + " が終了日 " + startedTo
          + " より後です (startedFrom is after startedTo)");
    }
    workstream = blankToNull(workstream);
    outcome = blankToNull(outcome);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
