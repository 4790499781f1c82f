package jp.shisakuflow.initiative;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BusinessKeyTest {

  @Test
  void aKeyIsTheYearAndTheIdAndReadsBackAsSuch() {
    assertThat(BusinessKey.of(2019, "hiroba")).hasToString("FY2019-hiroba");
    assertThat(BusinessKey.parse("FY2019-plan-community")).contains(BusinessKey.of(2019, "plan-community"));
    assertThat(InitiativeStart.businessKey(2030, "a-b")).isEqualTo("FY2030-a-b");
  }

  @Test
  void textOfAnotherFormatIsNoKey() {
    assertThat(BusinessKey.parse("2019-hiroba")).isEmpty();
    assertThat(BusinessKey.parse("FY19-hiroba")).isEmpty();
    assertThat(BusinessKey.parse("FY2019-")).isEmpty();
    assertThat(BusinessKey.parse(null)).isEmpty();
  }

  @Test
  void aYearsKeysAreFoundByOnePattern() {
    assertThat(BusinessKey.likeInYear(2019)).isEqualTo("FY2019-%");
    assertThat(BusinessKey.likeInYear(2019, "plan-")).isEqualTo("FY2019-plan-%");
  }
}
