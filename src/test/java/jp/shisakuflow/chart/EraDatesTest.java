package jp.shisakuflow.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EraDatesTest {

  @Test
  void theFirstYearOfAnEraIsGannen() {
    assertThat(EraDates.textJa(LocalDate.of(2019, 7, 9))).isEqualTo("令和元年7月9日");
    assertThat(EraDates.textJa(LocalDate.of(2019, 5, 1))).isEqualTo("令和元年5月1日");
    assertThat(EraDates.textJa(LocalDate.of(1989, 1, 8))).isEqualTo("平成元年1月8日");
  }

  @Test
  void laterYearsAreNumbered() {
    assertThat(EraDates.textJa(LocalDate.of(2020, 4, 1))).isEqualTo("令和2年4月1日");
    assertThat(EraDates.textJa(LocalDate.of(2077, 12, 31))).isEqualTo("令和59年12月31日");
  }

  @Test
  void theDayBeforeReiwaIsHeisei31() {
    assertThat(EraDates.textJa(LocalDate.of(2019, 4, 30))).isEqualTo("平成31年4月30日");
  }

  @Test
  void aDayBeforeTheEraCalendarIsRefused() {
    assertThatThrownBy(() -> EraDates.textJa(LocalDate.of(1800, 1, 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("和暦");
  }
}
