package jp.shisakuflow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import jp.shisakuflow.initiative.PlannedPhase;
import org.junit.jupiter.api.Test;

class PlanParserTest {

  private final PlanParser parser = new PlanParser(Set.of("communityPromotion", "wardTakatsu"));

  private static final String VALID = """
      id: small-plan
      title: 小さな計画
      fiscalYear: 2019
      workstreams:
        - id: hiroba
          name: 「まちのひろば」の推進
      initiatives:
        - id: hiroba-model-support
          title: モデル事業実施支援
          workstream: hiroba
          ownerGroup: communityPromotion
          phases:
            - { stage: coordinate, name: 要領作成, start: 2019-04-01, end: 2019-09-30 }
            - { stage: implementModel, start: 2019-10-01, end: 2020-03-31 }
          nextYear: continue
        - id: guideline
          title: ガイドラインの検討
          workstream: hiroba
          ownerGroup: wardTakatsu
          phases:
            - { step: 庁内照会, start: 2019-04-01, end: 2019-06-30 }
          nextYear: continueStudy
      milestones:
        - { id: council-1, title: 第1回有識者会議, kind: meeting, date: 2019-07-09, workstream: hiroba, ownerGroup: communityPromotion }
      """;

  @Test
  void readsAValidPlan() {
    Plan plan = parser.parse("small.yaml", VALID);

    assertThat(plan.initiatives()).hasSize(2);
    PlannedInitiative support = plan.initiative("hiroba-model-support").orElseThrow();
    assertThat(support.runsLifecycle()).isTrue();
    assertThat(support.phases()).extracting(PlannedPhase::key).containsExactly("coordinate", "implementModel");
    assertThat(support.phases().get(1).name()).as("a stage without a name takes the stage's").isEqualTo("モデル実施");
    assertThat(support.nextYearLabel()).isEqualTo("継続実施");
    assertThat(plan.initiative("guideline").orElseThrow().phases().get(0).key()).isEqualTo("step1");
    assertThat(plan.milestones().get(0).kind()).isEqualTo(Milestone.Kind.MEETING);
  }

  @Test
  void malformedYamlIsRejectedWithItsLine() {
    assertThat(errors(VALID.replace("title: 小さな計画", "title: [小さな計画"))).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("malformed YAML"));
  }

  @Test
  void aMissingFieldIsNamedWithTheLineOfItsItem() {
    assertThat(errors(VALID.replace("    ownerGroup: wardTakatsu\n", "")))
        .containsExactly(new PlanError(16, "initiative: 項目 'ownerGroup' がありません (missing field 'ownerGroup')"));
  }

  @Test
  void anUnknownGroupIsNamed() {
    assertThat(errors(VALID.replace("ownerGroup: wardTakatsu", "ownerGroup: wardNowhere")))
        .containsExactly(new PlanError(19, "initiative: 不明なグループ 'wardNowhere' (unknown group)"));
  }

  @Test
  void aReversedDateIsNamed() {
    assertThat(errors(VALID.replace("start: 2019-10-01, end: 2020-03-31", "start: 2019-10-01, end: 2019-08-31")))
        .singleElement().satisfies(e -> {
          assertThat(e.line()).isEqualTo(14);
          assertThat(e.message()).contains("end is before start", "2019-08-31");
        });
  }

  @Test
  void aDateOutsideTheFiscalYearIsNamed() {
    assertThat(errors(VALID.replace("date: 2019-07-09", "date: 2020-04-01")))
        .singleElement().satisfies(e -> {
          assertThat(e.line()).isEqualTo(24);
          assertThat(e.message()).contains("2020-04-01", "outside the fiscal year");
        });
  }

  @Test
  void aDuplicateIdIsNamedWithBothLines() {
    assertThat(errors(VALID.replace("- id: guideline", "- id: hiroba-model-support")))
        .containsExactly(new PlanError(16,
            "initiative id 'hiroba-model-support' が重複しています (duplicate id, first at line 8)"));
  }

  @Test
  void everyErrorIsListedAtOnce() {
    String broken = VALID
        .replace("ownerGroup: wardTakatsu", "ownerGroup: nobody")
        .replace("nextYear: continueStudy", "nextYear: forever")
        .replace("kind: meeting", "kind: party")
        .replace("    title: モデル事業実施支援\n", "    title: モデル事業実施支援\n    colour: red\n");

    assertThat(errors(broken)).extracting(PlanError::line).containsExactly(10, 20, 23, 25);
  }

  @Test
  void stagesMustKeepTheirOrder() {
    assertThat(errors(VALID.replace("stage: coordinate", "stage: verify"))).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("out of order"));
  }

  @Test
  void stagesAndStepsDoNotMix() {
    assertThat(errors(VALID.replace("{ stage: implementModel,", "{ step: 実施,"))).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("either all stages or all steps"));
  }

  @Test
  void aPlanMovesToAnotherFiscalYearByWholeYears() {
    Plan plan = parser.parse("small.yaml", VALID).inFiscalYear(2026);

    assertThat(plan.fiscalYear()).isEqualTo(2026);
    assertThat(plan.businessKey()).isEqualTo("FY2026-plan-small-plan");
    assertThat(plan.initiative("hiroba-model-support").orElseThrow().phases().get(1).end())
        .isEqualTo(LocalDate.of(2027, 3, 31));
    assertThat(plan.milestones().get(0).date()).isEqualTo(LocalDate.of(2026, 7, 9));
  }

  private List<PlanError> errors(String yaml) {
    try {
      parser.parse("broken.yaml", yaml);
    } catch (InvalidPlanException e) {
      assertThat(e.getMessage()).contains("broken.yaml", "nothing imported");
      return e.errors();
    }
    throw new AssertionError("the plan was accepted");
  }

  @Test
  void theMessageListsEveryErrorWithItsLine() {
    assertThatThrownBy(() -> parser.parse("broken.yaml", VALID.replace("fiscalYear: 2019", "fiscalYear: next")))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("line 3: plan: 'fiscalYear' は 2000〜2100 の整数です (got 'next')");
  }
}
