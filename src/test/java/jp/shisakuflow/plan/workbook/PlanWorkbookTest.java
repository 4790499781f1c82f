package jp.shisakuflow.plan.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jp.shisakuflow.fiscalyear.StandalonePlanServices;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.plan.InvalidPlanException;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanDocuments;
import jp.shisakuflow.plan.PlanError;
import jp.shisakuflow.plan.PlanParser;
import jp.shisakuflow.plan.PlannedInitiative;
import jp.shisakuflow.time.ScheduleDate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The plan workbook without an engine: its layout, the round trip, which sheet counts, and the errors' places. */
class PlanWorkbookTest {

  static final Plan SEED = PlanParser.forImportedPlans().parse("fy2019-community.yaml", StandalonePlanServices.seedYaml());
  static final PlanParser PARSER = PlanParser.forImportedPlans();

  @Test
  void exportImportExportIsTheSameWorkbookCellByCell() throws IOException {
    for (Plan plan : List.of(SEED, SEED.inFiscalYear(2081))) {
      byte[] first = PlanWorkbook.write(plan, null);
      Plan imported = read(first);
      assertThat(imported.sameContent(plan)).as("the plan read back").isTrue();
      byte[] second = PlanWorkbook.write(imported, null);
      assertSameCells(first, second);
    }
  }

  @Test
  void theScheduleSheetIsLaidOutLikeTheChart() throws IOException {
    try (Workbook workbook = open(PlanWorkbook.write(SEED, null))) {
      assertThat(names(workbook)).containsExactly("スケジュール", "段階一覧", "計画");
      Sheet sheet = workbook.getSheet("スケジュール");
      assertThat(text(sheet, 0, 0)).isEqualTo("「これからのコミュニティ施策の基本的考え方」に基づく今年度の主な取組スケジュール（案）");
      assertThat(rowTexts(sheet, 1)).containsSubsequence("取組の柱", "主な取組", "担当", "第1四半期", "第2四半期", "第3四半期",
          "第4四半期", "次年度以降");
      assertThat(rowTexts(sheet, 2)).containsSubsequence("4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
          "1月", "2月", "3月");
      String all = String.join("\n", allTexts(sheet));
      for (Plan.Workstream workstream : SEED.workstreams()) {
        assertThat(all).contains(workstream.name());
      }
      for (PlannedInitiative item : SEED.initiatives()) {
        assertThat(all).as(item.id()).contains("●" + item.title());
        for (PlannedPhase phase : item.phases()) {
          assertThat(all).as(item.id()).contains(phase.name() + "（" + phase.periodTextJa() + "）");
        }
        if (item.continuesNextYear()) {
          assertThat(all).as(item.id()).contains("→" + item.nextYearLabel());
        }
      }
      for (Milestone milestone : SEED.milestones()) {
        assertThat(all).as(milestone.id()).contains("▲" + milestone.labelJa());
      }
      // on their day, in the plan's words; a vague one with its precision, never an invented day
      assertThat(all).contains("▲第1回有識者会議（7月9日）").contains("▲第2回有識者会議（第3四半期頃）")
          .contains("▲6月議会（区民会議条例の廃止を提案）（6月）").contains("スモールスタートによるモデル事業開始（10月以降、年度内）");
      // 7/9 is in the July column (D = April … ), its phase cells are filled
      Cell july = find(sheet, "▲第1回有識者会議（7月9日）");
      assertThat(text(sheet, 2, july.getColumnIndex())).isEqualTo("7月");
      Cell guide = find(sheet, "要領作成（第1四半期〜第2四半期）");
      assertThat(text(sheet, 2, guide.getColumnIndex())).isEqualTo("4月");
      Row guideRow = guide.getRow();
      for (int c = guide.getColumnIndex(); c < guide.getColumnIndex() + 6; c++) {
        assertThat(guideRow.getCell(c).getCellStyle().getFillPattern()).as("column %d filled", c)
            .isEqualTo(FillPatternType.SOLID_FOREGROUND);
      }
      assertThat(guideRow.getCell(guide.getColumnIndex() + 6).getCellStyle().getFillPattern()).as("募集開始 has its own fill")
          .isEqualTo(FillPatternType.SOLID_FOREGROUND);
      assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
      assertThat(sheet.getPrintSetup().getPaperSize()).isEqualTo(org.apache.poi.ss.usermodel.PrintSetup.A3_PAPERSIZE);
    }
  }

