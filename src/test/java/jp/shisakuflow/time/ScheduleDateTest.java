package jp.shisakuflow.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleDateTest {

  static final int YEAR = 2019;

  @ParameterizedTest(name = "{0} → {1}〜{2} {3}")
  @CsvSource(delimiter = '|', value = {
      "2019-07-09        | 2019-07-09 | 2019-07-09 | 7月9日",
      "2019-07           | 2019-07-01 | 2019-07-31 | 7月",
      "about 2019-07     | 2019-07-01 | 2019-07-31 | 7月頃",
      "Q1                | 2019-04-01 | 2019-06-30 | 第1四半期",
      "about Q3          | 2019-10-01 | 2019-12-31 | 第3四半期頃",
      "Q4                | 2020-01-01 | 2020-03-31 | 第4四半期",
      "2019-10..2020-03  | 2019-10-01 | 2020-03-31 | 10月以降、年度内",
      "2019-10..2019-12  | 2019-10-01 | 2019-12-31 | 10月〜12月",
      "2019-06-03..2019-06-13 | 2019-06-03 | 2019-06-13 | 6月3日〜6月13日",
      "about Q2..Q3      | 2019-07-01 | 2019-12-31 | 7月〜12月頃"})
  void aPlanDateIsReadAtItsOwnPrecisionAndSaidSo(String text, LocalDate first, LocalDate last, String japanese) {
    ScheduleDate date = ScheduleDate.parse(text, YEAR);

    assertThat(date.first()).isEqualTo(first);
    assertThat(date.last()).isEqualTo(last);
    assertThat(date.textJa()).isEqualTo(japanese);
    assertThat(ScheduleDate.parse(date.code(), YEAR)).as("its plan-file form reads back").isEqualTo(date);
  }

  @Test
  void onlyAnExactDayMayBecomeATimerOrAnAppointment() {
    assertThat(ScheduleDate.parse("2019-07-09", YEAR).isExact()).isTrue();
    assertThat(ScheduleDate.parse("about 2019-07-09", YEAR).isExact()).isFalse();
    assertThat(ScheduleDate.parse("2019-07", YEAR).isExact()).isFalse();
    assertThat(ScheduleDate.parse("Q2", YEAR).isExact()).isFalse();
  }

  @Test
  void anUnreadableDateNamesTheFormsAPlanMayUse() {
    assertThatThrownBy(() -> ScheduleDate.parse("7月頃", YEAR)).hasMessageContaining("7月頃")
        .hasMessageContaining(ScheduleDate.FORMS);
    assertThatThrownBy(() -> ScheduleDate.parse("2019-12..2019-10", YEAR)).hasMessageContaining("window ends before");
  }

  @Test
  void aWholeMonthStaysAWholeMonthInAnotherYear() {
    assertThat(ScheduleDate.parse("2020-02", YEAR).shiftedByYears(1).last()).isEqualTo(LocalDate.of(2021, 2, 28));
    assertThat(ScheduleDate.parse("2019-02", YEAR).shiftedByYears(1).last()).isEqualTo(LocalDate.of(2020, 2, 29));
    assertThat(ScheduleDate.parse("about Q3", YEAR).shiftedByYears(7)).isEqualTo(ScheduleDate.parse("about Q3", 2026));
  }

  @Test
  void aPhasePlanWrittenBeforePrecisionReadsAsExactDays() throws Exception {
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    assertThat(json.readValue("\"2019-09-30\"", ScheduleDate.class)).isEqualTo(ScheduleDate.day(LocalDate.of(2019, 9, 30)));
    ScheduleDate vague = ScheduleDate.parse("about Q3", YEAR);
    assertThat(json.readValue(json.writeValueAsString(vague), ScheduleDate.class)).isEqualTo(vague);
  }
}
