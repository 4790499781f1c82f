package jp.shisakuflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.support.KnownYear;
import jp.shisakuflow.support.LinkedPlan;
import jp.shisakuflow.support.TestUsers;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** 四半期進捗報告 of the known FY2019, third quarter (as of 2019-12-31), checked cell by cell. */
@ApiTest
class ReportApiTest {

  @Autowired TestRestTemplate http;
  @Autowired KnownYear knownYear;
  @Autowired IdentityService identityService;
  @Autowired PlanImportService plans;

  @BeforeEach
  void year() {
    knownYear.ensure();
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
  }

  @Test
  void theWorkbookHasASummaryAndASheetPerWorkstream() throws Exception {
    var response = http.withBasicAuth("manager", TestUsers.PASSWORD)
        .getForEntity("/api/reports/quarterly?fiscalYear=2019&quarter=3", byte[].class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getContentType().toString()).contains("spreadsheetml");
    assertThat(response.getHeaders().getContentDisposition().getFilename()).isEqualTo("2019年度 第3四半期 進捗報告.xlsx");

    try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
      Sheet summary = workbook.getSheet("概要");
      assertThat(text(summary, 0, 0)).isEqualTo("2019年度 第3四半期 進捗報告");
      assertThat(summary.getRow(1).getCell(1).getLocalDateTimeCellValue().toLocalDate())
          .as("基準日 is a date cell").isEqualTo(java.time.LocalDate.of(2019, 12, 31));
      assertThat(summary.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(29);
      assertThat(cells(summary, 4)).containsExactly("ワークストリーム", "施策数", "予定通り", "前倒し", "遅延", "完了");
      Row hiroba = find(summary, "「まちのひろば」の推進");
      // late at the quarter's end: the guidebook, the fes and the guideline (their first steps ended before)
      assertThat(numbers(hiroba)).containsExactly(10.0, 6.0, 1.0, 3.0, 0.0);
      Row existing = find(summary, "既存施策の整理");
      assertThat(numbers(existing)).containsExactly(3.0, 2.0, 0.0, 0.0, 1.0);

      assertThat(workbook.getNumberOfSheets()).isEqualTo(1 + 8);
      Sheet sheet = workbook.getSheet("「まちのひろば」の推進");
      assertThat(cells(sheet, 1)).containsExactlyElementsOf(XlsxReportWriter.INITIATIVE_HEADER);
      assertThat(columns(cells(find(sheet, "hiroba-guidebook")), "施策名", "主担当", "計画上の段階", "実際の段階",
          "段階の開始日", "状況", "遅延日数", "最新のコメント")).containsExactly("支援ガイドブックの作成",
          "市民文化局コミュニティ推進部", "作成・配布", "庁内調査", "2019-04-01", "遅延", "92", KnownYear.GUIDEBOOK_COMMENT);
      assertThat(columns(cells(find(sheet, "hiroba-booklet")), "計画上の段階", "実際の段階", "段階の開始日", "状況"))
          .containsExactly("冊子作成・WS試行実施", "冊子配布・WS実施", "2019-10-10", "前倒し");
      assertThat(columns(cells(find(sheet, "hiroba-model-support")), "計画上の段階", "実際の段階", "段階の開始日", "状況"))
          .containsExactly("募集開始・支援実施", "募集開始・支援実施", "2019-09-20", "予定通り");
      assertThat(columns(cells(find(workbook.getSheet("既存施策の整理"), "ward-council-repeal")), "主担当", "計画上の段階",
          "計画期間", "実際の段階", "段階の開始日", "状況", "遅延日数"))
          .containsExactly("市民文化局コミュニティ推進部", "（計画期間外）", "", "完了", "", "完了", "0");
    }
  }

  @Test
  void theCsvIsUtf8WithABomAndOneRowPerInitiative() throws Exception {
    var response = http.withBasicAuth("auditor", TestUsers.PASSWORD)
        .getForEntity("/api/reports/quarterly?fiscalYear=2019&quarter=3&format=csv", byte[].class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    byte[] body = response.getBody();
    assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    List<CSVRecord> records = CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(new String(body, 3, body.length - 3, StandardCharsets.UTF_8))).getRecords();
    assertThat(records).hasSize(29);
    CSVRecord guidebook = records.stream().filter(r -> r.get("施策ID").equals("hiroba-guidebook")).findFirst()
        .orElseThrow();
    assertThat(guidebook.get("ワークストリーム")).isEqualTo("「まちのひろば」の推進");
    assertThat(guidebook.get("状況")).isEqualTo("遅延");
    assertThat(guidebook.get("遅延日数")).isEqualTo("92");
    assertThat(guidebook.get("最新のコメント")).isEqualTo(KnownYear.GUIDEBOOK_COMMENT);
    assertThat(guidebook.get("基準日")).isEqualTo("2019-12-31");
  }

