package jp.shisakuflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import jp.shisakuflow.initiative.Outcome;
import org.junit.jupiter.api.Test;

class HistoricInstanceSummaryTest {

  @Test
  void aRowNamesItsOutcomeAndStateInJapanese() {
    HistoricInstanceSummary row = row(Outcome.PHASED_ROLLOUT.code(), "COMPLETED");

    assertThat(row.outcomeLabel()).isEqualTo(Outcome.PHASED_ROLLOUT.labelJa());
    assertThat(row.stateLabel()).isEqualTo("完了");
  }

  @Test
  void aValueWithoutALabelIsShownAsItIs() {
    assertThat(row("somethingNew", "NEW_STATE").outcomeLabel()).isEqualTo("somethingNew");
    assertThat(row("somethingNew", "NEW_STATE").stateLabel()).isEqualTo("NEW_STATE");
    assertThat(row(null, "ACTIVE").outcomeLabel()).isNull();
  }

  private static HistoricInstanceSummary row(String outcome, String state) {
    return new HistoricInstanceSummary("id", "FY2019-x", "title", "w", "ワーク", 2019, outcome, state, Instant.EPOCH, null, "u", null);
  }
}
