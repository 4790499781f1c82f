package jp.shisakuflow.initiative;

import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_COORDINATE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_VERIFY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import org.junit.jupiter.api.Test;

class TaskCompletionRulesTest {

  private final TaskCompletionRules rules = new TaskCompletionRules();

  @Test
  void coordinationNeedsNoInput() {
    assertThat(rules.validate(TASK_COORDINATE, Map.of())).isEmpty();
  }

  @Test
  void validVerificationPasses() {
    assertThat(rules.validate(TASK_VERIFY, verification("good", 80))).isEmpty();
    assertThat(rules.validate(TASK_VERIFY, verification("needsImprovement", 0L))).isEmpty();
  }

  @Test
  void verificationNeedsRatingAndRate() {
    assertThat(rules.validate(TASK_VERIFY, Map.of()))
        .containsExactly(Var.VERIFICATION_RATING + ": 入力が必要です (required)",
            Var.ACHIEVEMENT_RATE + ": 入力が必要です (required)");
  }

  @Test
  void unknownRatingIsNamedWithTheAllowedCodes() {
    assertThat(rules.validate(TASK_VERIFY, verification("excellent", 80)))
        .singleElement().asString()
        .startsWith(Var.VERIFICATION_RATING + ":")
        .contains("[good, needsImprovement, discontinue]", "got 'excellent'");
  }

  @Test
  void achievementRateMustBeAnIntegerInRange() {
    assertThat(rules.validate(TASK_VERIFY, verification("good", "80")))
        .singleElement().asString().contains(Var.ACHIEVEMENT_RATE, "integer", "String");
    assertThat(rules.validate(TASK_VERIFY, verification("good", 80.5)))
        .singleElement().asString().contains("Double");
    assertThat(rules.validate(TASK_VERIFY, verification("good", -1)))
        .singleElement().asString().contains("between 0 and 999", "got -1");
    assertThat(rules.validate(TASK_VERIFY, verification("good", 1000)))
        .singleElement().asString().contains("got 1000");
  }

  @Test
  void recoordinationIsOnlyForImprovableResults() {
    Map<String, Object> good = verification("good", 80);
    good.put(Var.RECOORDINATE, true);
    assertThat(rules.validate(TASK_VERIFY, good)).singleElement().asString().contains(Var.RECOORDINATE, "要改善");

    Map<String, Object> improvable = verification("needsImprovement", 40);
    improvable.put(Var.RECOORDINATE, true);
    assertThat(rules.validate(TASK_VERIFY, improvable)).isEmpty();

    improvable.put(Var.RECOORDINATE, "yes");
    assertThat(rules.validate(TASK_VERIFY, improvable)).singleElement().asString().contains("boolean");
  }

  @Test
  void recoordinationDefaultsToNo() {
    assertThat(rules.derivedValues(TASK_VERIFY, verification("good", 80))).containsEntry(Var.RECOORDINATE, false);
  }

  @Test
  void confirmingTheRecommendationNeedsNoReason() {
    Map<String, Object> vars = Map.of(Var.RECOMMENDED_OUTCOME, "continue", Var.DECIDED_OUTCOME, "continue");

    assertThat(rules.validate(TASK_DECIDE_NEXT_YEAR, vars)).isEmpty();
    assertThat(rules.derivedValues(TASK_DECIDE_NEXT_YEAR, vars)).containsEntry(Var.DECISION_OVERRIDDEN, false);
  }

  @Test
  void overridingTheRecommendationNeedsAReason() {
    Map<String, Object> vars = new HashMap<>(Map.of(Var.RECOMMENDED_OUTCOME, "continue",
        Var.DECIDED_OUTCOME, "suspendOrAbolish"));
    assertThat(rules.validate(TASK_DECIDE_NEXT_YEAR, vars)).singleElement().asString()
        .startsWith(Var.DECISION_REASON + ":").contains("continue");

    vars.put(Var.DECISION_REASON, "制度改正により不要となったため");
    assertThat(rules.validate(TASK_DECIDE_NEXT_YEAR, vars)).isEmpty();
    assertThat(rules.derivedValues(TASK_DECIDE_NEXT_YEAR, vars)).containsEntry(Var.DECISION_OVERRIDDEN, true);
  }

