package jp.shisakuflow.plan.workbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.plan.InvalidPlanException;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.PlanDocument;
import jp.shisakuflow.plan.PlanError;
import jp.shisakuflow.plan.PlanLink;
import jp.shisakuflow.plan.workbook.PlanWorkbook.Column;
import jp.shisakuflow.time.FiscalYear;
import jp.shisakuflow.time.ScheduleDate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a plan workbook ({@link PlanWorkbook}) back into the plan's YAML, so that it is checked by the same
 * {@link jp.shisakuflow.plan.PlanParser} as a YAML file; each YAML line remembers the cell it came from, and the
 * checker's errors are re-placed there (「シート"段階一覧" セルG12: …」). The sheets read are 「計画」 and 「段階一覧」:
 * <b>段階一覧 is the source of truth</b>; 「スケジュール」 is made from the plan and not read. The workbook's own checks
 * come first and are listed with the checker's: a cell that holds no date, a date outside the fiscal year, an
 * unknown sheet or column, rows of one item that disagree, a value in a column its kind of row has not.
 */
public final class PlanWorkbookReader {

  /** Columns that belong to the item, repeated on each of its phase rows: they must agree. */
  private static final List<Column> ITEM_COLUMNS = List.of(Column.TITLE, Column.WORKSTREAM, Column.LEAD,
      Column.CO_OWNERS, Column.COUNTERPARTS, Column.PARTNERS, Column.WARDS, Column.LINKS, Column.NEXT_YEAR,
      Column.NEXT_YEAR_LABEL);
  /** What a milestone row may fill in. */
  private static final Set<Column> MILESTONE_COLUMNS = Set.of(Column.KIND, Column.ID, Column.TITLE, Column.WORKSTREAM,
      Column.CATEGORY, Column.START, Column.LEAD, Column.ABOUT, Column.STATUS, Column.ACTUAL);

  private final List<PlanError> errors = new ArrayList<>();
  private final YamlLines yaml = new YamlLines();
  private final Map<String, String> workstreamIds = new HashMap<>();
  private Integer fiscalYear;

  private PlanWorkbookReader() {}

