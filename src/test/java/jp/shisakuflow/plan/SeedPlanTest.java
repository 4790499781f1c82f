package jp.shisakuflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.shisakuflow.fiscalyear.StandalonePlanServices;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.WardScope;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.time.ScheduleDate;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed plan against an independent reading of the chart (src/test/resources/seed/fy2019-chart-reading.tsv,
 * written from the chart's text, not from the plan): the same items and milestones, in the chart's words,
 * with the owners, phases, dates, links and next-year decisions of the reading, and never a date more
 * precise than the chart gives.
 */
class SeedPlanTest {

  static final String SEED_PLAN = StandalonePlanServices.SEED_PLAN;
  static final String CHART_READING = "seed/fy2019-chart-reading.tsv";

  /** The chart's 次年度以降 column has twenty entries. */
  static final int NEXT_YEAR_ENTRIES_ON_THE_CHART = 20;

  private static Plan plan;
  private static Map<String, ChartRow> items;
  private static Map<String, ChartRow> milestones;

  @BeforeAll
  static void readPlanAndChart() throws IOException {
    plan = new PlanParser(Arrays.stream(OrganizationGroup.values()).map(OrganizationGroup::id)
        .collect(Collectors.toSet())).parse(SEED_PLAN, resource(SEED_PLAN));
    List<ChartRow> rows = ChartRow.parseTable(resource(CHART_READING));
    items = byId(rows, "item");
    milestones = byId(rows, "milestone");
  }

  @Test
  void holdsAllTenWorkstreamsOfTheChart() {
    assertThat(plan.workstreams()).extracting(Plan.Workstream::name).containsExactly(
        "「まちのひろば」の推進", "「ソーシャルデザインセンター」の創出", "既存施策の整理", "町内会・自治会との連携",
        "区役所体制・機能強化", "推進体制の構築", "研修を活用した職員の意識醸成", "有識者会議", "その他", "関連する地域イベント");
  }

  @Test
  void holdsEveryItemOfTheReadingAndNoOther() {
    assertThat(plan.initiatives()).extracting(PlannedInitiative::id)
        .as("items of the plan (left) against the reading of the chart").containsExactlyInAnyOrderElementsOf(items.keySet());
  }

  @Test
  void holdsEveryMilestoneOfTheReadingAndNoOther() {
    assertThat(plan.milestones()).extracting(Milestone::id)
        .as("milestones of the plan (left) against the reading of the chart")
        .containsExactlyInAnyOrderElementsOf(milestones.keySet());
  }

  @Test
  void namesEveryItemAndMilestoneInTheChartsWordsAndRow() {
    SoftAssertions soft = new SoftAssertions();
    for (PlannedInitiative initiative : plan.initiatives()) {
      ChartRow row = items.get(initiative.id());
      if (row != null) {
        soft.assertThat(words(initiative.title())).as(initiative.id() + " title").isEqualTo(words(row.title()));
        soft.assertThat(initiative.workstream()).as(initiative.id() + " workstream").isEqualTo(row.workstream());
      }
    }
    for (Milestone milestone : plan.milestones()) {
      ChartRow row = milestones.get(milestone.id());
      if (row != null) {
        soft.assertThat(words(milestone.title())).as(milestone.id() + " title").isEqualTo(words(row.title()));
        soft.assertThat(milestone.workstream()).as(milestone.id() + " workstream").isEqualTo(row.workstream());
        soft.assertThat(milestone.kind().code()).as(milestone.id() + " kind").isEqualTo(row.milestoneKind());
      }
    }
    soft.assertAll();
  }

  @Test
  void givesEveryItemTheOwnersAndWardsOfTheReading() {
    SoftAssertions soft = new SoftAssertions();
    for (PlannedInitiative initiative : plan.initiatives()) {
      ChartRow row = items.get(initiative.id());
      if (row != null) {
        String id = initiative.id();
        soft.assertThat(initiative.owners().lead()).as(id + " lead").isEqualTo(row.lead());
        soft.assertThat(initiative.owners().coOwners()).as(id + " coOwners").isEqualTo(row.coOwners());
        soft.assertThat(initiative.owners().counterparts()).as(id + " counterparts").isEqualTo(row.counterparts());
        soft.assertThat(initiative.owners().partners()).as(id + " partners").isEqualTo(row.partners());
        soft.assertThat(wardsCode(initiative.wards())).as(id + " wards").isEqualTo(row.wards());
      }
    }
    for (Milestone milestone : plan.milestones()) {
      ChartRow row = milestones.get(milestone.id());
      if (row != null) {
        soft.assertThat(milestone.ownerGroup()).as(milestone.id() + " lead").isEqualTo(row.lead());
      }
    }
    soft.assertAll();
  }

  @Test
  void givesEveryItemThePhasesOfTheReadingWithTheirDates() {
    SoftAssertions soft = new SoftAssertions();
    for (PlannedInitiative initiative : plan.initiatives()) {
      ChartRow row = items.get(initiative.id());
      if (row != null) {
        soft.assertThat(initiative.phases().stream().map(SeedPlanTest::phaseText).toList())
            .as(initiative.id() + " phases").isEqualTo(row.phases().stream().map(SeedPlanTest::readPhaseText).toList());
      }
    }
    for (Milestone milestone : plan.milestones()) {
      ChartRow row = milestones.get(milestone.id());
      if (row != null) {
        soft.assertThat(milestone.date()).as(milestone.id() + " date").isEqualTo(date(row.milestoneDate()));
      }
    }
    soft.assertAll();
  }

  @Test
  void isNeverMorePreciseThanTheChart() {
    List<String> tooPrecise = new ArrayList<>();
    for (PlannedInitiative initiative : plan.initiatives()) {
      ChartRow row = items.get(initiative.id());
      if (row == null) {
        continue;
      }
      for (int i = 0; i < Math.min(initiative.phases().size(), row.phases().size()); i++) {
        PlannedPhase phase = initiative.phases().get(i);
        ChartPhase read = row.phases().get(i);
        checkPrecision(initiative.id() + " " + phase.name() + " start", phase.start(), date(read.start()), tooPrecise);
        checkPrecision(initiative.id() + " " + phase.name() + " end", phase.end(), date(read.end()), tooPrecise);
      }
    }
    for (Milestone milestone : plan.milestones()) {
      ChartRow row = milestones.get(milestone.id());
      if (row != null) {
        checkPrecision(milestone.id(), milestone.date(), date(row.milestoneDate()), tooPrecise);
      }
    }
    assertThat(tooPrecise).as("dates more precise than the chart gives them").isEmpty();
  }

  @Test
  void findsADayWhereTheChartGivesAQuarterOrAnAboutMoreThanTheChart() {
    assertThat(morePrecise(date("2019-10-01"), date("Q3"))).as("a day where the chart gives a quarter").isTrue();
    assertThat(morePrecise(date("2019-10"), date("about Q3"))).as("a month where the chart gives about a quarter").isTrue();
    assertThat(morePrecise(date("2019-07-09"), date("about 2019-07-09"))).as("an exact day where the chart says about")
        .isTrue();
    assertThat(morePrecise(date("Q3"), date("about Q3"))).as("a quarter where the chart says about that quarter").isTrue();
    assertThat(morePrecise(date("2019-10"), date("2019-10..2020-03"))).as("a month inside a window").isTrue();
    assertThat(morePrecise(date("about Q3"), date("about Q3"))).as("the chart's own precision").isFalse();
    assertThat(morePrecise(date("2019-10..2020-03"), date("2019-10..2020-03"))).isFalse();
  }

  @Test
  void keepsTheLinksOfTheReading() {
    SoftAssertions soft = new SoftAssertions();
    for (PlannedInitiative initiative : plan.initiatives()) {
      ChartRow row = items.get(initiative.id());
      if (row != null) {
        soft.assertThat(initiative.links().stream().map(l -> l.kind().code() + ":" + l.target()).toList())
            .as(initiative.id() + " links").containsExactlyInAnyOrderElementsOf(row.links());
      }
    }
    for (Milestone milestone : plan.milestones()) {
      ChartRow row = milestones.get(milestone.id());
      if (row != null) {
        soft.assertThat(milestone.about().stream().map(a -> "about:" + a).toList())
            .as(milestone.id() + " about").containsExactlyInAnyOrderElementsOf(row.links());
      }
    }
    soft.assertAll();
  }

  @Test
  void decidesNextYearAsTheChartSaysInItsOwnWords() {
    SoftAssertions soft = new SoftAssertions();
    for (PlannedInitiative initiative : plan.initiatives()) {
      ChartRow row = items.get(initiative.id());
      if (row != null) {
        soft.assertThat(initiative.nextYear().code()).as(initiative.id() + " nextYear").isEqualTo(row.nextYear());
        String label = row.nextYearLabel().isEmpty()
            ? Outcome.fromCode(row.nextYear()).map(Outcome::labelJa).orElse("(unknown outcome " + row.nextYear() + ")")
            : row.nextYearLabel();
        soft.assertThat(words(initiative.nextYearLabel()))
            .as(initiative.id() + " nextYearLabel (the chart's words, else the outcome's own label)")
            .isEqualTo(words(label));
      }
    }
    soft.assertAll();
  }

  @Test
  void readsAsManyNextYearEntriesAsTheChartHas() {
    assertThat(items.values().stream().filter(row -> !row.nextYear().equals("none")))
        .as("items the reading gives a 次年度以降 entry")
        .hasSize(NEXT_YEAR_ENTRIES_ON_THE_CHART)
        .allSatisfy(row -> assertThat(row.nextYearLabel()).as(row.id()).isNotBlank());
    assertThat(items.values().stream().filter(row -> row.nextYear().equals("none")))
        .allSatisfy(row -> assertThat(row.nextYearLabel()).as(row.id() + " has no entry on the chart").isEmpty());
  }

  // --- the comparison ---

  /** A plan date is more precise than the chart's when it is a narrower span, or the same span without 頃. */
  static boolean morePrecise(ScheduleDate planned, ScheduleDate chart) {
    long plannedDays = ChronoUnit.DAYS.between(planned.first(), planned.last());
    long chartDays = ChronoUnit.DAYS.between(chart.first(), chart.last());
    return plannedDays < chartDays || plannedDays == chartDays && chart.about() && !planned.about();
  }

  private static void checkPrecision(String what, ScheduleDate planned, ScheduleDate chart, List<String> tooPrecise) {
    if (morePrecise(planned, chart)) {
      tooPrecise.add(what + ": plan " + planned.code() + ", chart " + chart.code());
    }
  }

  private static String phaseText(PlannedPhase phase) {
    return words(phase.name()) + "@" + phase.start().code() + ".." + phase.end().code();
  }

  private static String readPhaseText(ChartPhase phase) {
    return words(phase.name()) + "@" + date(phase.start()).code() + ".." + date(phase.end()).code();
  }

  private static ScheduleDate date(String text) {
    return ScheduleDate.parse(text, plan == null ? 2019 : plan.fiscalYear());
  }

  private static String wardsCode(WardScope wards) {
    return switch (wards.mode()) {
      case NONE -> "none";
      case ALL -> "all";
      case DECIDED_IN_YEAR -> "decided";
      case LISTED -> String.join(",", wards.wards());
    };
  }

  /** The chart's words, compared as NFKC: (　) and （　）, ｲﾍﾞﾝﾄ and イベント, ２ and 2 are the same words. */
  static String words(String text) {
    return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SeedPlanTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, ChartRow> byId(List<ChartRow> rows, String kind) {
    Map<String, ChartRow> byId = new LinkedHashMap<>();
    rows.stream().filter(r -> r.kind().equals(kind)).forEach(r -> {
      assertThat(byId.put(r.id(), r)).as("reading row " + r.id() + " twice").isNull();
    });
    return byId;
  }

  // --- the reading table ---

  /** One phase of a reading row: {@code name@start..end}, a window date in brackets ({@code [2019-10..2020-03]}). */
  record ChartPhase(String name, String start, String end) {

    static ChartPhase parse(String text) {
      int at = text.lastIndexOf('@');
      assertThat(at).as("phase '" + text + "' has name@start..end").isPositive();
      String dates = text.substring(at + 1);
      int split = topLevelRange(dates);
      assertThat(split).as("phase '" + text + "' has start..end").isPositive();
      return new ChartPhase(text.substring(0, at).strip(), unbracket(dates.substring(0, split)),
          unbracket(dates.substring(split + 2)));
    }

    private static int topLevelRange(String dates) {
      int depth = 0;
      for (int i = 0; i < dates.length() - 1; i++) {
        char c = dates.charAt(i);
        if (c == '[') {
          depth++;
        } else if (c == ']') {
          depth--;
        } else if (depth == 0 && c == '.' && dates.charAt(i + 1) == '.') {
          return i;
        }
      }
      return -1;
    }
  }

  static String unbracket(String date) {
    return date.replace("[", "").replace("]", "").strip();
  }

  /**
   * One row of the reading: an item (its phases {@code name@start..end} separated by {@code |}) or a milestone
   * (its {@code kind@date} in the phases column, {@code about:<item>} in the links column).
   */
  record ChartRow(String kind, String id, String title, String workstream, String lead, List<String> coOwners,
      List<String> counterparts, List<String> partners, String wards, List<ChartPhase> phases, String rawPhases,
      List<String> links, String nextYear, String nextYearLabel) {

    static final List<String> COLUMNS = List.of("kind", "id", "title", "workstream", "lead", "coOwners", "counterparts",
        "partners", "wards", "phases", "links", "nextYear", "nextYearLabel", "note");

    static List<ChartRow> parseTable(String tsv) {
      List<String[]> lines = tsv.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\t", -1)).toList();
      assertThat(Arrays.asList(lines.get(0))).as("header of " + CHART_READING).isEqualTo(COLUMNS);
      List<ChartRow> rows = new ArrayList<>();
      for (String[] cells : lines.subList(1, lines.size())) {
        assertThat(cells).as("row " + String.join("|", cells)).hasSize(COLUMNS.size());
        boolean item = cells[0].equals("item");
        assertThat(cells[0]).as("kind of " + cells[1]).isIn("item", "milestone");
        rows.add(new ChartRow(cells[0], cells[1], cells[2], cells[3], cells[4], list(cells[5]), list(cells[6]),
            list(cells[7]), cells[8], item ? Arrays.stream(cells[9].split("\\|")).map(String::strip).map(ChartPhase::parse)
                .toList() : List.of(), cells[9], list(cells[10]), cells[11], cells[12]));
      }
      return rows;
    }

    private static List<String> list(String cell) {
      return cell.isBlank() ? List.of() : Arrays.stream(cell.split(",")).map(String::strip).toList();
    }

    String milestoneKind() {
      return rawPhases.substring(0, rawPhases.indexOf('@'));
    }

    String milestoneDate() {
      return unbracket(rawPhases.substring(rawPhases.indexOf('@') + 1));
    }
  }
}