  @Test
  void decisionMustBeOneOfTheOutcomes() {
    assertThat(rules.validate(TASK_DECIDE_NEXT_YEAR, Map.of(Var.DECIDED_OUTCOME, 3)))
        .singleElement().asString().contains(Var.DECIDED_OUTCOME, "Integer", "suspendOrAbolish");
    assertThat(rules.validate(TASK_DECIDE_NEXT_YEAR, Map.of()))
        .containsExactly(Var.DECIDED_OUTCOME + ": 入力が必要です (required)");
  }

  private static Map<String, Object> verification(String rating, Object rate) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(Var.VERIFICATION_RATING, rating);
    vars.put(Var.ACHIEVEMENT_RATE, rate);
    return vars;
  }

  @Test
  void coordinationOfAnItemWithWardsDecidedInTheYearNeedsAtLeastOneWard() {
    Map<String, Object> vars = new HashMap<>(Map.of(Var.WARD_SCOPE, "DECIDED_IN_YEAR", Var.WARDS, ""));
    assertThat(rules.validate(TASK_COORDINATE, vars))
        .containsExactly(Var.WARDS + ": 実施する区を一つ以上選んでください (choose at least one ward)");
    vars.put(Var.WARDS, "[\"wardTakatsu\",\"wardShinjuku\"]");
    assertThat(rules.validate(TASK_COORDINATE, vars)).singleElement().asString()
        .contains("[wardShinjuku] は区ではありません");
    vars.put(Var.WARDS, "[\"wardAsao\",\"wardKawasaki\"]");
    assertThat(rules.validate(TASK_COORDINATE, vars)).isEmpty();
    assertThat(rules.derivedValues(TASK_COORDINATE, vars)).containsExactly(Map.entry(Var.WARDS, "wardKawasaki,wardAsao"));
  }

  @Test
  void coordinationOfOtherItemsLeavesTheWardsAlone() {
    Map<String, Object> vars = Map.of(Var.WARD_SCOPE, "LISTED", Var.WARDS, "wardTakatsu");
    assertThat(rules.validate(TASK_COORDINATE, vars)).isEmpty();
    assertThat(rules.derivedValues(TASK_COORDINATE, vars)).isEmpty();
  }

  @Test
  void aPhasedRolloutChoosesWardsBesidesTheEarlierYearsAndKeepsThem() {
    Map<String, Object> vars = new HashMap<>(Map.of(Var.WARD_SCOPE, "DECIDED_IN_YEAR",
        Var.PREVIOUS_WARDS, "wardTakatsu,wardTama", Var.WARDS, "wardTama"));
    assertThat(rules.validate(TASK_COORDINATE, vars)).singleElement().asString()
        .contains("前年度までの実施区 (高津区役所・多摩区役所) のほかに、今年度新たに実施する区を一つ以上選んでください");
    vars.put(Var.WARDS, "wardSaiwai");
    assertThat(rules.validate(TASK_COORDINATE, vars)).isEmpty();
    assertThat(rules.derivedValues(TASK_COORDINATE, vars))
        .containsExactly(Map.entry(Var.WARDS, "wardSaiwai,wardTakatsu,wardTama"));
  }

  @Test
  void aPhaseRunsOnceForTheOwnersOrOncePerWard() {
    assertThat(WardTasks.groups(null, null, "wardTakatsu", "coordinate")).containsExactly("wardTakatsu");
    assertThat(WardTasks.groups("NONE", "", "communityPromotion,wardKawasaki", "implementModel"))
        .containsExactly("communityPromotion,wardKawasaki");
    assertThat(WardTasks.groups("LISTED", "wardTakatsu,wardTama", "communityPromotion", "coordinate"))
        .containsExactly("wardTakatsu", "wardTama");
    assertThat(WardTasks.groups("DECIDED_IN_YEAR", "wardTakatsu", "communityPromotion", "coordinate"))
        .as("the owners choose the wards").containsExactly("communityPromotion");
    assertThat(WardTasks.groups("DECIDED_IN_YEAR", "", "communityPromotion", "continueImplementation"))
        .as("none chosen yet").containsExactly("communityPromotion");
  }
}
