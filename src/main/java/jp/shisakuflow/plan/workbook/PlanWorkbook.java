package jp.shisakuflow.plan.workbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.OwnersText;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlannedInitiative;
import jp.shisakuflow.time.FiscalYear;
import jp.shisakuflow.time.ScheduleDate;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A year's plan as the office's Excel workbook, three sheets:
 * <ul>
 *   <li>「スケジュール」 laid out like the chart: a band per workstream, a row per item (more when its phases share a
 *   month), months April–March under their quarters, each phase as filled month cells carrying its name and period
 *   in the plan's words (a vague period filled lighter over its whole window, never on an invented day), ▲
 *   milestones in their month with their date as precise as the plan gives it, the owners and 次年度以降. Made from
 *   the plan for reading and printing (A3 landscape); <b>not read back</b>.</li>
 *   <li>「段階一覧」: one row per phase and one per milestone, every field of the plan, real date cells where the plan
 *   gives an exact day and the plan's words otherwise; filters on. <b>The sheet the import reads</b>
 *   ({@link PlanWorkbookReader}), with 「計画」.</li>
 *   <li>「計画」: the plan's id, title and year, and its workstreams (id and name).</li>
 * </ul>
 * With {@link Actuals}, both sheets get each item's status as of the date and 段階一覧 each phase's actual days.
 */
public final class PlanWorkbook {

  public static final String SCHEDULE_SHEET = "スケジュール";
  public static final String PHASES_SHEET = "段階一覧";
  public static final String PLAN_SHEET = "計画";

  static final String PHASE_ROW = "段階";
  static final String MILESTONE_ROW = "節目";
  static final String ALL_WARDS = "全区";
  static final String WARDS_DECIDED = "年度内に決定";
  /** Values of one cell that are a list (groups, partners, links): one per line. */
  static final String LIST_SEPARATOR = "\n";
  static final String DATE_FORMAT = "yyyy/mm/dd";
  static final String FONT = OfficeWorkbooks.FONT;

  /** 段階一覧's columns, in order; the import finds them by these names. */
  enum Column {
    KIND("種別"), ID("ID"), TITLE("表題"), WORKSTREAM("取組の柱"), CATEGORY("標準段階・節目の種類"), PHASE("段階名"),
    START("開始・日付"), END("終了"), LEAD("担当"), CO_OWNERS("共同担当"), COUNTERPARTS("関係先"), PARTNERS("協力"),
    WARDS("実施区"), LINKS("関連"), ABOUT("対象の施策"), NEXT_YEAR("次年度以降の区分"), NEXT_YEAR_LABEL(PlannedInitiative.NEXT_YEAR),
    /** Actuals (only with an as-of date): made from the engine's history, not read back. */
    STATUS("状況"), ACTUAL("実績");

    final String header;

    Column(String header) {
      this.header = header;
    }

    boolean derived() {
      return this == STATUS || this == ACTUAL;
    }
  }

  /** 計画's labels in column A; its workstream table starts under {@link #WORKSTREAM_HEADER_ROW}. */
  static final String PLAN_ID = "計画ID";
  static final String PLAN_TITLE = "表題";
  static final String PLAN_YEAR = "年度";
  static final String WORKSTREAM_ID = "取組の柱ID";
  static final String WORKSTREAM_NAME = "取組の柱";
  static final int WORKSTREAM_HEADER_ROW = 4;

  /** スケジュール's first columns and where its months start. */
  static final String BAND = "取組の柱";
  static final String ITEM = "主な取組";
  static final String OWNERS = "担当";
  static final String STATUS = "状況";
  private static final int TITLE_ROWS = 1;
  private static final int HEADER_ROWS = 2;

  /**
   * What happened by a date: {@code asOfText} as the sheet prints it (「令和元年7月9日現在」), each initiative's status
   * in words, and each phase's actual days in words (initiative id → phase key → 「4月1日〜5月30日」).
   */
  public record Actuals(LocalDate asOf, String asOfText, Map<String, String> statuses,
      Map<String, Map<String, String>> actualPhases) {}

  private PlanWorkbook() {}

  /** The plan's workbook; {@code actuals} may be null (the plan only: what the import reads back). */
  public static byte[] write(Plan plan, Actuals actuals) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Styles styles = new Styles(workbook);
      new ScheduleSheet(workbook.createSheet(SCHEDULE_SHEET), plan, actuals, styles).write();
      phases(workbook.createSheet(PHASES_SHEET), plan, actuals, styles);
      planSheet(workbook.createSheet(PLAN_SHEET), plan, styles);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- 段階一覧 ----