  @Test
  void aRowSaysItsPeriodAsPlannedItsOwnersAndThePredecessorItWaitsFor() throws Exception {
    int year = 2042;
    LinkedPlan.importInto(plans, identityService, year);
    byte[] body;
    try {
      // The second quarter under way: the report is as of that day.
      ClockUtil.setCurrentTime(java.util.Date.from(java.time.LocalDate.of(year, 8, 15).atTime(10, 0)
          .atZone(jp.shisakuflow.time.CityTime.ZONE).toInstant()));
      body = http.withBasicAuth("manager", TestUsers.PASSWORD)
          .getForEntity("/api/reports/quarterly?fiscalYear=" + year + "&quarter=2&format=csv", byte[].class).getBody();
    } finally {
      ClockUtil.reset();
    }
    List<CSVRecord> records = CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(new String(body, 3, body.length - 3, StandardCharsets.UTF_8))).getRecords();

    CSVRecord team = records.stream().filter(r -> r.get("施策ID").equals(LinkedPlan.TEAM)).findFirst().orElseThrow();
    assertThat(team.get("計画期間")).as("no invented day").isEqualTo("第1四半期〜第2四半期");
    assertThat(team.get("主担当")).isEqualTo("市民文化局コミュニティ推進部");
    assertThat(team.get("共同担当")).isEqualTo("高津区役所");
    assertThat(team.get("関係先")).isEqualTo("総務企画局 法制課");
    assertThat(team.get("協力")).isEqualTo("川崎市市民自治財団");
    CSVRecord trial = records.stream().filter(r -> r.get("施策ID").equals(LinkedPlan.TRIAL)).findFirst().orElseThrow();
    assertThat(trial.get("計画期間")).isEqualTo("第2四半期頃〜第3四半期");
    assertThat(trial.get("実施区")).isEqualTo("高津区役所、多摩区役所");
    assertThat(trial.get("先行する取組の状況")).startsWith("職員プロジェクトチームの設置（");
    assertThat(trial.get("関連")).contains("先行する取組: 職員プロジェクトチームの設置", "検討の場: 第2回有識者会議（第2四半期頃）");
  }

  @Test
  void onlyManagersAndAuditorsGetTheReport() {
    assertThat(http.withBasicAuth("takatsu", TestUsers.PASSWORD)
        .getForEntity("/api/reports/quarterly?fiscalYear=2019&quarter=3", String.class).getStatusCode().value())
        .isEqualTo(403);
    assertThat(http.getForEntity("/api/reports/quarterly?fiscalYear=2019&quarter=3", String.class)
        .getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void aBadQuarterOrFormatIsNamed() {
    var quarter = http.withBasicAuth("manager", TestUsers.PASSWORD)
        .getForEntity("/api/reports/quarterly?fiscalYear=2019&quarter=5", String.class);
    assertThat(quarter.getStatusCode().value()).isEqualTo(400);
    assertThat(quarter.getBody()).contains("quarter");
    var format = http.withBasicAuth("manager", TestUsers.PASSWORD)
        .getForEntity("/api/reports/quarterly?fiscalYear=2019&quarter=3&format=pdf", String.class);
    assertThat(format.getStatusCode().value()).isEqualTo(400);
    assertThat(format.getBody()).contains("format", "pdf");
  }

  private static Row find(Sheet sheet, String firstCell) {
    for (Row row : sheet) {
      if (row.getCell(0) != null && firstCell.equals(row.getCell(0).toString())) {
        return row;
      }
    }
    throw new AssertionError("no row " + firstCell + " in " + sheet.getSheetName());
  }

  /** The cells of these columns of a row, in the order asked. */
  private static List<String> columns(List<String> row, String... names) {
    return Arrays.stream(names).map(name -> row.get(XlsxReportWriter.INITIATIVE_HEADER.indexOf(name))).toList();
  }

  private static String text(Sheet sheet, int row, int cell) {
    return sheet.getRow(row).getCell(cell).getStringCellValue();
  }

  private static List<String> cells(Sheet sheet, int row) {
    return cells(sheet.getRow(row));
  }

  private static List<String> cells(Row row) {
    List<String> values = new java.util.ArrayList<>();
    for (int i = 0; i < row.getLastCellNum(); i++) {
      var cell = row.getCell(i, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK);
      boolean numeric = cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC;
      values.add(numeric && org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(cell)
          ? cell.getLocalDateTimeCellValue().toLocalDate().toString() // a date cell, read as ISO
          : numeric ? String.valueOf((long) cell.getNumericCellValue()) : cell.getStringCellValue());
    }
    return values;
  }

  private static List<Double> numbers(Row row) {
    List<Double> values = new java.util.ArrayList<>();
    for (int i = 1; i < row.getLastCellNum(); i++) {
      values.add(row.getCell(i).getNumericCellValue());
    }
    return values;
  }
}
