package jp.shisakuflow.initiative;

/** Next year's wards of an item about to start next year ({@link WardRollout} reads them from this year's). */
@FunctionalInterface
public interface NextYearWards {

  /** Nothing changes the wards: for tests of what does not depend on them. */
  NextYearWards UNCHANGED = (next, outcome) -> next;

  /**
   * @param next next year's start, whose {@code previousBusinessKey} names this year's instance
   * @param outcome this year's outcome (decided, or else planned)
   */
  InitiativeStart withNextYearsWards(InitiativeStart next, Outcome outcome);
}
