package jp.shisakuflow.initiative;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of {@code continuation-decision}, at and around its boundaries. */
class ContinuationDecisionTest {

  private static DmnEngine dmnEngine;
  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() throws Exception {
    dmnEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = ContinuationDecisionTest.class.getClassLoader()
        .getResourceAsStream(InitiativeLifecycle.DECISION_RESOURCE)) {
      decision = dmnEngine.parseDecision(InitiativeLifecycle.DECISION_KEY, in);
    }
  }

  @ParameterizedTest(name = "{0} at {1}% recommends {2}")
  @CsvSource({
      "discontinue,      0,   suspendOrAbolish",
      "discontinue,      120, suspendOrAbolish",
      "needsImprovement, 0,   continueStudy",
      "needsImprovement, 49,  continueStudy",
      "needsImprovement, 50,  prepareImplementation",
      "needsImprovement, 150, prepareImplementation",
      "good,             0,   phasedRollout",
      "good,             79,  phasedRollout",
      "good,             80,  continue",
      "good,             999, continue",
  })
  void recommendsTheScheduledOutcome(String rating, int achievementRate, String expectedOutcome) {
    String outcome = dmnEngine.evaluateDecisionTable(decision,
            Map.of(InitiativeLifecycle.Var.VERIFICATION_RATING, rating,
                InitiativeLifecycle.Var.ACHIEVEMENT_RATE, achievementRate))
        .getSingleEntry();

    assertThat(outcome).isEqualTo(expectedOutcome);
    assertThat(Outcome.fromCode(outcome)).as("a known outcome code").isPresent();
  }

  @Test
  void unknownRatingRecommendsNothing() {
    var result = dmnEngine.evaluateDecisionTable(decision,
        Map.of(InitiativeLifecycle.Var.VERIFICATION_RATING, "excellent", InitiativeLifecycle.Var.ACHIEVEMENT_RATE, 90));

    assertThat(result.isEmpty()).isTrue();
  }
}
