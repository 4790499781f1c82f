package jp.shisakuflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTypeTest {

  @Test
  void aStatusAloneNamesItsKind() {
    assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
    assertThat(ProblemType.forStatus(400)).isEqualTo(ProblemType.INVALID_REQUEST);
    assertThat(ProblemType.forStatus(422)).isEqualTo(ProblemType.INVALID_REQUEST);
    assertThat(ProblemType.forStatus(503)).as("a lost database is said only where it is known")
        .isEqualTo(ProblemType.SERVER_ERROR);
  }

  @Test
  void everyTypeIsAStableUrnWithAJapaneseTitle() {
    assertThat(ProblemType.INVALID_PLAN.uri()).hasToString("urn:shisaku:problem:invalid-plan");
    assertThat(ProblemType.values()).allSatisfy(type -> {
      assertThat(type.uri().toString()).matches("urn:shisaku:problem:[a-z-]+");
      assertThat(type.title()).containsPattern("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");
    });
  }
}