  @Test
  void thePhaseListHasRealDatesOnlyForExactDays() throws IOException {
    try (Workbook workbook = open(PlanWorkbook.write(SEED, null))) {
      Sheet sheet = workbook.getSheet("段階一覧");
      List<String> header = rowTexts(sheet, 0);
      int start = header.indexOf("開始・日付");
      int end = header.indexOf("終了");
      assertThat(sheet.getLastRowNum()).isEqualTo(
          SEED.initiatives().stream().mapToInt(i -> i.phases().size()).sum() + SEED.milestones().size());
      assertThat(((org.apache.poi.xssf.usermodel.XSSFSheet) sheet).getCTWorksheet().isSetAutoFilter()).isTrue();
      int r = 1;
      for (PlannedInitiative item : SEED.initiatives()) {
        for (PlannedPhase phase : item.phases()) {
          assertDateCell(sheet.getRow(r).getCell(start), phase.start());
          assertDateCell(sheet.getRow(r).getCell(end), phase.end());
          r++;
        }
      }
      for (Milestone milestone : SEED.milestones()) {
        assertDateCell(sheet.getRow(r++).getCell(start), milestone.date());
      }
      int exactDays = 0;
      for (Row row : sheet) {
        Cell cell = row.getCell(start);
        if (cell != null && cell.getCellType() == CellType.NUMERIC) {
          exactDays++;
        }
      }
      assertThat(exactDays).as("the seed's exact days").isGreaterThan(20);
    }
  }

  @Test
  void actualsAsOfADateAreAddedAndNotReadBack() throws IOException {
    var actuals = new PlanWorkbook.Actuals(LocalDate.of(2019, 7, 9), "令和元年7月9日現在",
        Map.of("hiroba-model-support", "予定通り"), Map.of("hiroba-model-support", Map.of("coordinate", "4月1日〜（実施中）")));
    byte[] bytes = PlanWorkbook.write(SEED, actuals);
    try (Workbook workbook = open(bytes)) {
      Sheet schedule = workbook.getSheet("スケジュール");
      assertThat(allTexts(schedule)).contains("令和元年7月9日現在", "状況", "予定通り");
      Sheet phases = workbook.getSheet("段階一覧");
      assertThat(rowTexts(phases, 0)).endsWith("状況", "実績");
      assertThat(rowTexts(phases, 1)).contains("予定通り", "4月1日〜（実施中）");
    }
    assertThat(read(bytes).withoutLines()).isEqualTo(SEED.withoutLines());
  }

  @Test
  void thePhaseListIsWhatCountsAndTheScheduleSheetIsNotRead() throws IOException {
    byte[] bytes = PlanWorkbook.write(SEED, null);
    byte[] edited = edit(bytes, workbook -> {
      Sheet phases = workbook.getSheet("段階一覧");
      int end = rowTexts(phases, 0).indexOf("終了");
      phases.getRow(1).getCell(end).setCellValue("第3四半期"); // 要領作成: Q1–Q2 → Q1–Q3
      Cell chart = find(workbook.getSheet("スケジュール"), "▲第1回有識者会議（7月9日）");
      chart.setCellValue("▲第1回有識者会議（8月1日）"); // not read
    });
    Plan plan = read(edited);
    assertThat(plan.initiative("hiroba-model-support").orElseThrow().phases().get(0).end())
        .isEqualTo(ScheduleDate.quarter(2019, 3));
    assertThat(plan.milestones().stream().filter(m -> m.id().equals("expert-council-1")).findFirst().orElseThrow().date())
        .isEqualTo(ScheduleDate.day(LocalDate.of(2019, 7, 9)));
  }

