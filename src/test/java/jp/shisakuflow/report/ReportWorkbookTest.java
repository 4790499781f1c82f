package jp.shisakuflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import jp.shisakuflow.time.CityTime;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The quarterly workbook as people read it (FY2079, a plan of its own with an exact and a vague period): date
 * cells, frozen headers, the filter, the chart and the Normal style — read back with POI, then with exceljs
 * from npm (src/test/node/xlsx/), an independent reader.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportWorkbookTest {

  static final int YEAR = 2079;
  static final Path NODE = Path.of("src/test/node/xlsx");
  static final String PLAN = """
      id: workbook-plan
      title: 表計算で読む計画
      fiscalYear: 2079
      workstreams:
        - { id: promotion, name: 推進体制の構築 }
      initiatives:
        - id: exact-days
          title: 日付の決まった取組
          workstream: promotion
          lead: communityPromotion
          phases:
            - { step: 準備, start: 2079-05-10, end: 2079-09-30 }
          nextYear: none
        - id: vague-days
          title: 時期の漠然とした取組
          workstream: promotion
          lead: communityPromotion
          phases:
            - { step: 検討, start: about 2079-07, end: Q3 }
          nextYear: none
      """;

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired PlanImportService plans;

  byte[] workbook;

  @BeforeAll
  void importAndDownload() {
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    try {
      ClockUtil.setCurrentTime(at(LocalDate.of(YEAR, 4, 1)));
      plans.importPlan("workbook-plan.yaml", PLAN, YEAR);
      ClockUtil.setCurrentTime(at(LocalDate.of(YEAR, 8, 15)));
      var response = http.withBasicAuth("manager", TestUsers.PASSWORD)
          .getForEntity("/api/reports/quarterly?fiscalYear=" + YEAR + "&quarter=2", byte[].class);
      assertThat(response.getStatusCode().value()).isEqualTo(200);
      workbook = response.getBody();
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void daysAreDateCellsAndAVaguePeriodKeepsItsWords() throws Exception {
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
      Sheet summary = book.getSheet(XlsxReportWriter.SUMMARY_SHEET);
      var asOf = summary.getRow(1).getCell(1);
      assertThat(asOf.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(DateUtil.isCellDateFormatted(asOf)).isTrue();
      assertThat(asOf.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(YEAR, 8, 15));
      assertThat(asOf.getCellStyle().getDataFormatString()).isEqualTo("yyyy/mm/dd");

      Sheet sheet = book.getSheet("推進体制の構築");
      Row exact = find(sheet, "exact-days");
      assertThat(cell(exact, "計画期間").getStringCellValue()).isEqualTo("5月10日〜9月30日");
      assertThat(date(cell(exact, XlsxReportWriter.PLANNED_START))).isEqualTo(LocalDate.of(YEAR, 5, 10));
      assertThat(date(cell(exact, XlsxReportWriter.PLANNED_END))).isEqualTo(LocalDate.of(YEAR, 9, 30));
      assertThat(date(cell(exact, "段階の開始日"))).as("started on import").isEqualTo(LocalDate.of(YEAR, 4, 1));

      Row vague = find(sheet, "vague-days");
      assertThat(cell(vague, "計画期間").getStringCellValue()).isEqualTo("7月頃〜第3四半期");
      assertThat(cell(vague, XlsxReportWriter.PLANNED_START).getCellType()).as("no invented day")
          .isEqualTo(CellType.BLANK);
      assertThat(cell(vague, XlsxReportWriter.PLANNED_END).getCellType()).isEqualTo(CellType.BLANK);
      assertThat(cell(vague, "遅延日数").getCellType()).isEqualTo(CellType.NUMERIC);
    }
  }

  @Test
  void headersAreFrozenTheTableIsFilteredAndColumnsFitTheirText() throws Exception {
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
      XSSFSheet sheet = book.getSheet("推進体制の構築");
      var pane = sheet.getPaneInformation();
      assertThat(pane.isFreezePane()).isTrue();
      assertThat(pane.getHorizontalSplitPosition()).as("rows frozen").isEqualTo((short) 2);
      assertThat(pane.getVerticalSplitPosition()).as("columns frozen").isEqualTo((short) 2);
      int columns = XlsxReportWriter.INITIATIVE_HEADER.size();
      assertThat(sheet.getCTWorksheet().getAutoFilter().getRef())
          .isEqualTo("A2:" + org.apache.poi.ss.util.CellReference.convertNumToColString(columns - 1) + "4");
      int title = XlsxReportWriter.INITIATIVE_HEADER.indexOf("施策名");
      assertThat(sheet.getColumnWidth(title) / 256).as("施策名 fits 時期の漠然とした取組 (10 full-width characters)")
          .isGreaterThanOrEqualTo(20);
      int id = XlsxReportWriter.INITIATIVE_HEADER.indexOf("遅延日数");
      assertThat(sheet.getColumnWidth(id) / 256).as("a short column stays narrow").isLessThan(20);

      XSSFSheet summary = book.getSheet(XlsxReportWriter.SUMMARY_SHEET);
      assertThat(summary.getPaneInformation().getHorizontalSplitPosition())
          .isEqualTo((short) (XlsxReportWriter.SUMMARY_TABLE_ROW + 1));
      assertThat(book.getFontAt(0).getFontName()).as("the Normal style's font").isEqualTo(XlsxReportWriter.FONT);
    }
  }

  @Test
  void theSummaryHasANativeBarChartOfStatusesPerWorkstream() throws Exception {
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
      XSSFSheet summary = book.getSheet(XlsxReportWriter.SUMMARY_SHEET);
      var charts = summary.getDrawingPatriarch().getCharts();
      assertThat(charts).hasSize(1);
      XSSFChart chart = charts.get(0);
      assertThat(chart.getTitleText().getString()).isEqualTo("ワークストリーム別の状況");
      var data = chart.getChartSeries();
      assertThat(data).hasSize(1);
      assertThat(data.get(0)).isInstanceOf(org.apache.poi.xddf.usermodel.chart.XDDFBarChartData.class);
      assertThat(data.get(0).getSeriesCount()).isEqualTo(4);
      assertThat(data.get(0).getSeries(2).getValuesData().getDataRangeReference()).as("遅延").isEqualTo("概要!$E$6");
      assertThat(data.get(0).getSeries(0).getCategoryData().getPointAt(0)).isEqualTo("推進体制の構築");
      assertThat(data.get(0).getSeries(0).getValuesData().getDataRangeReference()).isEqualTo("概要!$C$6");
    }
  }

  @Test
  void styleSheetDeclaresTheNormalStyle() throws Exception {
    String styles = entry("xl/styles.xml");
    assertThat(styles).contains("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>");
  }

  /** exceljs (npm), another ecosystem's reader, opens the same bytes: check.mjs says what it found. */
  @Test
  void exceljsReadsTheDatesTheFilterThePaneAndFindsTheChart() throws Exception {
    Run node = run(NODE, "node", "--version");
    if (node == null || node.exitCode() != 0) {
      fail("The workbook check needs Node.js and npm on the PATH: install them (Debian: apt-get install nodejs npm)."
          + (node == null ? "" : "\n" + node.output()));
    }
    Path installed = NODE.resolve("node_modules/.package-lock.json");
    Path locked = NODE.resolve("package-lock.json");
    if (!Files.exists(installed)
        || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(locked)) < 0) {
      Run ci = run(NODE, "npm", "ci", "--no-audit", "--no-fund");
      if (ci == null || ci.exitCode() != 0) {
        fail("npm ci in " + NODE + " failed" + (ci == null ? ": npm is not on the PATH" : ":\n" + ci.output()));
      }
    }
    Path file = Path.of("target", "report-" + YEAR + "-q2.xlsx").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.write(file, workbook);

    Run check = run(NODE, "node", "check.mjs", file.toString(), "推進体制の構築", YEAR + "-08-15", YEAR + "-05-10",
        YEAR + "-09-30");

    assertThat(check).as("node is on the PATH").isNotNull();
    assertThat(check.exitCode()).as("check.mjs says:\n%s", check.output()).isZero();
    assertThat(check.output()).contains("asOf date 2079-08-15", "planned 2079-05-10..2079-09-30", "vague blank",
        "autoFilter A2:", "frozen 2x2", "summary frozen 5", "chart xl/charts/chart1.xml barChart series 4",
        "normal font 游ゴシック");
  }

  private String entry(String name) throws IOException {
    try (var zip = new ZipInputStream(new ByteArrayInputStream(workbook))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no " + name + " in the workbook");
  }

  private static Date at(LocalDate day) {
    return Date.from(day.atTime(LocalTime.of(10, 0)).atZone(CityTime.ZONE).toInstant());
  }

  private static LocalDate date(org.apache.poi.ss.usermodel.Cell cell) {
    assertThat(cell.getCellType()).as("a date cell").isEqualTo(CellType.NUMERIC);
    assertThat(DateUtil.isCellDateFormatted(cell)).as("date formatted").isTrue();
    return cell.getLocalDateTimeCellValue().toLocalDate();
  }

  private static org.apache.poi.ss.usermodel.Cell cell(Row row, String column) {
    int index = XlsxReportWriter.INITIATIVE_HEADER.indexOf(column);
    assertThat(index).as(column).isNotNegative();
    return row.getCell(index, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK);
  }

  private static Row find(Sheet sheet, String id) {
    for (Row row : sheet) {
      if (row.getCell(0) != null && id.equals(row.getCell(0).toString())) {
        return row;
      }
    }
    throw new AssertionError("no row " + id + " in " + sheet.getSheetName());
  }

  private static Run run(Path dir, String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException notFound) {
      return null;
    }
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish within 5 minutes");
    }
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String output) {}
}
