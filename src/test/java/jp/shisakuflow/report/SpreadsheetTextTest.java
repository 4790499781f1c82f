package jp.shisakuflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpreadsheetTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "=", "-"})
  void textThatStartsLikeAFormulaGetsAQuote(String text) {
    assertThat(SpreadsheetText.cell(text)).isEqualTo("'" + text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "庁内調査の回答待ち", "a=b", "1-2", " =1", "'=1", "2019-12-31", "hiroba-guidebook"})
  void harmlessTextIsUnchanged(String text) {
    assertThat(SpreadsheetText.cell(text)).isEqualTo(text);
  }

  @Test
  void numbersDatesAndNullsStayWhatTheyAre() {
    assertThat(SpreadsheetText.cells(Arrays.asList(-92, -1.5, LocalDate.of(2019, 12, 31), null, "=1")))
        .containsExactly(-92, -1.5, LocalDate.of(2019, 12, 31), null, "'=1");
  }
}