  @Test
  void datesReadInThePlansWordsAndAsRealCells() {
    assertThat(WorkbookWords.parse("7月9日", 2019)).contains(ScheduleDate.day(LocalDate.of(2019, 7, 9)));
    assertThat(WorkbookWords.parse("２月３日", 2019)).contains(ScheduleDate.day(LocalDate.of(2020, 2, 3)));
    assertThat(WorkbookWords.parse("7月頃", 2019)).contains(ScheduleDate.parse("about 2019-07", 2019));
    assertThat(WorkbookWords.parse("第3四半期頃", 2019)).contains(ScheduleDate.parse("about Q3", 2019));
    assertThat(WorkbookWords.parse("10月以降、年度内", 2019)).contains(ScheduleDate.parse("2019-10..2020-03", 2019));
    assertThat(WorkbookWords.parse("6月3日〜6月13日", 2019)).contains(ScheduleDate.parse("2019-06-03..2019-06-13", 2019));
    assertThat(WorkbookWords.parse("2019/7/9", 2019)).contains(ScheduleDate.day(LocalDate.of(2019, 7, 9)));
    assertThat(WorkbookWords.parse("about Q3..Q4", 2019)).contains(ScheduleDate.parse("about Q3..Q4", 2019));
    assertThat(WorkbookWords.parse("そのうち", 2019)).isEmpty();
    assertThat(WorkbookWords.parse("13月", 2019)).isEmpty();
  }

  @Test
  void everyErrorIsListedAtItsSheetAndCellAndNothingIsReturned() throws IOException {
    byte[] bytes = PlanWorkbook.write(SEED, null);
    byte[] edited = edit(bytes, workbook -> {
      Sheet phases = workbook.getSheet("段階一覧");
      List<String> header = rowTexts(phases, 0);
      int start = header.indexOf("開始・日付");
      int end = header.indexOf("終了");
      phases.getRow(1).getCell(end).setCellValue(LocalDate.of(2020, 5, 1)); // outside FY2019 (a date cell)
      var dateStyle = workbook.createCellStyle();
      dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy/mm/dd"));
      phases.getRow(1).getCell(end).setCellStyle(dateStyle);
      phases.getRow(2).getCell(start).setCellValue("そのうち");             // no date
      phases.getRow(3).getCell(header.indexOf("表題")).setBlank();          // the checker's: a title is required
      phases.getRow(0).createCell(header.size()).setCellValue("備考");      // unknown column
      workbook.createSheet("メモ");                                        // unknown sheet
    });
    assertThatThrownBy(() -> read(edited)).isInstanceOfSatisfying(InvalidPlanException.class, e -> {
      List<String> errors = e.errors().stream().map(PlanError::toString).toList();
      assertThat(errors).contains("シート\"段階一覧\" セルH2: 日付が年度外です（2019年度は 2019-04-01〜2020-03-31）");
      assertThat(errors).anyMatch(m -> m.startsWith("シート\"段階一覧\" セルG3: 日付として読めません（そのうち）"));
      assertThat(errors).anyMatch(m -> m.startsWith("シート\"段階一覧\" セルC4: initiative: 項目 'title'"));
      assertThat(errors).anyMatch(m -> m.startsWith("シート\"段階一覧\" セルR1: 不明な列「備考」"));
      assertThat(errors).anyMatch(m -> m.startsWith("シート\"メモ\": 不明なシートです"));
      assertThat(errors).as("each place once: the checker does not repeat the workbook's own error")
          .filteredOn(m -> m.startsWith("シート\"段階一覧\" セルH2")).hasSize(1);
      assertThat(errors).filteredOn(m -> m.startsWith("シート\"段階一覧\" セルG3")).hasSize(1);
    });
  }

