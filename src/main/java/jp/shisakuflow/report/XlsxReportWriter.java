package jp.shisakuflow.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.shisakuflow.plan.workbook.OfficeWorkbooks;
import jp.shisakuflow.progress.ProgressReport;
import jp.shisakuflow.progress.ProgressReport.Summary;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The report as an Excel workbook: 概要 (summary, with a bar chart of statuses per workstream), then one sheet
 * per workstream. Days are date cells (yyyy/mm/dd), header rows are frozen, each initiative table has an
 * autofilter, columns are as wide as their Japanese text, and the workbook's 標準 style has a Japanese font.
 */
@Component
public class XlsxReportWriter {

  static final String SUMMARY_SHEET = "概要";
  static final String PLANNED_START = "計画開始日";
  static final String PLANNED_END = "計画終了日";
  /** The initiative columns of the workbook: the report's, with the planned days as dates after 計画期間. */
  static final List<String> INITIATIVE_HEADER = initiativeHeader();
  static final String DATE_FORMAT = "yyyy/mm/dd";
  static final String FONT = OfficeWorkbooks.FONT;
  /** Rows above an initiative table's first line: the workstream's name and the header. */
  static final int INITIATIVE_HEADER_ROWS = 2;
  /** The summary's workstream table starts on this row (its header). */
  static final int SUMMARY_TABLE_ROW = 4;
  private static final int PERIOD_COLUMN = ReportRows.INITIATIVE_HEADER.indexOf("計画期間");
  private static final int MAX_WIDTH_CHARS = 60;
  /** Rows of a streamed sheet kept in memory before they are written out. */
  private static final int STREAMED_ROWS = 200;

  public byte[] write(QuarterlyReport report) {
    XSSFWorkbook book = new XSSFWorkbook();
    Styles styles = styles(book);

    XSSFSheet summary = book.createSheet(SUMMARY_SHEET);
    Widths summaryWidths = new Widths(ReportRows.SUMMARY_HEADER.size() + 1);
    row(summary, 0, styles, styles.bold, List.of(report.title()), null);
    row(summary, 1, styles, null, List.of("基準日", report.asOf()), summaryWidths);
    row(summary, 2, styles, null, List.of("施策数", report.progress().initiatives().size()), summaryWidths);
    int r = SUMMARY_TABLE_ROW;
    row(summary, r++, styles, styles.bold, concat("ワークストリーム", ReportRows.SUMMARY_HEADER), summaryWidths);
    List<Summary> workstreams = report.progress().byWorkstream();
    for (Summary s : workstreams) {
      row(summary, r++, styles, null, counts(report.workstreamName(s.key()), s), summaryWidths);
    }
    int lastWorkstreamRow = r - 1;
    r++;
    row(summary, r++, styles, styles.bold, concat("担当", ReportRows.SUMMARY_HEADER), summaryWidths);
    for (Summary s : report.progress().byOwnerGroup()) {
      row(summary, r++, styles, null, counts(ReportRows.groupName(s.key()), s), summaryWidths);
    }
    summary.createFreezePane(1, SUMMARY_TABLE_ROW + 1);
    summaryWidths.apply(summary);
    if (!workstreams.isEmpty()) {
      statusChart(summary, SUMMARY_TABLE_ROW + 1, lastWorkstreamRow);
    }

    // The workstreams' sheets are streamed (a few rows in memory at a time): thousands of initiatives held as
    // cells in memory made the workbook the report's largest cost (BENCHMARKS.md).
    // Closing the streamed workbook closes the summary's and deletes its temporary files.
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(book, STREAMED_ROWS);
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      // Plain zip entries as XSSF writes them (the streaming default, ZIP64 always, is unreadable to java.util.zip).
      workbook.setZip64Mode(org.apache.commons.compress.archivers.zip.Zip64Mode.AsNeeded);
      Map<String, List<ProgressReport.InitiativeProgress>> byWorkstream = report.initiativesByWorkstream();
      Set<String> sheetNames = new HashSet<>(Set.of(SUMMARY_SHEET));
      for (Summary s : workstreams) {
        Sheet sheet = workbook.createSheet(uniqueSheetName(report.workstreamName(s.key()), sheetNames));
        Widths widths = new Widths(INITIATIVE_HEADER.size());
        row(sheet, 0, styles, styles.bold, List.of(report.workstreamName(s.key())), null);
        row(sheet, 1, styles, styles.bold, List.copyOf(INITIATIVE_HEADER), widths);
        int line = INITIATIVE_HEADER_ROWS;
        for (var initiative : byWorkstream.getOrDefault(s.key(), List.of())) {
          List<Object> values = new ArrayList<>(ReportRows.initiative(initiative,
              report.latestComments().get(initiative.processInstanceId())));
          List<LocalDate> days = ReportRows.plannedDays(initiative).orElse(null);
          values.add(PERIOD_COLUMN + 1, days == null ? "" : days.get(0));
          values.add(PERIOD_COLUMN + 2, days == null ? "" : days.get(1));
          row(sheet, line++, styles, null, values, widths);
        }
        // the header and the two first columns (ID, name) stay in view; the filter covers the table
        sheet.createFreezePane(2, INITIATIVE_HEADER_ROWS);
        sheet.setAutoFilter(new CellRangeAddress(INITIATIVE_HEADER_ROWS - 1, Math.max(line - 1, INITIATIVE_HEADER_ROWS),
            0, INITIATIVE_HEADER.size() - 1));
        widths.apply(sheet);
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

  /** The number of characters a text takes in a column, a full-width (Japanese) character counting two. */
  static int displayWidth(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      width += c < 0x1100 || (c >= 0xFF61 && c <= 0xFF9F) ? 1 : 2;
      i += Character.charCount(c);
    }
    return width;
  }

  private record Styles(CellStyle bold, CellStyle date) {}

  /** The office's Japanese 標準 (Normal) style ({@link OfficeWorkbooks}), and the report's bold and date styles. */
  private static Styles styles(XSSFWorkbook workbook) {
    OfficeWorkbooks.japaneseNormalStyle(workbook, 11);

    CellStyle bold = workbook.createCellStyle();
    Font font = workbook.createFont();
    font.setFontName(FONT);
    font.setFontHeightInPoints((short) 11);
    font.setBold(true);
    bold.setFont(font);
    CellStyle date = workbook.createCellStyle();
    date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat(DATE_FORMAT));
    return new Styles(bold, date);
  }

