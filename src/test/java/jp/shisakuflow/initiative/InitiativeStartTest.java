package jp.shisakuflow.initiative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import jp.shisakuflow.time.FiscalYear;
import org.junit.jupiter.api.Test;

class InitiativeStartTest {

  @Test
  void businessKeyIsFiscalYearAndInitiativeId() {
    var start = InitiativeStart.unplanned("hiroba-model-support", "「まちのひろば」モデル事業実施支援", "「まちのひろば」の推進",
        "communityPromotion", 2019);

    assertThat(start.businessKey()).isEqualTo("FY2019-hiroba-model-support");
  }

  @Test
  void everyBadFieldIsNamed() {
    assertThatThrownBy(() -> InitiativeStart.unplanned("Bad Id", " ", null, "", 1999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initiativeId")
        .hasMessageContaining("title")
        .hasMessageContaining("workstream")
        .hasMessageContaining("ownerGroup")
        .hasMessageContaining("fiscalYear");
  }

  @Test
  void fiscalYearStartsInApril() {
    assertThat(FiscalYear.containing(LocalDate.of(2019, 4, 1))).isEqualTo(2019);
    assertThat(FiscalYear.containing(LocalDate.of(2020, 3, 31))).isEqualTo(2019);
    assertThat(FiscalYear.start(2019)).isEqualTo(LocalDate.of(2019, 4, 1));
    assertThat(FiscalYear.end(2019)).isEqualTo(LocalDate.of(2020, 3, 31));
  }
}