  @Test
  void rowsOfOneItemMustAgreeAndAMilestoneRowHasNoPhaseColumns() throws IOException {
    byte[] edited = edit(PlanWorkbook.write(SEED, null), workbook -> {
      Sheet phases = workbook.getSheet("段階一覧");
      List<String> header = rowTexts(phases, 0);
      phases.getRow(2).getCell(header.indexOf("担当")).setCellValue("高津区役所"); // row 1 says 市民文化局…
      int milestoneRow = phases.getLastRowNum();
      phases.getRow(milestoneRow).getCell(header.indexOf("終了")).setCellValue("7月");
    });
    assertThatThrownBy(() -> read(edited)).isInstanceOfSatisfying(InvalidPlanException.class, e ->
        assertThat(e.errors().stream().map(PlanError::toString).toList())
            .anyMatch(m -> m.startsWith("シート\"段階一覧\" セルI3: 同じ施策（hiroba-model-support）の行は「担当」を同じに"))
            .anyMatch(m -> m.startsWith("シート\"段階一覧\" セルH") && m.contains("節目の行には「終了」を書けません")));
  }

  @Test
  void theWorkbookHasTheOfficesNormalStyle() throws IOException {
    byte[] bytes = PlanWorkbook.write(SEED, null);
    try (Workbook workbook = open(bytes)) {
      assertThat(workbook.getFontAt(0).getFontName()).isEqualTo(OfficeWorkbooks.FONT);
    }
    String styles = null;
    try (var zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().equals("xl/styles.xml")) {
          styles = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(styles).contains("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>");
  }

  /** exceljs (npm, src/test/node/xlsx/ as the report's check installs it), another ecosystem's reader. */
  @Test
  void exceljsReadsTheDatesTheFilterThePaneAndThePrintSetup() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("src/test/node/xlsx");
    String version = run(dir, "node", "--version");
    if (version == null) {
      org.junit.jupiter.api.Assertions.fail("The workbook check needs Node.js and npm on the PATH: install them"
          + " (Debian: apt-get install nodejs npm).");
    }
    java.nio.file.Path installed = dir.resolve("node_modules/.package-lock.json");
    if (!java.nio.file.Files.exists(installed) || java.nio.file.Files.getLastModifiedTime(installed)
        .compareTo(java.nio.file.Files.getLastModifiedTime(dir.resolve("package-lock.json"))) < 0) {
      assertThat(run(dir, "npm", "ci", "--no-audit", "--no-fund")).as("npm ci in " + dir).isNotNull();
    }
    java.nio.file.Path file = java.nio.file.Path.of("target", "plan-workbook-seed.xlsx").toAbsolutePath();
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.write(file, PlanWorkbook.write(SEED, null));

    String output = run(dir, "node", "check-plan.mjs", file.toString());

    assertThat(output).as("check-plan.mjs ran").isNotNull();
    assertThat(output).contains("sheets スケジュール,段階一覧,計画", "exact 2019-07-09 yyyy/mm/dd", "vague 第3四半期頃",
        "autoFilter A1:", "frozen 3x1", "milestones " + SEED.milestones().size(), "print landscape paper 8");
  }

