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
        .as("the lead, under its name since co-owners came").containsExactly(
            new PlanError(16, "initiative: 項目 'lead' がありません (missing field 'lead')"));
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
    assertThat(plan.initiative("hiroba-model-support").orElseThrow().phases().get(1).endDay())
        .isEqualTo(LocalDate.of(2027, 3, 31));
    assertThat(plan.milestones().get(0).date().first()).isEqualTo(LocalDate.of(2026, 7, 9));
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

  private static final String WITH_OWNERS_AND_LINKS = VALID.replace(
      "    ownerGroup: wardTakatsu\n"
          + "    phases:\n"
          + "      - { step: 庁内照会, start: 2019-04-01, end: 2019-06-30 }\n",
      "    lead: communityPromotion\n"
          + "    coOwners: [wardTakatsu]\n"
          + "    counterparts: [wardTakatsu]\n"
          + "    partners: [川崎市市民自治財団, 川崎市全町内会連合会]\n"
          + "    wards: all\n"
          + "    phases:\n"
          + "      - { stage: coordinate, name: 庁内照会, start: Q1, end: about 2019-10..2020-03 }\n"
          + "    links:\n"
          + "      - { follows: hiroba-model-support }\n"
          + "      - { discussedAt: council-1, note: 有識者会議等で意見聴取 }\n"
          + "      - { alignedWith: hiroba }\n")
      .replace("date: 2019-07-09, workstream: hiroba, ownerGroup: communityPromotion }",
          "date: about Q2, workstream: hiroba, lead: communityPromotion, about: [guideline] }");

  @Test
  void anItemSaysWhoLeadsWhoSharesWhoIsConsultedAndWhereItRuns() {
    PlannedInitiative guideline = parser.parse("small.yaml", WITH_OWNERS_AND_LINKS).initiative("guideline").orElseThrow();

    assertThat(guideline.owners().lead()).isEqualTo("communityPromotion");
    assertThat(guideline.owners().taskGroups()).containsExactly("communityPromotion", "wardTakatsu");
    assertThat(guideline.owners().partners()).containsExactly("川崎市市民自治財団", "川崎市全町内会連合会");
    assertThat(guideline.wards().mode()).isEqualTo(jp.shisakuflow.initiative.WardScope.Mode.ALL);
    assertThat(guideline.wards().wards()).hasSize(7);
    assertThat(guideline.follows()).containsExactly("hiroba-model-support");
    assertThat(guideline.links()).extracting(PlanLink::kind).containsExactly(PlanLink.Kind.FOLLOWS,
        PlanLink.Kind.DISCUSSED_AT, PlanLink.Kind.ALIGNED_WITH);
  }

  @Test
  void datesKeepThePrecisionThePlanGivesThem() {
    Plan plan = parser.parse("small.yaml", WITH_OWNERS_AND_LINKS);
    PlannedPhase step = plan.initiative("guideline").orElseThrow().phases().get(0);

    assertThat(step.periodTextJa()).isEqualTo("第1四半期〜10月以降、年度内頃");
    assertThat(step.endDay()).as("a vague end is due at the end of its window").isEqualTo(LocalDate.of(2020, 3, 31));
    assertThat(plan.milestones().get(0).date().textJa()).isEqualTo("第2四半期頃");
    assertThat(plan.milestones().get(0).about()).containsExactly("guideline");
    assertThat(errors(WITH_OWNERS_AND_LINKS.replace("end: about 2019-10..2020-03", "end: 10月頃")))
        .singleElement().satisfies(e -> assertThat(e.message()).contains("'end'", "10月頃", "about Q3"));
  }

  @Test
  void linksWardsAndGroupsThatDoNotExistAreNamedWithTheirLines() {
    String broken = WITH_OWNERS_AND_LINKS.replace("follows: hiroba-model-support", "follows: hiroba-model")
        .replace("wards: all", "wards: [wardTakatsu, communityPromotion]")
        .replace("coOwners: [wardTakatsu]", "coOwners: [legalDept]")
        .replace("about: [guideline]", "about: [guidebook]")
        .replace("- { alignedWith: hiroba }", "- { alignedWith: hiroba, follows: guideline }");

    assertThat(errors(broken)).extracting(PlanError::message).containsExactlyInAnyOrder(
        "initiative: 不明なグループ 'legalDept' (unknown group)",
        "initiative: 'communityPromotion' は区ではありません (not a ward; wards: [wardKawasaki, wardSaiwai, wardNakahara,"
            + " wardTakatsu, wardMiyamae, wardTama, wardAsao])",
        "link: [follows, discussedAt, alignedWith] のどれか一つを書いてください (give exactly one of [follows, discussedAt,"
            + " alignedWith])",
        "initiative 'guideline': follows: 'hiroba-model' はこの計画にありません (no such [initiative])",
        "milestone 'council-1': about: 'guidebook' はこの計画にありません (no such [initiative])");
  }

  @Test
  void theOldNameOfTheLeadStillReadsButNotBesideTheNewOne() {
    assertThat(parser.parse("small.yaml", VALID).initiative("guideline").orElseThrow().owners().lead())
        .isEqualTo("wardTakatsu");
    assertThat(errors(VALID.replace("    ownerGroup: wardTakatsu\n", "    ownerGroup: wardTakatsu\n    lead: wardTakatsu\n")))
        .singleElement().satisfies(e -> assertThat(e.message()).contains("not both"));
  }

  @Test
  void wardsAreRefusedOnAnItemThatRunsItsOwnSteps() {
    assertThat(errors(WITH_OWNERS_AND_LINKS.replace("{ stage: coordinate, name: 庁内照会,", "{ step: 庁内照会,")))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("wards", "its own steps"));
  }
}