  /** The workbook as a plan document: its YAML, the errors found reading it, and how to place the checker's. */
  public static PlanDocument read(String source, byte[] content) {
    Workbook workbook;
    try {
      workbook = new XSSFWorkbook(new ByteArrayInputStream(content));
    } catch (IOException | RuntimeException e) {
      throw new InvalidPlanException(source, List.of(new PlanError(0,
          "Excel のブック（.xlsx）として読めません。計画表から書き出したブックを保存し直してください (not an xlsx workbook)")));
    }
    try (workbook) {
      PlanWorkbookReader reader = new PlanWorkbookReader();
      reader.readWorkbook(workbook);
      List<String> places = List.copyOf(reader.yaml.places);
      return new PlanDocument(source, reader.yaml.text(), e -> new InvalidPlanException(e.source(),
          e.errors().stream().map(error -> PlanError.at(place(places, error.line()), error.message())).toList()),
          reader.errors);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String place(List<String> places, int line) {
    return line >= 1 && line <= places.size() ? places.get(line - 1) : "ブック";
  }

  private void readWorkbook(Workbook workbook) {
    for (Sheet sheet : workbook) {
      String name = sheet.getSheetName();
      if (!Set.of(PlanWorkbook.SCHEDULE_SHEET, PlanWorkbook.PHASES_SHEET, PlanWorkbook.PLAN_SHEET).contains(name)) {
        errors.add(PlanError.at(sheetPlace(name), "不明なシートです。計画表のシートは「" + PlanWorkbook.SCHEDULE_SHEET + "」「"
            + PlanWorkbook.PHASES_SHEET + "」「" + PlanWorkbook.PLAN_SHEET + "」だけです（取り込むのは「" + PlanWorkbook.PHASES_SHEET
            + "」と「" + PlanWorkbook.PLAN_SHEET + "」）"));
      }
    }
    Sheet plan = workbook.getSheet(PlanWorkbook.PLAN_SHEET);
    Sheet phases = workbook.getSheet(PlanWorkbook.PHASES_SHEET);
    if (plan == null || phases == null) {
      for (String missing : plan == null && phases == null ? List.of(PlanWorkbook.PLAN_SHEET, PlanWorkbook.PHASES_SHEET)
          : List.of(plan == null ? PlanWorkbook.PLAN_SHEET : PlanWorkbook.PHASES_SHEET)) {
        errors.add(PlanError.at("ブック", "シート「" + missing + "」がありません。計画表から書き出したブックを編集して取り込んでください"));
      }
      yaml.add(0, "{}", "ブック");
      return;
    }
    readPlanSheet(plan);
    readPhasesSheet(phases);
  }

  // ---- 計画 ----

  private void readPlanSheet(Sheet sheet) {
    field(sheet, 0, PlanWorkbook.PLAN_ID, "id");
    field(sheet, 1, PlanWorkbook.PLAN_TITLE, "title");
    Cell year = cell(sheet, 2, 1);
    label(sheet, 2, PlanWorkbook.PLAN_YEAR);
    String yearText = text(year);
    try {
      fiscalYear = Integer.valueOf(yearText);
      if (!FiscalYear.isSupported(fiscalYear)) {
        fiscalYear = null;
      }
    } catch (NumberFormatException e) {
      fiscalYear = null;
    }
    yaml.add(0, "fiscalYear: " + quote(yearText), place(sheet, 2, 1));
    label(sheet, PlanWorkbook.WORKSTREAM_HEADER_ROW, PlanWorkbook.WORKSTREAM_ID);
    if (!PlanWorkbook.WORKSTREAM_NAME.equals(text(cell(sheet, PlanWorkbook.WORKSTREAM_HEADER_ROW, 1)))) {
      errors.add(PlanError.at(place(sheet, PlanWorkbook.WORKSTREAM_HEADER_ROW, 1), "ここは見出し「"
          + PlanWorkbook.WORKSTREAM_NAME + "」です"));
    }
    yaml.add(0, "workstreams:", place(sheet, PlanWorkbook.WORKSTREAM_HEADER_ROW, 0));
    Map<String, String> firstPlaceOfName = new HashMap<>();
    for (int r = PlanWorkbook.WORKSTREAM_HEADER_ROW + 1; r <= sheet.getLastRowNum(); r++) {
      String id = text(cell(sheet, r, 0));
      String name = text(cell(sheet, r, 1));
      if (id.isEmpty() && name.isEmpty()) {
        continue;
      }
      yaml.add(2, "- id: " + quote(id), place(sheet, r, 0));
      yaml.add(4, "name: " + quote(name), place(sheet, r, 1));
      String first = firstPlaceOfName.putIfAbsent(name, place(sheet, r, 1));
      if (first != null && !name.isEmpty()) {
        errors.add(PlanError.at(place(sheet, r, 1), "取組の柱の名称「" + name + "」が重複しています（" + first
            + "）。段階一覧は名称で取組の柱を指すので、名称を変えてください"));
      }
      workstreamIds.putIfAbsent(name, id);
    }
  }

  private void field(Sheet sheet, int row, String label, String key) {
    label(sheet, row, label);
    yaml.add(0, key + ": " + quote(text(cell(sheet, row, 1))), place(sheet, row, 1));
  }

  private void label(Sheet sheet, int row, String expected) {
    if (!expected.equals(text(cell(sheet, row, 0)))) {
      errors.add(PlanError.at(place(sheet, row, 0), "ここは見出し「" + expected + "」です。計画シートの A 列は書き換えないでください"));
    }
  }

  // ---- 段階一覧 ----

  private void readPhasesSheet(Sheet sheet) {
    Map<Column, Integer> columns = new EnumMap<>(Column.class);
    Row header = sheet.getRow(0);
    if (header != null) {
      for (Cell cell : header) {
        String name = text(cell);
        if (name.isEmpty()) {
          continue;
        }
        Optional<Column> column = java.util.Arrays.stream(Column.values()).filter(c -> c.header.equals(name)).findFirst();
        if (column.isEmpty()) {
          errors.add(PlanError.at(place(sheet, 0, cell.getColumnIndex()), "不明な列「" + name + "」です（列: "
              + String.join("、", PlanWorkbook.columns(true).stream().map(c -> c.header).toList()) + "）"));
        } else if (columns.putIfAbsent(column.get(), cell.getColumnIndex()) != null) {
          errors.add(PlanError.at(place(sheet, 0, cell.getColumnIndex()), "列「" + name + "」が二つあります"));
        }
      }
    }
    for (Column column : PlanWorkbook.columns(false)) {
      if (!columns.containsKey(column)) {
        errors.add(PlanError.at(sheetPlace(sheet.getSheetName()) + " 1行目", "列「" + column.header + "」がありません"));
      }
    }
    if (PlanWorkbook.columns(false).stream().anyMatch(c -> !columns.containsKey(c))) {
      yaml.add(0, "initiatives: []", sheetPlace(sheet.getSheetName()));
      return;
    }
    Rows rows = new Rows(sheet, columns);
    List<List<Integer>> items = new ArrayList<>();
    List<Integer> milestones = new ArrayList<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      if (rows.blank(r)) {
        continue;
      }
      String kind = rows.text(r, Column.KIND);
      if (PlanWorkbook.PHASE_ROW.equals(kind)) {
        String id = rows.text(r, Column.ID);
        if (!items.isEmpty() && !id.isEmpty() && id.equals(rows.text(last(items), Column.ID))) {
          items.get(items.size() - 1).add(r);
        } else {
          items.add(new ArrayList<>(List.of(r)));
        }
      } else if (PlanWorkbook.MILESTONE_ROW.equals(kind)) {
        milestones.add(r);
      } else {
        errors.add(PlanError.at(rows.place(r, Column.KIND), "種別は「" + PlanWorkbook.PHASE_ROW + "」か「"
            + PlanWorkbook.MILESTONE_ROW + "」です"));
      }
    }
    yaml.add(0, "initiatives:", sheetPlace(sheet.getSheetName()));
    items.forEach(item -> initiative(rows, item));
    if (!milestones.isEmpty()) {
      yaml.add(0, "milestones:", rows.place(milestones.get(0), Column.KIND));
      milestones.forEach(r -> milestone(rows, r));
    }
  }

  private static int last(List<List<Integer>> items) {
    List<Integer> rows = items.get(items.size() - 1);
    return rows.get(rows.size() - 1);
  }

  private void initiative(Rows rows, List<Integer> item) {
    int first = item.get(0);
    for (int r : item.subList(1, item.size())) {
      for (Column column : ITEM_COLUMNS) {
        if (!rows.text(r, column).equals(rows.text(first, column))) {
          errors.add(PlanError.at(rows.place(r, column), "同じ施策（" + rows.text(first, Column.ID) + "）の行は「"
              + column.header + "」を同じにしてください（最初の行: " + rows.cellName(first, column) + "）"));
        }
      }
    }
    for (int r : item) {
      if (!rows.text(r, Column.ABOUT).isEmpty()) {
        errors.add(PlanError.at(rows.place(r, Column.ABOUT), "「" + Column.ABOUT.header + "」は節目の行にだけ書けます"));
      }
    }
    yaml.add(2, "- id: " + quote(rows.text(first, Column.ID)), rows.place(first, Column.ID));
    yaml.add(4, "title: " + quote(rows.text(first, Column.TITLE)), rows.place(first, Column.TITLE));
    workstream(rows, first);
    yaml.add(4, "lead: " + quote(WorkbookWords.groupId(rows.text(first, Column.LEAD))), rows.place(first, Column.LEAD));
    list(rows, first, Column.CO_OWNERS, "coOwners", true);
    list(rows, first, Column.COUNTERPARTS, "counterparts", true);
    list(rows, first, Column.PARTNERS, "partners", false);
    String wards = rows.text(first, Column.WARDS);
    if (PlanWorkbook.ALL_WARDS.equals(wards)) {
      yaml.add(4, "wards: all", rows.place(first, Column.WARDS));
    } else if (PlanWorkbook.WARDS_DECIDED.equals(wards)) {
      yaml.add(4, "wards: decided", rows.place(first, Column.WARDS));
    } else {
      list(rows, first, Column.WARDS, "wards", true);
    }
    List<String> links = WorkbookWords.lines(rows.text(first, Column.LINKS));
    if (!links.isEmpty()) {
      yaml.add(4, "links:", rows.place(first, Column.LINKS));
      for (String line : links) {
        Optional<PlanLink> link = WorkbookWords.link(line);
        if (link.isEmpty()) {
          errors.add(PlanError.at(rows.place(first, Column.LINKS), "関連「" + line + "」は「検討の場: 計画内のID（メモ）」の形で"
              + "書いてください（種類: " + String.join("、", java.util.Arrays.stream(PlanLink.Kind.values())
              .map(PlanLink.Kind::labelJa).toList()) + "）"));
          continue;
        }
        yaml.add(6, "- " + link.get().kind().code() + ": " + quote(link.get().target()), rows.place(first, Column.LINKS));
        if (link.get().note() != null) {
          yaml.add(8, "note: " + quote(link.get().note()), rows.place(first, Column.LINKS));
        }
      }
    }
    String nextYear = rows.text(first, Column.NEXT_YEAR);
    yaml.add(4, "nextYear: " + quote(WorkbookWords.label(Outcome.class, nextYear).map(Outcome::code).orElse(nextYear)),
        rows.place(first, Column.NEXT_YEAR));
    if (!rows.text(first, Column.NEXT_YEAR_LABEL).isEmpty()) {
      yaml.add(4, "nextYearLabel: " + quote(rows.text(first, Column.NEXT_YEAR_LABEL)),
          rows.place(first, Column.NEXT_YEAR_LABEL));
    }
    yaml.add(4, "phases:", rows.place(first, Column.CATEGORY));
    for (int r : item) {
      String category = rows.text(r, Column.CATEGORY);
      String name = rows.text(r, Column.PHASE);
      if (category.isEmpty()) {
        yaml.add(6, "- step: " + quote(name), rows.place(r, Column.PHASE));
      } else {
        yaml.add(6, "- stage: " + quote(WorkbookWords.label(Stage.class, category).map(Stage::code).orElse(category)),
            rows.place(r, Column.CATEGORY));
        if (!name.isEmpty()) {
          yaml.add(8, "name: " + quote(name), rows.place(r, Column.PHASE));
        }
      }
      date(rows, r, Column.START, "start", 8);
      date(rows, r, Column.END, "end", 8);
    }
  }

  private void milestone(Rows rows, int r) {
    for (Column column : PlanWorkbook.columns(true)) {
      if (!MILESTONE_COLUMNS.contains(column) && rows.has(column) && !rows.text(r, column).isEmpty()) {
        errors.add(PlanError.at(rows.place(r, column), "節目の行には「" + column.header + "」を書けません（節目の日付は「"
            + Column.START.header + "」の列）"));
      }
    }
    yaml.add(2, "- id: " + quote(rows.text(r, Column.ID)), rows.place(r, Column.ID));
    yaml.add(4, "title: " + quote(rows.text(r, Column.TITLE)), rows.place(r, Column.TITLE));
    String kind = rows.text(r, Column.CATEGORY);
    yaml.add(4, "kind: " + quote(WorkbookWords.label(Milestone.Kind.class, kind).map(Milestone.Kind::code)
        .orElse(kind)), rows.place(r, Column.CATEGORY));
    date(rows, r, Column.START, "date", 4);
    workstream(rows, r);
    yaml.add(4, "lead: " + quote(WorkbookWords.groupId(rows.text(r, Column.LEAD))), rows.place(r, Column.LEAD));
    list(rows, r, Column.ABOUT, "about", false);
  }

  private void workstream(Rows rows, int r) {
    String name = rows.text(r, Column.WORKSTREAM);
    String id = workstreamIds.containsKey(name) ? workstreamIds.get(name) : name;
    yaml.add(4, "workstream: " + quote(id), rows.place(r, Column.WORKSTREAM));
  }

  private void list(Rows rows, int r, Column column, String key, boolean groups) {
    List<String> values = WorkbookWords.lines(rows.text(r, column));
    if (values.isEmpty()) {
      return;
    }
    yaml.add(4, key + ": [" + String.join(", ", values.stream()
        .map(v -> quote(groups ? WorkbookWords.groupId(v) : v)).toList()) + "]", rows.place(r, column));
  }

  /** A date cell: a real date, or the plan's words; the workbook's own checks (no date, outside the year). */
  private void date(Rows rows, int r, Column column, String key, int indent) {
    String place = rows.place(r, column);
    Cell cell = rows.cell(r, column);
    String written = text(cell);
    Optional<ScheduleDate> date;
    if (cell != null && cell.getCellType() == CellType.NUMERIC) {
      if (!DateUtil.isCellDateFormatted(cell)) {
        errors.add(PlanError.at(place, "日付ではありません（" + written + "）。日付のセルか「7月9日」「第3四半期頃」のように書いてください"));
        yaml.add(indent, key + ": " + quote(written), place);
        return;
      }
      date = Optional.of(ScheduleDate.day(cell.getLocalDateTimeCellValue().toLocalDate()));
    } else if (written.isEmpty()) {
      yaml.add(indent, key + ": \"\"", place);
      return;
    } else {
      int year = fiscalYear != null ? fiscalYear : FiscalYear.containing(LocalDate.now());
      date = WorkbookWords.parse(written, year);
      if (date.isEmpty()) {
        errors.add(PlanError.at(place, "日付として読めません（" + written + "）。日付のセルか「7月9日」「7月」「第3四半期」「10月以降、年度内」"
            + "「6月3日〜6月13日」、おおよその時期は「第3四半期頃」のように書いてください"));
        yaml.add(indent, key + ": " + quote(written), place);
        return;
      }
    }
    ScheduleDate value = date.get();
    if (fiscalYear != null && (value.first().isBefore(FiscalYear.start(fiscalYear))
        || value.last().isAfter(FiscalYear.end(fiscalYear)))) {
      errors.add(PlanError.at(place, "日付が年度外です（" + fiscalYear + "年度は " + FiscalYear.start(fiscalYear) + "〜"
          + FiscalYear.end(fiscalYear) + "）"));
    }
    yaml.add(indent, key + ": " + quote(value.code()), place);
  }

  // ---- cells ----

  /** The rows of 段階一覧 by column. */
  private static final class Rows {
    private final Sheet sheet;
    private final Map<Column, Integer> columns;

    Rows(Sheet sheet, Map<Column, Integer> columns) {
      this.sheet = sheet;
      this.columns = columns;
    }

    boolean has(Column column) {
      return columns.containsKey(column);
    }

    Cell cell(int r, Column column) {
      Integer c = columns.get(column);
      return c == null ? null : PlanWorkbookReader.cell(sheet, r, c);
    }

    String text(int r, Column column) {
      return PlanWorkbookReader.text(cell(r, column));
    }

    boolean blank(int r) {
      return columns.entrySet().stream().filter(e -> !e.getKey().derived())
          .allMatch(e -> PlanWorkbookReader.text(PlanWorkbookReader.cell(sheet, r, e.getValue())).isEmpty());
    }

    String cellName(int r, Column column) {
      return new CellReference(r, columns.get(column)).formatAsString(false);
    }

    String place(int r, Column column) {
      return PlanWorkbookReader.place(sheet, r, columns.get(column));
    }
  }

  private static Cell cell(Sheet sheet, int r, int c) {
    Row row = sheet.getRow(r);
    return row == null ? null : row.getCell(c);
  }

  /** 「シート"段階一覧" セルG12」. */
  static String place(Sheet sheet, int r, int c) {
    return sheetPlace(sheet.getSheetName()) + " セル" + new CellReference(r, c).formatAsString(false);
  }

  private static String sheetPlace(String sheet) {
    return "シート\"" + sheet + "\"";
  }

  /** A cell as text: trimmed; a whole number without ".0"; a date as yyyy-MM-dd; empty for none. */
  static String text(Cell cell) {
    if (cell == null) {
      return "";
    }
    CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    return switch (type) {
      case STRING -> cell.getStringCellValue().trim();
      case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
          : number(cell.getNumericCellValue());
      case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
      default -> "";
    };
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  /** A YAML double-quoted scalar (JSON's escapes, which YAML reads alike). */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** The YAML text being written, and for each of its lines the cell it came from. */
  private static final class YamlLines {
    private final StringBuilder text = new StringBuilder();
    private final List<String> places = new ArrayList<>();

    void add(int indent, String line, String place) {
      text.append(" ".repeat(indent)).append(line).append('\n');
      places.add(place);
    }

    String text() {
      return text.toString();
    }
  }
}