  /** A stacked bar chart of the statuses per workstream, beside the summary's table. */
  private static void statusChart(XSSFSheet summary, int firstRow, int lastRow) {
    int columns = ReportRows.SUMMARY_HEADER.size() + 1;
    XSSFDrawing drawing = summary.createDrawingPatriarch();
    var anchor = drawing.createAnchor(0, 0, 0, 0, columns + 1, 1, columns + 13, Math.max(lastRow + 8, 26));
    XSSFChart chart = drawing.createChart(anchor);
    chart.setTitleText("ワークストリーム別の状況");
    chart.setTitleOverlay(false);
    chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
    XDDFCategoryAxis workstreams = chart.createCategoryAxis(AxisPosition.LEFT);
    XDDFValueAxis count = chart.createValueAxis(AxisPosition.BOTTOM);
    count.setCrosses(AxisCrosses.AUTO_ZERO);
    count.setTitle("施策数");
    var categories = XDDFDataSourcesFactory.fromStringCellRange(summary,
        new CellRangeAddress(firstRow, lastRow, 0, 0));
    XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, workstreams, count);
    data.setBarDirection(BarDirection.BAR);
    data.setBarGrouping(BarGrouping.STACKED);
    data.setVaryColors(false);
    // 施策数 is the total: the bars are its parts, 予定通り … 完了 (columns C–F)
    for (int column = 2; column < columns; column++) {
      var values = XDDFDataSourcesFactory.fromNumericCellRange(summary,
          new CellRangeAddress(firstRow, lastRow, column, column));
      var series = data.addSeries(categories, values);
      series.setTitle(ReportRows.SUMMARY_HEADER.get(column - 1),
          new org.apache.poi.ss.util.CellReference(SUMMARY_TABLE_ROW, column, true, true));
    }
    workstreams.setOrientation(org.apache.poi.xddf.usermodel.chart.AxisOrientation.MAX_MIN);
    chart.plot(data);
  }

  private static List<Object> counts(String label, Summary s) {
    return List.of(label, s.total(), s.onSchedule(), s.ahead(), s.delayed(), s.completed());
  }

  private static List<Object> concat(String first, List<String> rest) {
    var all = new ArrayList<Object>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** A row of cells; its values counted into {@code widths} (null: a title, which may run over the columns). */
  private static void row(Sheet sheet, int index, Styles styles, CellStyle style, List<?> values, Widths widths) {
    Row row = sheet.createRow(index);
    for (int i = 0; i < values.size(); i++) {
      Cell cell = row.createCell(i);
      Object value = values.get(i);
      if (widths != null) {
        widths.count(i, value);
      }
      if (value instanceof Number n) {
        cell.setCellValue(n.doubleValue());
      } else if (value instanceof LocalDate day) {
        cell.setCellValue(day);
        cell.setCellStyle(styles.date());
        continue;
      } else if (!"".equals(value)) {
        cell.setCellValue(String.valueOf(value));
      } else {
        cell.setBlank();
      }
      if (style != null) {
        cell.setCellStyle(style);
      }
    }
  }

  /** Each column as wide as its longest text (a date as yyyy/mm/dd, a number as its digits), within a limit. */
  private static final class Widths {
    private final int[] widths;

    Widths(int columns) {
      widths = new int[columns];
    }

    void count(int column, Object value) {
      if (column >= widths.length) {
        return;
      }
      int width = value instanceof LocalDate ? DATE_FORMAT.length()
          : value instanceof Number n ? String.valueOf(n.longValue()).length()
          : value == null ? 0 : displayWidth(String.valueOf(value));
      widths[column] = Math.max(widths[column], width);
    }

    void apply(Sheet sheet) {
      for (int i = 0; i < widths.length; i++) {
        // room for the filter's button and a little margin
        int chars = Math.min(MAX_WIDTH_CHARS, Math.max(6, widths[i]) + 3);
        sheet.setColumnWidth(i, chars * 256);
      }
    }
  }

  private static List<String> initiativeHeader() {
    List<String> header = new ArrayList<>(ReportRows.INITIATIVE_HEADER);
    int period = header.indexOf("計画期間");
    header.add(period + 1, PLANNED_START);
    header.add(period + 2, PLANNED_END);
    return List.copyOf(header);
  }
}