  static List<Column> columns(boolean withActuals) {
    return java.util.Arrays.stream(Column.values()).filter(c -> withActuals || !c.derived()).toList();
  }

  private static void phases(Sheet sheet, Plan plan, Actuals actuals, Styles styles) {
    List<Column> columns = columns(actuals != null);
    Row header = sheet.createRow(0);
    for (int i = 0; i < columns.size(); i++) {
      text(header, i, columns.get(i).header, styles.header);
    }
    int r = 1;
    for (PlannedInitiative item : plan.initiatives()) {
      String workstream = plan.workstream(item.workstream()).map(Plan.Workstream::name).orElse(item.workstream());
      for (PlannedPhase phase : item.phases()) {
        Row row = sheet.createRow(r++);
        for (int i = 0; i < columns.size(); i++) {
          Column column = columns.get(i);
          switch (column) {
            case KIND -> text(row, i, PHASE_ROW, null);
            case ID -> text(row, i, item.id(), null);
            case TITLE -> text(row, i, item.title(), styles.wrap);
            case WORKSTREAM -> text(row, i, workstream, null);
            case CATEGORY -> text(row, i, phase.stage() == null ? "" : phase.stage().labelJa(), null);
            case PHASE -> text(row, i, phase.name(), styles.wrap);
            case START -> date(row, i, phase.start(), styles);
            case END -> date(row, i, phase.end(), styles);
            case LEAD -> text(row, i, WorkbookWords.groupName(item.owners().lead()), null);
            case CO_OWNERS -> text(row, i, lines(item.owners().coOwners().stream().map(WorkbookWords::groupName).toList()),
                styles.wrap);
            case COUNTERPARTS -> text(row, i, lines(item.owners().counterparts().stream().map(WorkbookWords::groupName)
                .toList()), styles.wrap);
            case PARTNERS -> text(row, i, lines(item.owners().partners()), styles.wrap);
            case WARDS -> text(row, i, WorkbookWords.wards(item.wards()), styles.wrap);
            case LINKS -> text(row, i, lines(item.links().stream().map(WorkbookWords::link).toList()), styles.wrap);
            case ABOUT -> text(row, i, "", null);
            case NEXT_YEAR -> text(row, i, item.nextYear() == null ? "" : item.nextYear().labelJa(), null);
            case NEXT_YEAR_LABEL -> text(row, i, item.nextYearLabel() == null ? "" : item.nextYearLabel(), null);
            case STATUS -> text(row, i, actuals.statuses().getOrDefault(item.id(), ""), null);
            case ACTUAL -> text(row, i, actuals.actualPhases().getOrDefault(item.id(), Map.of())
                .getOrDefault(phase.key(), ""), null);
          }
        }
      }
    }
    for (Milestone milestone : plan.milestones()) {
      String workstream = plan.workstream(milestone.workstream()).map(Plan.Workstream::name).orElse(milestone.workstream());
      Row row = sheet.createRow(r++);
      for (int i = 0; i < columns.size(); i++) {
        switch (columns.get(i)) {
          case KIND -> text(row, i, MILESTONE_ROW, null);
          case ID -> text(row, i, milestone.id(), null);
          case TITLE -> text(row, i, milestone.title(), styles.wrap);
          case WORKSTREAM -> text(row, i, workstream, null);
          case CATEGORY -> text(row, i, milestone.kind() == null ? "" : milestone.kind().labelJa(), null);
          case START -> date(row, i, milestone.date(), styles);
          case LEAD -> text(row, i, WorkbookWords.groupName(milestone.ownerGroup()), null);
          case ABOUT -> text(row, i, lines(milestone.about()), styles.wrap);
          default -> text(row, i, "", null);
        }
      }
    }
    sheet.createFreezePane(3, 1);
    sheet.setAutoFilter(new CellRangeAddress(0, Math.max(r - 1, 1), 0, columns.size() - 1));
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      int chars = switch (column) {
        case KIND -> 8;
        case TITLE, PHASE -> 40;
        case ID -> 30;
        case WORKSTREAM, PARTNERS, LINKS, ABOUT, CO_OWNERS, COUNTERPARTS -> 26;
        case START, END, CATEGORY, NEXT_YEAR, NEXT_YEAR_LABEL, WARDS, LEAD, STATUS, ACTUAL -> 20;
      };
      sheet.setColumnWidth(i, chars * 256);
    }
  }

  // ---- 計画 ----

  private static void planSheet(Sheet sheet, Plan plan, Styles styles) {
    Row id = sheet.createRow(0);
    text(id, 0, PLAN_ID, styles.header);
    text(id, 1, plan.id(), null);
    Row title = sheet.createRow(1);
    text(title, 0, PLAN_TITLE, styles.header);
    text(title, 1, plan.title(), null);
    Row year = sheet.createRow(2);
    text(year, 0, PLAN_YEAR, styles.header);
    year.createCell(1).setCellValue(plan.fiscalYear());
    Row header = sheet.createRow(WORKSTREAM_HEADER_ROW);
    text(header, 0, WORKSTREAM_ID, styles.header);
    text(header, 1, WORKSTREAM_NAME, styles.header);
    int r = WORKSTREAM_HEADER_ROW + 1;
    for (Plan.Workstream workstream : plan.workstreams()) {
      Row row = sheet.createRow(r++);
      text(row, 0, workstream.id(), null);
      text(row, 1, workstream.name(), null);
    }
    sheet.setColumnWidth(0, 30 * 256);
    sheet.setColumnWidth(1, 70 * 256);
  }

  // ---- スケジュール ----

  /** The chart-like sheet: made for reading and printing, never read back. */
  private static final class ScheduleSheet {
    private final Sheet sheet;
    private final Plan plan;
    private final Actuals actuals;
    private final Styles styles;
    private final int monthColumn;
    private final int nextColumn;
    private final LocalDate yearStart;

    ScheduleSheet(Sheet sheet, Plan plan, Actuals actuals, Styles styles) {
      this.sheet = sheet;
      this.plan = plan;
      this.actuals = actuals;
      this.styles = styles;
      this.monthColumn = actuals == null ? 3 : 4;
      this.nextColumn = monthColumn + 12;
      this.yearStart = FiscalYear.start(plan.fiscalYear());
    }

    void write() {
      Row title = sheet.createRow(0);
      text(title, 0, plan.draftTitle(), styles.title);
      if (actuals != null) {
        text(title, nextColumn, actuals.asOfText(), null);
      }
      Row quarters = sheet.createRow(TITLE_ROWS);
      Row months = sheet.createRow(TITLE_ROWS + 1);
      List<String> fixed = new ArrayList<>(List.of(BAND, ITEM, OWNERS));
      if (actuals != null) {
        fixed.add(STATUS);
      }
      for (int i = 0; i < fixed.size(); i++) {
        text(quarters, i, fixed.get(i), styles.header);
        text(months, i, "", styles.header);
        sheet.addMergedRegion(new CellRangeAddress(TITLE_ROWS, TITLE_ROWS + 1, i, i));
      }
      for (int q = 1; q <= 4; q++) {
        int first = monthColumn + (q - 1) * 3;
        text(quarters, first, ScheduleDate.quarter(plan.fiscalYear(), q).textJa(), styles.header);
        text(quarters, first + 1, "", styles.header);
        text(quarters, first + 2, "", styles.header);
        sheet.addMergedRegion(new CellRangeAddress(TITLE_ROWS, TITLE_ROWS, first, first + 2));
      }
      for (int m = 0; m < 12; m++) {
        text(months, monthColumn + m, ScheduleDate.month(YearMonth.from(yearStart.plusMonths(m))).textJa(), styles.header);
      }
      text(quarters, nextColumn, PlannedInitiative.NEXT_YEAR, styles.header);
      text(months, nextColumn, "", styles.header);
      sheet.addMergedRegion(new CellRangeAddress(TITLE_ROWS, TITLE_ROWS + 1, nextColumn, nextColumn));

      int r = TITLE_ROWS + HEADER_ROWS;
      for (Plan.Workstream workstream : plan.workstreams()) {
        int bandTop = r;
        for (PlannedInitiative item : plan.initiatives()) {
          if (item.workstream().equals(workstream.id())) {
            r = item(item, r);
          }
        }
        r = milestones(workstream.id(), r);
        if (r == bandTop) {
          sheet.createRow(r++);
        }
        Row top = sheet.getRow(bandTop);
        text(top, 0, workstream.name(), styles.band);
        if (r - 1 > bandTop) {
          sheet.addMergedRegion(new CellRangeAddress(bandTop, r - 1, 0, 0));
        }
      }
      sheet.createFreezePane(monthColumn, TITLE_ROWS + HEADER_ROWS);
      sheet.setColumnWidth(0, 18 * 256);
      sheet.setColumnWidth(1, 36 * 256);
      sheet.setColumnWidth(2, 22 * 256);
      if (actuals != null) {
        sheet.setColumnWidth(3, 9 * 256);
      }
      for (int m = 0; m < 12; m++) {
        sheet.setColumnWidth(monthColumn + m, 11 * 256);
      }
      sheet.setColumnWidth(nextColumn, 20 * 256);
      PrintSetup print = sheet.getPrintSetup();
      print.setPaperSize(PrintSetup.A3_PAPERSIZE);
      print.setLandscape(true);
      print.setFitWidth((short) 1);
      print.setFitHeight((short) 0);
      sheet.setAutobreaks(true);
      sheet.setFitToPage(true);
      sheet.setRepeatingRows(new CellRangeAddress(TITLE_ROWS, TITLE_ROWS + 1, -1, -1));
    }

    /** An item's rows: its phases in lanes, a phase in the first lane where all its months are free. */
    private int item(PlannedInitiative item, int top) {
      List<boolean[]> lanes = new ArrayList<>();
      List<Integer> laneOf = new ArrayList<>();
      for (PlannedPhase phase : item.phases()) {
        int from = month(phase.startDay());
        int to = month(phase.endDay());
        int lane = 0;
        while (lane < lanes.size() && !free(lanes.get(lane), from, to)) {
          lane++;
        }
        if (lane == lanes.size()) {
          lanes.add(new boolean[12]);
        }
        for (int m = from; m <= to; m++) {
          lanes.get(lane)[m] = true;
        }
        laneOf.add(lane);
      }
      int rows = Math.max(1, lanes.size());
      for (int i = 0; i < rows; i++) {
        Row row = sheet.createRow(top + i);
        for (int m = 0; m < 12; m++) {
          text(row, monthColumn + m, "", styles.month);
        }
      }
      Row first = sheet.getRow(top);
      text(first, 1, "●" + item.title(), styles.wrap);
      var owners = item.owners();
      text(first, 2, OwnersText.of(owners.lead(), owners.coOwners(), owners.counterparts(), owners.partners(),
          item.wards().mode().name(), item.wards().wards()), styles.wrap);
      if (actuals != null) {
        text(first, 3, actuals.statuses().getOrDefault(item.id(), ""), null);
      }
      text(first, nextColumn, item.continuesNextYear() ? "→" + item.nextYearLabel() : "", styles.wrap);
      for (int p = 0; p < item.phases().size(); p++) {
        PlannedPhase phase = item.phases().get(p);
        Row row = sheet.getRow(top + laneOf.get(p));
        boolean exact = phase.start().isExact() && phase.end().isExact();
        int from = month(phase.startDay());
        int to = month(phase.endDay());
        for (int m = from; m <= to; m++) {
          Cell cell = row.getCell(monthColumn + m);
          cell.setCellStyle(exact ? styles.phase : styles.vaguePhase);
        }
        row.getCell(monthColumn + from).setCellValue(phase.name() + "（" + phase.periodTextJa() + "）");
      }
      if (rows > 1) {
        for (int column : actuals == null ? new int[] {1, 2, nextColumn} : new int[] {1, 2, 3, nextColumn}) {
          sheet.addMergedRegion(new CellRangeAddress(top, top + rows - 1, column, column));
        }
      }
      return top + rows;
    }

    /** A workstream's ▲ rows: each in the month of its day, or the middle of its window, lighter over the rest. */
    private int milestones(String workstream, int top) {
      List<boolean[]> lanes = new ArrayList<>();
      int r = top;
      for (Milestone milestone : plan.milestones()) {
        if (!workstream.equals(milestone.workstream())) {
          continue;
        }
        int from = month(milestone.date().first());
        int to = month(milestone.date().last());
        int lane = 0;
        while (lane < lanes.size() && !free(lanes.get(lane), from, to)) {
          lane++;
        }
        if (lane == lanes.size()) {
          lanes.add(new boolean[12]);
          Row row = sheet.createRow(top + lane);
          for (int m = 0; m < 12; m++) {
            text(row, monthColumn + m, "", styles.month);
          }
          r = top + lanes.size();
        }
        for (int m = from; m <= to; m++) {
          lanes.get(lane)[m] = true;
        }
        Row row = sheet.getRow(top + lane);
        for (int m = from; m <= to && !milestone.date().isExact(); m++) {
          row.getCell(monthColumn + m).setCellStyle(styles.window);
        }
        Cell cell = row.getCell(monthColumn + (from + to) / 2);
        cell.setCellValue("▲" + milestone.labelJa());
        cell.setCellStyle(milestone.date().isExact() ? styles.milestone : styles.vagueMilestone);
      }
      return r;
    }

    private int month(LocalDate day) {
      LocalDate clamped = day.isBefore(yearStart) ? yearStart : day;
      int months = (clamped.getYear() - yearStart.getYear()) * 12 + clamped.getMonthValue() - yearStart.getMonthValue();
      return Math.max(0, Math.min(11, months));
    }

    private static boolean free(boolean[] lane, int from, int to) {
      for (int m = from; m <= to; m++) {
        if (lane[m]) {
          return false;
        }
      }
      return true;
    }
  }

  // ---- cells ----

  private static String lines(List<String> values) {
    return String.join(LIST_SEPARATOR, values);
  }

  private static void text(Row row, int column, String value, CellStyle style) {
    Cell cell = row.createCell(column);
    if (value == null || value.isEmpty()) {
      cell.setBlank();
    } else {
      cell.setCellValue(value);
    }
    if (style != null) {
      cell.setCellStyle(style);
    }
  }

  /** A real date cell for an exact day; the plan's words (「第2四半期頃」「6月」「10月以降、年度内」) otherwise. */
  private static void date(Row row, int column, ScheduleDate date, Styles styles) {
    if (date == null) {
      text(row, column, "", null);
    } else if (date.isExact()) {
      Cell cell = row.createCell(column);
      cell.setCellValue(date.first());
      cell.setCellStyle(styles.date);
    } else {
      text(row, column, WorkbookWords.dateText(date), null);
    }
  }

  private static final class Styles {
    final CellStyle header;
    final CellStyle title;
    final CellStyle band;
    final CellStyle wrap;
    final CellStyle date;
    final CellStyle month;
    final CellStyle phase;
    final CellStyle vaguePhase;
    final CellStyle window;
    final CellStyle milestone;
    final CellStyle vagueMilestone;

    Styles(XSSFWorkbook workbook) {
      OfficeWorkbooks.japaneseNormalStyle(workbook, 10);
      Font bold = workbook.createFont();
      bold.setFontName(FONT);
      bold.setFontHeightInPoints((short) 10);
      bold.setBold(true);
      Font big = workbook.createFont();
      big.setFontName(FONT);
      big.setFontHeightInPoints((short) 14);
      big.setBold(true);
      title = workbook.createCellStyle();
      title.setFont(big);
      header = filled(workbook, new byte[] {(byte) 222, (byte) 230, (byte) 242});
      header.setFont(bold);
      header.setAlignment(HorizontalAlignment.CENTER);
      header.setVerticalAlignment(VerticalAlignment.CENTER);
      band = workbook.createCellStyle();
      band.setFont(bold);
      band.setWrapText(true);
      band.setVerticalAlignment(VerticalAlignment.TOP);
      band.setBorderTop(BorderStyle.THIN);
      wrap = workbook.createCellStyle();
      wrap.setWrapText(true);
      wrap.setVerticalAlignment(VerticalAlignment.TOP);
      date = workbook.createCellStyle();
      date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat(DATE_FORMAT));
      month = workbook.createCellStyle();
      month.setBorderLeft(BorderStyle.HAIR);
      phase = filled(workbook, new byte[] {(byte) 189, (byte) 215, (byte) 238});
      vaguePhase = filled(workbook, new byte[] {(byte) 221, (byte) 235, (byte) 247});
      vaguePhase.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      window = filled(workbook, new byte[] {(byte) 252, (byte) 228, (byte) 214});
      milestone = workbook.createCellStyle();
      XSSFFont orange = workbook.createFont();
      orange.setFontName(FONT);
      orange.setFontHeightInPoints((short) 10);
      orange.setColor(new XSSFColor(new byte[] {(byte) 192, (byte) 80, 0}, null));
      milestone.setFont(orange);
      vagueMilestone = filled(workbook, new byte[] {(byte) 252, (byte) 228, (byte) 214});
      vagueMilestone.setFont(orange);
    }

    private static XSSFCellStyle filled(XSSFWorkbook workbook, byte[] rgb) {
      XSSFCellStyle style = workbook.createCellStyle();
      style.setFillForegroundColor(new XSSFColor(rgb, null));
      style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      style.setBorderLeft(BorderStyle.HAIR);
      return style;
    }
  }
}
