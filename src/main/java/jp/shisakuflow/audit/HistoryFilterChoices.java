package jp.shisakuflow.audit;

import java.util.List;

/**
 * The choices of the history list's filters, each a value (what {@code /api/audit/instances} takes) and its
 * Japanese label (what the dropdown shows): only values some instance of the definition has.
 */
public record HistoryFilterChoices(List<Choice> states, List<Choice> fiscalYears, List<Choice> workstreams,
    List<Choice> outcomes) {

  /** The states {@link HistoricInstanceFilter#STATES} accepts, in the order offered. */
  static final List<Choice> STATES = List.of(new Choice("all", "すべて"), new Choice("finished", "終了（完了・中止）"),
      new Choice("running", "実行中"));

  public record Choice(String value, String label) {}
}
