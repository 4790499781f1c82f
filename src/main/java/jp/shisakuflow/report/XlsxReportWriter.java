package jp.shisakuflow.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.shisakuflow.progress.ProgressReport.Summary;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/** The report as an Excel workbook: 概要 (summary), then one sheet per workstream. */
@Component
public class XlsxReportWriter {

  static final String SUMMARY_SHEET = "概要";

  public byte[] write(QuarterlyReport report) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);

      Sheet summary = workbook.createSheet(SUMMARY_SHEET);
      row(summary, 0, bold, List.of(report.title()));
      row(summary, 1, null, List.of("基準日", report.asOf().toString()));
      row(summary, 2, null, List.of("施策数", report.progress().initiatives().size()));
      int r = 4;
      row(summary, r++, bold, concat("ワークストリーム", ReportRows.SUMMARY_HEADER));
      for (Summary s : report.progress().byWorkstream()) {
        row(summary, r++, null, counts(report.workstreamName(s.key()), s));
      }
      r++;
      row(summary, r++, bold, concat("担当", ReportRows.SUMMARY_HEADER));
      for (Summary s : report.progress().byOwnerGroup()) {
        row(summary, r++, null, counts(ReportRows.groupName(s.key()), s));
      }
      autosize(summary, 6);

      Set<String> sheetNames = new HashSet<>(Set.of(SUMMARY_SHEET));
      for (Summary s : report.progress().byWorkstream()) {
        Sheet sheet = workbook.createSheet(uniqueSheetName(report.workstreamName(s.key()), sheetNames));
        row(sheet, 0, bold, List.of(report.workstreamName(s.key())));
        row(sheet, 1, bold, List.copyOf(ReportRows.INITIATIVE_HEADER));
        int line = 2;
        for (var initiative : report.initiativesOf(s.key())) {
          row(sheet, line++, null, ReportRows.initiative(initiative,
              report.latestComments().get(initiative.processInstanceId())));
        }
        autosize(sheet, ReportRows.INITIATIVE_HEADER.size());
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String uniqueSheetName(String name, Set<String> taken) {
    String base = WorkbookUtil.createSafeSheetName(name);
    String candidate = base;
    for (int i = 2; !taken.add(candidate); i++) {
      String suffix = " (" + i + ")";
      candidate = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
    }
    return candidate;
  }

  private static List<Object> counts(String label, Summary s) {
    return List.of(label, s.total(), s.onSchedule(), s.ahead(), s.delayed(), s.completed());
  }

  private static List<Object> concat(String first, List<String> rest) {
    var all = new java.util.ArrayList<Object>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static void row(Sheet sheet, int index, CellStyle style, List<?> values) {
    Row row = sheet.createRow(index);
    for (int i = 0; i < values.size(); i++) {
      var cell = row.createCell(i);
      Object value = values.get(i);
      if (value instanceof Number n) {
        cell.setCellValue(n.doubleValue());
      } else {
        cell.setCellValue(String.valueOf(value));
      }
      if (style != null) {
        cell.setCellStyle(style);
      }
    }
  }

  private static void autosize(Sheet sheet, int columns) {
    for (int i = 0; i < columns; i++) {
      sheet.setColumnWidth(i, Math.min(255 * 256, 24 * 256));
    }
  }
}
