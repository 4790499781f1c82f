package jp.shisakuflow.initiative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Next year's wards from this year's, without an engine (the process test runs it over two real years). */
class WardRolloutTest {

  private static final List<String> TWO = List.of("wardTakatsu", "wardTama");

  @Test
  void aPhasedRolloutKeepsTheWardsAndDecidesMoreNextYear() {
    assertThat(WardRollout.nextYear(new WardScope(WardScope.Mode.LISTED, TWO), Outcome.PHASED_ROLLOUT))
        .isEqualTo(new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of(), TWO));
    assertThat(WardRollout.nextYear(new WardScope(WardScope.Mode.DECIDED_IN_YEAR, TWO), Outcome.PHASED_ROLLOUT))
        .isEqualTo(new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of(), TWO));
  }

  @Test
  void aPhasedRolloutInEveryWardAlreadyHasNoWardToAdd() {
    assertThat(WardRollout.nextYear(new WardScope(WardScope.Mode.LISTED, WardTasks.ALL_WARDS), Outcome.PHASED_ROLLOUT))
        .isEqualTo(new WardScope(WardScope.Mode.ALL, WardTasks.ALL_WARDS));
  }

  @Test
  void otherOutcomesKeepTheWardsThisYearRanIn() {
    for (Outcome outcome : List.of(Outcome.CONTINUE, Outcome.CONTINUE_STUDY, Outcome.REVIEW,
        Outcome.PREPARE_IMPLEMENTATION)) {
      assertThat(WardRollout.nextYear(new WardScope(WardScope.Mode.DECIDED_IN_YEAR, TWO), outcome)).as(outcome.code())
          .isEqualTo(new WardScope(WardScope.Mode.LISTED, TWO));
      assertThat(WardRollout.nextYear(new WardScope(WardScope.Mode.LISTED, TWO), outcome)).as(outcome.code())
          .isEqualTo(new WardScope(WardScope.Mode.LISTED, TWO));
    }
  }

  @Test
  void wardsNeverChosenAreChosenNextYear() {
    assertThat(WardRollout.nextYear(new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of()), Outcome.CONTINUE))
        .isEqualTo(new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of()));
  }

  @Test
  void anItemInNoWardOrInAllStaysSo() {
    assertThat(WardRollout.nextYear(WardScope.NONE, Outcome.PHASED_ROLLOUT)).isEqualTo(WardScope.NONE);
    assertThat(WardRollout.nextYear(new WardScope(WardScope.Mode.ALL, WardTasks.ALL_WARDS), Outcome.CONTINUE))
        .isEqualTo(new WardScope(WardScope.Mode.ALL, WardTasks.ALL_WARDS));
  }

  @Test
  void anInstanceFromBeforeWardScopesRanInNoWard() {
    assertThat(WardRollout.thisYear(null, null)).isEqualTo(WardScope.NONE);
    assertThat(WardRollout.thisYear("LISTED", "wardTakatsu,wardTama")).isEqualTo(new WardScope(WardScope.Mode.LISTED, TWO));
  }
}
