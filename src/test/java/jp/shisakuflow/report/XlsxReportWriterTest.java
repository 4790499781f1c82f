package jp.shisakuflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.progress.ProgressReport;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import jp.shisakuflow.progress.ProgressReport.Owners;
import jp.shisakuflow.progress.ProgressReport.Phase;
import jp.shisakuflow.progress.ProgressReport.Summary;
import jp.shisakuflow.progress.ProgressStatus;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The workbook without an engine: FY2080, one initiative with exact days and one with vague ones. */
class XlsxReportWriterTest {

  @Test
  void aWorkbookWithDatesAFilterAndAChartOpensAgain() throws Exception {
    Phase exact = new Phase("step1", "準備", LocalDate.of(2080, 5, 10), LocalDate.of(2080, 9, 30), "5月10日〜9月30日");
    Phase vague = new Phase("step1", "検討", LocalDate.of(2080, 7, 1), LocalDate.of(2080, 12, 31), "7月頃〜第3四半期");
    Owners owners = new Owners("communityPromotion", List.of(), List.of(), List.of(), "NONE", List.of(), "");
    var a = new InitiativeProgress("FY2080-a", "pi-a", "a", "日付の決まった取組", "promotion", "communityPromotion", exact,
        new Phase("step1", "準備", LocalDate.of(2080, 5, 12), exact.end(), null), ProgressStatus.ON_SCHEDULE, "予定通り",
        0, false, List.of(exact), owners, List.of(), List.of());
    var b = new InitiativeProgress("FY2080-b", "pi-b", "b", "時期の漠然とした取組", "promotion", "communityPromotion",
        vague, null, ProgressStatus.DELAYED, "遅延", 12, false, List.of(vague), owners, List.of(), List.of());
    var report = new QuarterlyReport(2080, 2, LocalDate.of(2080, 9, 30),
        new ProgressReport(2080, LocalDate.of(2080, 9, 30), List.of(a, b),
            List.of(new Summary("promotion", 2, 1, 0, 1, 0)), List.of(new Summary("communityPromotion", 2, 1, 0, 1, 0))),
        Map.of("promotion", "推進体制の構築"), Map.of());

    byte[] bytes = new XlsxReportWriter().write(report);

    try (var book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      var sheet = book.getSheet("推進体制の構築");
      int start = XlsxReportWriter.INITIATIVE_HEADER.indexOf(XlsxReportWriter.PLANNED_START);
      assertThat(sheet.getRow(2).getCell(start).getLocalDateTimeCellValue().toLocalDate())
          .isEqualTo(LocalDate.of(2080, 5, 10));
      assertThat(sheet.getRow(3).getCell(start).getCellType()).as("a vague period gets no day").isEqualTo(CellType.BLANK);
      assertThat(sheet.getRow(3).getCell(start - 1).getStringCellValue()).isEqualTo("7月頃〜第3四半期");
      assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).startsWith("A2:").endsWith("4");
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(book.getSheet("概要").getDrawingPatriarch().getCharts()).hasSize(1);
    }
    String styles;
    try (var zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(bytes))) {
      java.util.zip.ZipEntry e;
      while ((e = zip.getNextEntry()) != null && !e.getName().equals("xl/styles.xml")) {
        // the styles part
      }
      assertThat(e).as("xl/styles.xml").isNotNull();
      styles = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(styles).as("the Normal style is declared after the cell formats")
        .containsPattern("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>");
  }
}
