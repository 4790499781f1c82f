package jp.shisakuflow.initiative;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextYearTest {

  private static InitiativeStart planned(Outcome outcome, String chartWords, List<PlannedPhase> phases) {
    return new InitiativeStart("ward-participation-review", "行政への参加", "participation", "communityPromotion",
        2019, phases, outcome, chartWords, "FY2019-plan-test", null);
  }

  private static final List<PlannedPhase> COORDINATE = List.of(new PlannedPhase("coordinate", Stage.COORDINATE,
      "あり方検討", LocalDate.of(2019, 4, 1), LocalDate.of(2020, 3, 31)));

  @Test
  void aReviewRollsOverAsAReviewCoordinatedAllYearUnderTheChartsWords() {
    var next = NextYear.of(planned(Outcome.REVIEW, "休止、廃止も含めて検討", COORDINATE), null).orElseThrow();

    assertThat(next.plannedOutcome()).isEqualTo(Outcome.REVIEW);
    assertThat(next.plannedOutcomeLabel()).isEqualTo("休止、廃止も含めて検討");
    assertThat(next.phases()).singleElement().satisfies(p -> {
      assertThat(p.stage()).isEqualTo(Stage.COORDINATE);
      assertThat(p.name()).isEqualTo("休止、廃止も含めて検討");
      assertThat(p.startDay()).isEqualTo(LocalDate.of(2020, 4, 1));
      assertThat(p.endDay()).isEqualTo(LocalDate.of(2021, 3, 31));
    });
    assertThat(next.fiscalYear()).isEqualTo(2020);
    assertThat(next.previousBusinessKey()).isEqualTo("FY2019-ward-participation-review");
    assertThat(next.planKey()).as("next year's plan, once imported, owns it").isNull();
  }

  @Test
  void nothingRollsOverForNoNextYearOrASuspension() {
    assertThat(NextYear.of(planned(Outcome.NONE, "次年度の予定なし", COORDINATE), null)).isEmpty();
    assertThat(NextYear.of(planned(Outcome.CONTINUE, "継続実施", COORDINATE), Outcome.SUSPEND_OR_ABOLISH)).isEmpty();
  }

  @Test
  void theChartsWordsNameNextYearUnlessAManagerDecidedAnotherOutcome() {
    var chart = planned(Outcome.CONTINUE, "新体制による取組の推進", COORDINATE);

    var asPlanned = NextYear.of(chart, Outcome.CONTINUE).orElseThrow();
    assertThat(asPlanned.plannedOutcomeLabel()).isEqualTo("新体制による取組の推進");
    assertThat(asPlanned.phases()).extracting(PlannedPhase::name).containsExactly("新体制による取組の推進");
    assertThat(asPlanned.processKey()).isEqualTo(InitiativeSteps.PROCESS_KEY);

    var decidedOtherwise = NextYear.of(chart, Outcome.CONTINUE_STUDY).orElseThrow();
    assertThat(decidedOtherwise.plannedOutcomeLabel()).isEqualTo("継続検討");
    assertThat(decidedOtherwise.phases()).extracting(PlannedPhase::name).containsExactly("継続検討");
    assertThat(decidedOtherwise.processKey()).isEqualTo(InitiativeLifecycle.PROCESS_KEY);
  }

  @Test
  void aPreparationPlansARolloutForTheYearAfterUnderThatOutcomesLabel() {
    var next = NextYear.of(planned(Outcome.PREPARE_IMPLEMENTATION, "実施に向けた関係局との調整", COORDINATE), null)
        .orElseThrow();

    assertThat(next.phases()).extracting(PlannedPhase::name).containsExactly("実施に向けた関係局との調整", "モデル実施");
    assertThat(next.plannedOutcome()).isEqualTo(Outcome.PHASED_ROLLOUT);
    assertThat(next.plannedOutcomeLabel()).isEqualTo(Outcome.PHASED_ROLLOUT.labelJa());
  }
}
