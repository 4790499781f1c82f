package jp.shisakuflow.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped holidays file against the Cabinet Office's list (内閣府「国民の祝日について」, typed here by hand) for
 * the years its rules changed most: the new era (2019), the Olympic moves (2020, 2021) and this year and next.
 */
class BusinessDaysTest {

  static final BusinessDays DAYS = BusinessDays.japan();

  static final Map<Integer, List<String>> CABINET_OFFICE = Map.of(
      2019, List.of("01-01", "01-14", "02-11", "03-21", "04-29", "04-30", "05-01", "05-02", "05-03", "05-04",
          "05-05", "05-06", "07-15", "08-11", "08-12", "09-16", "09-23", "10-14", "10-22", "11-03", "11-04", "11-23"),
      2020, List.of("01-01", "01-13", "02-11", "02-23", "02-24", "03-20", "04-29", "05-03", "05-04", "05-05",
          "05-06", "07-23", "07-24", "08-10", "09-21", "09-22", "11-03", "11-23"),
      2021, List.of("01-01", "01-11", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05", "07-22",
          "07-23", "08-08", "08-09", "09-20", "09-23", "11-03", "11-23"),
      2026, List.of("01-01", "01-12", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06",
          "07-20", "08-11", "09-21", "09-22", "09-23", "10-12", "11-03", "11-23"),
      2027, List.of("01-01", "01-11", "02-11", "02-23", "03-21", "03-22", "04-29", "05-03", "05-04", "05-05",
          "07-19", "08-11", "09-20", "09-23", "10-11", "11-03", "11-23"));

  @Test
  void theShippedFileHasTheCabinetOfficesHolidaysOfKnownYears() {
    CABINET_OFFICE.forEach((year, days) -> {
      List<String> inFile = DAYS.holidays().keySet().stream().filter(day -> day.getYear() == year)
          .map(day -> day.toString().substring(5)).sorted().collect(Collectors.toList());
      assertThat(inFile).as("holidays of %d", year).containsExactlyElementsOf(days);
    });
  }

  @Test
  void everyYearItCoversHasItsFixedHolidays() {
    assertThat(DAYS.firstYear()).isLessThanOrEqualTo(2019);
    assertThat(DAYS.lastYear()).as("the current year at least").isGreaterThanOrEqualTo(2026);
    for (int year = DAYS.firstYear(); year <= DAYS.lastYear(); year++) {
      for (String fixed : List.of("01-01", "02-11", "04-29", "05-03", "05-05", "11-03", "11-23")) {
        assertThat(DAYS.holiday(LocalDate.parse(year + "-" + fixed))).as("%d-%s", year, fixed).isPresent();
      }
    }
  }

  @Test
  void weekendsAndHolidaysAreNoBusinessDays() {
    assertThat(DAYS.isBusinessDay(LocalDate.of(2026, 12, 1))).as("a Tuesday").isTrue();
    assertThat(DAYS.isBusinessDay(LocalDate.of(2026, 11, 28))).as("a Saturday").isFalse();
    assertThat(DAYS.isBusinessDay(LocalDate.of(2026, 11, 29))).as("a Sunday").isFalse();
    assertThat(DAYS.isBusinessDay(LocalDate.of(2026, 11, 23))).as("勤労感謝の日, a Monday").isFalse();
    assertThat(DAYS.holiday(LocalDate.of(2026, 9, 22))).contains("休日");
    assertThat(DAYS.businessDayBefore(LocalDate.of(2026, 5, 7))).as("after Golden Week").isEqualTo(LocalDate.of(2026, 5, 1));
  }

  @Test
  void aYearTheFileDoesNotCoverSkipsWeekendsOnly() {
    assertThat(DAYS.covers(LocalDate.of(2090, 1, 1))).isFalse();
    assertThat(DAYS.isBusinessDay(LocalDate.of(2090, 1, 2))).as("a Monday, the holidays of 2090 unknown").isTrue();
  }

  @Test
  void aHolidaysFileIsReadFromYamlAndABadDateIsNamed() {
    BusinessDays days = BusinessDays.read(yaml("""
        firstYear: 2030
        lastYear: 2030
        holidays:
          "2030-01-01": 元日
        """), "test.yaml");
    assertThat(days.holiday(LocalDate.of(2030, 1, 1))).contains("元日");

    assertThatThrownBy(() -> BusinessDays.read(yaml("firstYear: 2030\nlastYear: 2030\nholidays: {\"2030-13-01\": x}\n"),
        "bad.yaml")).hasMessageContaining("bad.yaml").hasMessageContaining("2030-13-01");
    assertThatThrownBy(() -> BusinessDays.read(yaml("firstYear: 2030\nlastYear: 2030\nholidays: {\"2031-01-01\": x}\n"),
        "bad.yaml")).hasMessageContaining("outside 2030-2030");
    assertThatThrownBy(() -> BusinessDays.read(yaml("holidays: {}\n"), "bad.yaml")).hasMessageContaining("firstYear");
  }

  private static ByteArrayInputStream yaml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