  /** The command's output, or null when it cannot start or exits non-zero (the output then fails the test). */
  private static String run(java.nio.file.Path dir, String... command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException notFound) {
      return null;
    }
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish within 5 minutes");
    }
    assertThat(process.exitValue()).as(String.join(" ", command) + " says:\n" + output).isZero();
    return output;
  }

  @Test
  void aFileThatIsNoWorkbookIsRefusedInJapanese() {
    assertThatThrownBy(() -> PlanDocuments.read("plan.xlsx", PlanDocuments.XLSX, "id: x".getBytes()))
        .isInstanceOfSatisfying(InvalidPlanException.class, e ->
            assertThat(e.errors().get(0).message()).startsWith("Excel のブック（.xlsx）として読めません"));
  }

  // ---- helpers ----

  static Plan read(byte[] bytes) {
    return PlanDocuments.read("plan.xlsx", PlanDocuments.XLSX, bytes).parse(PARSER);
  }

  /** Every sheet, row and cell: the same values of the same types, the same styles' fills and formats, merges. */
  static void assertSameCells(byte[] expected, byte[] actual) throws IOException {
    try (Workbook a = open(expected); Workbook b = open(actual)) {
      assertThat(names(b)).isEqualTo(names(a));
      for (int s = 0; s < a.getNumberOfSheets(); s++) {
        Sheet x = a.getSheetAt(s);
        Sheet y = b.getSheetAt(s);
        assertThat(y.getLastRowNum()).as(x.getSheetName()).isEqualTo(x.getLastRowNum());
        assertThat(y.getMergedRegions()).as(x.getSheetName()).isEqualTo(x.getMergedRegions());
        for (Row row : x) {
          Row other = y.getRow(row.getRowNum());
          assertThat(other).as("%s row %d", x.getSheetName(), row.getRowNum()).isNotNull();
          assertThat(other.getLastCellNum()).isEqualTo(row.getLastCellNum());
          for (Cell cell : row) {
            Cell o = other.getCell(cell.getColumnIndex());
            String where = x.getSheetName() + "!" + cell.getAddress();
            assertThat(o.getCellType()).as(where).isEqualTo(cell.getCellType());
            switch (cell.getCellType()) {
              case NUMERIC -> {
                assertThat(DateUtil.isCellDateFormatted(o)).as(where).isEqualTo(DateUtil.isCellDateFormatted(cell));
                assertThat(o.getNumericCellValue()).as(where).isEqualTo(cell.getNumericCellValue());
              }
              case STRING -> assertThat(o.getStringCellValue()).as(where).isEqualTo(cell.getStringCellValue());
              default -> { }
            }
            assertThat(o.getCellStyle().getFillPattern()).as(where).isEqualTo(cell.getCellStyle().getFillPattern());
            assertThat(o.getCellStyle().getDataFormatString()).as(where).isEqualTo(cell.getCellStyle().getDataFormatString());
          }
        }
      }
    }
  }

  static void assertDateCell(Cell cell, ScheduleDate date) {
    if (date.isExact()) {
      assertThat(cell.getCellType()).as("%s", date).isEqualTo(CellType.NUMERIC);
      assertThat(DateUtil.isCellDateFormatted(cell)).isTrue();
      assertThat(cell.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(date.first());
    } else {
      assertThat(cell.getCellType()).as("%s", date).isEqualTo(CellType.STRING);
      assertThat(cell.getStringCellValue()).isEqualTo(date.textJa());
    }
  }

  static byte[] edit(byte[] bytes, Consumer<Workbook> change) throws IOException {
    try (Workbook workbook = open(bytes); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      change.accept(workbook);
      workbook.write(out);
      return out.toByteArray();
    }
  }

  static Workbook open(byte[] bytes) throws IOException {
    return new XSSFWorkbook(new ByteArrayInputStream(bytes));
  }

  static List<String> names(Workbook workbook) {
    List<String> names = new ArrayList<>();
    workbook.forEach(sheet -> names.add(sheet.getSheetName()));
    return names;
  }

  static String text(Sheet sheet, int r, int c) {
    return PlanWorkbookReader.text(sheet.getRow(r).getCell(c));
  }

  static List<String> rowTexts(Sheet sheet, int r) {
    List<String> texts = new ArrayList<>();
    for (Cell cell : sheet.getRow(r)) {
      texts.add(PlanWorkbookReader.text(cell));
    }
    return texts;
  }

  static List<String> allTexts(Sheet sheet) {
    List<String> texts = new ArrayList<>();
    sheet.forEach(row -> row.forEach(cell -> texts.add(PlanWorkbookReader.text(cell))));
    return texts;
  }

  static Cell find(Sheet sheet, String text) {
    for (Row row : sheet) {
      for (Cell cell : row) {
        if (text.equals(PlanWorkbookReader.text(cell))) {
          return cell;
        }
      }
    }
    throw new AssertionError("no cell says " + text);
  }
}
