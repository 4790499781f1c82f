package jp.shisakuflow.chart;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlannedInitiative;
import jp.shisakuflow.progress.ProgressStatus;
import jp.shisakuflow.time.FiscalYear;
import jp.shisakuflow.time.ScheduleDate;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A plan as the A3 landscape sheet the office prints: the title, the as-of date in the Japanese era, quarter
 * and month headers, a band per workstream, each item's phases as labelled arrows over their period (a vague
 * period drawn over its whole window, dashed, and labelled in its words), ▲ milestones with their dates, the
 * 次年度以降 column and, when statuses are given, each item's status as of the date with a legend.
 */
public final class A3ScheduleSheet {

  static final String NEXT_YEAR = PlannedInitiative.NEXT_YEAR;

  private static final float PAGE_W = PDRectangle.A3.getHeight();
  private static final float PAGE_H = PDRectangle.A3.getWidth();
  private static final float MARGIN = 20;
  private static final float BAND_W = 92;
  private static final float ITEM_W = 185;
  private static final float STATUS_W = 38;
  private static final float NEXT_W = 100;
  private static final float HEADER_H = 30;
  private static final float LEGEND_H = 22;
  private static final Color INK = Color.BLACK;
  private static final Color RULE = new Color(150, 150, 150);
  private static final Color BAND_FILL = new Color(240, 243, 248);
  private static final Color ARROW = new Color(31, 78, 140);
  private static final Color MILESTONE = new Color(192, 80, 0);
  private static final Color AS_OF = new Color(200, 0, 0);
  private static final Map<ProgressStatus, Color> STATUS_FILL = Map.of(
      ProgressStatus.ON_SCHEDULE, new Color(198, 239, 206), ProgressStatus.AHEAD, new Color(189, 215, 238),
      ProgressStatus.DELAYED, new Color(255, 199, 206), ProgressStatus.COMPLETED, new Color(217, 217, 217));

  private static final String NO_LINE_START = "、。，．）」』】〕・ー";

  private final Path fontFile;

  public A3ScheduleSheet(Path fontFile) {
    this.fontFile = fontFile;
  }

  /** The sheet as a one-page PDF; {@code statuses} (initiative id → status) may be empty: no status column. */
  public byte[] render(Plan plan, LocalDate asOf, Map<String, ProgressStatus> statuses) {
    if (!Files.isReadable(fontFile)) {
      throw new IllegalStateException("The chart font " + fontFile + " is missing: install fonts-ipaexfont-gothic or"
          + " set shisaku.chart.font (SHISAKU_CHART_FONT) to a Japanese TrueType font");
    }
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDType0Font font = PDType0Font.load(document, fontFile.toFile());
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(title(plan));
      info.setCreator("施策フロー");
      PDPage page = new PDPage(new PDRectangle(PAGE_W, PAGE_H));
      document.addPage(page);
      try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
        new Drawing(stream, font, plan, asOf, statuses).draw();
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render the chart of plan " + plan.id(), e);
    }
  }

  /** The chart's title: the plan's, marked as the office marks a schedule it may still change. */
  static String title(Plan plan) {
    return plan.draftTitle();
  }

  /** An item the 次年度以降 column names: one that goes on next year, in the chart's words. */
  static boolean continues(PlannedInitiative item) {
    return item.continuesNextYear();
  }

  /** The as-of line: 「令和元年7月9日現在」. */
  static String asOfText(LocalDate asOf) {
    return EraDates.textJa(asOf) + "現在";
  }

  /** A vague date's words with the date: 「第1回有識者会議（7月9日）」「第2回有識者会議（第3四半期頃）」. */
  static String milestoneLabel(Milestone milestone) {
    return milestone.labelJa();
  }

  private static final class Drawing {
    private final PDPageContentStream s;
    private final PDType0Font font;
    private final Plan plan;
    private final LocalDate asOf;
    private final Map<String, ProgressStatus> statuses;
    private final LocalDate yearStart;
    private final LocalDate yearEnd;
    private final float gridX;
    private final float gridW;
    private final float statusX;
    private final float nextX;
    private float scale = 1;

    Drawing(PDPageContentStream stream, PDType0Font font, Plan plan, LocalDate asOf,
        Map<String, ProgressStatus> statuses) {
      this.s = stream;
      this.font = font;
      this.plan = plan;
      this.asOf = asOf;
      this.statuses = statuses;
      this.yearStart = FiscalYear.start(plan.fiscalYear());
      this.yearEnd = FiscalYear.end(plan.fiscalYear());
      this.statusX = MARGIN + BAND_W + ITEM_W;
      this.gridX = statusX + (statuses.isEmpty() ? 0 : STATUS_W);
      this.nextX = PAGE_W - MARGIN - NEXT_W;
      this.gridW = nextX - gridX;
    }

    void draw() throws IOException {
      float top = PAGE_H - MARGIN;
      text(title(plan), MARGIN, top - 14, 14, INK);
      String date = asOfText(asOf);
      text(date, PAGE_W - MARGIN - width(date, 11), top - 14, 11, INK);
      float headerTop = top - 26;
      float bodyTop = headerTop - HEADER_H;
      float bottom = MARGIN + LEGEND_H;
      List<Band> bands = layoutFitting(bodyTop - bottom);
      drawHeader(headerTop);
      float y = bodyTop;
      boolean shade = false;
      for (Band band : bands) {
        drawBand(band, y, shade);
        y -= band.height();
        shade = !shade;
      }
      drawGridLines(headerTop, y);
      drawAsOf(headerTop, y);
      drawLegend(MARGIN + 6);
    }

    // ---- layout ----

    record Row(PlannedInitiative item, List<String> titleLines, List<String> nextLines, float height) {}

    record Placed(Milestone milestone, String label, float x, float labelX, int lane) {}

    record Band(String name, List<String> nameLines, List<Row> rows, List<Placed> milestones, int lanes, float height) {}

    private List<Band> layoutFitting(float available) throws IOException {
      List<Band> bands = layout();
      while (total(bands) > available && scale > 0.5f) {
        scale -= 0.02f;
        bands = layout();
      }
      return bands;
    }

    private static float total(List<Band> bands) {
      return (float) bands.stream().mapToDouble(Band::height).sum();
    }

    private float itemFont() {
      return 7 * scale;
    }

    private float phaseFont() {
      return 6 * scale;
    }

    private float laneHeight() {
      return 10.5f * scale;
    }

    private List<Band> layout() throws IOException {
      List<Band> bands = new ArrayList<>();
      for (Plan.Workstream workstream : plan.workstreams()) {
        List<Row> rows = new ArrayList<>();
        for (PlannedInitiative item : plan.initiatives()) {
          if (!item.workstream().equals(workstream.id())) {
            continue;
          }
          List<String> title = wrap("●" + item.title(), ITEM_W - 6, itemFont());
          List<String> next = continues(item) ? wrap(item.nextYearLabel(), NEXT_W - 12, itemFont()) : List.of();
          float lines = Math.max(title.size(), next.size()) * itemFont() * 1.25f;
          float phases = item.phases().isEmpty() ? 0 : phaseFont() * 2.6f + 4 * scale;
          rows.add(new Row(item, title, next, Math.max(lines, phases) + 4 * scale));
        }
        List<Placed> placed = placeMilestones(workstream.id());
        int lanes = placed.stream().mapToInt(p -> p.lane() + 1).max().orElse(0);
        List<String> name = wrap(workstream.name(), BAND_W - 8, 8 * scale);
        float height = (float) rows.stream().mapToDouble(Row::height).sum() + lanes * laneHeight() + 2 * scale;
        height = Math.max(height, name.size() * 8 * scale * 1.3f + 6 * scale);
        bands.add(new Band(workstream.name(), name, rows, placed, lanes, height));
      }
      return bands;
    }

    /** Milestones in lanes, each lane's labels side by side without overlapping. */
    private List<Placed> placeMilestones(String workstream) throws IOException {
      List<Milestone> milestones = plan.milestones().stream().filter(m -> workstream.equals(m.workstream()))
          .sorted(Comparator.comparing((Milestone m) -> m.date().first()).thenComparing(m -> m.date().last())).toList();
      List<Float> laneEnds = new ArrayList<>();
      List<Placed> placed = new ArrayList<>();
      float fs = phaseFont();
      for (Milestone milestone : milestones) {
        String label = milestoneLabel(milestone);
        float x = middle(milestone.date());
        float triangle = width("▲", fs);
        float labelWidth = triangle + width(label, fs);
        float start = x - triangle / 2;
        if (start + labelWidth > nextX - 2) { // no room right of the date: the label ends at the ▲
          start = x - triangle / 2 - width(label, fs);
        }
        float from = Math.min(start, xOf(milestone.date().first()));
        float to = Math.max(start + labelWidth, xOf(milestone.date().last().plusDays(1)));
        int lane = 0;
        while (lane < laneEnds.size() && laneEnds.get(lane) > from - 3) {
          lane++;
        }
        if (lane == laneEnds.size()) {
          laneEnds.add(to);
        } else {
          laneEnds.set(lane, to);
        }
        placed.add(new Placed(milestone, label, x, start, lane));
      }
      return placed;
    }

    // ---- drawing ----

    private void drawHeader(float headerTop) throws IOException {
      float mid = headerTop - HEADER_H / 2;
      fill(MARGIN, headerTop - HEADER_H, PAGE_W - 2 * MARGIN, HEADER_H, new Color(222, 230, 242));
      centered("取組の柱", MARGIN, BAND_W, mid - 3, 8);
      centered("主な取組", MARGIN + BAND_W, ITEM_W, mid - 3, 8);
      if (!statuses.isEmpty()) {
        centered("状況", statusX, STATUS_W, mid - 3, 8);
      }
      centered(NEXT_YEAR, nextX, NEXT_W, mid - 3, 8);
      for (int quarter = 1; quarter <= 4; quarter++) {
        LocalDate from = yearStart.plusMonths((quarter - 1) * 3L);
        float x1 = xOf(from);
        float x2 = xOf(from.plusMonths(3));
        centered(ScheduleDate.quarter(plan.fiscalYear(), quarter).textJa(), x1, x2 - x1, headerTop - 11, 8);
      }
      for (int month = 0; month < 12; month++) {
        LocalDate from = yearStart.plusMonths(month);
        float x1 = xOf(from);
        float x2 = xOf(from.plusMonths(1));
        centered(ScheduleDate.month(java.time.YearMonth.from(from)).textJa(), x1, x2 - x1, headerTop - HEADER_H + 4, 7);
      }
      line(gridX, mid, nextX, mid, RULE, 0.5f);
    }

    private void drawBand(Band band, float top, boolean shade) throws IOException {
      if (shade) {
        fill(MARGIN, top - band.height(), PAGE_W - 2 * MARGIN, band.height(), BAND_FILL);
      }
      float nameSize = 8 * scale;
      float y = top - nameSize - 3 * scale;
      for (String line : band.nameLines()) {
        text(line, MARGIN + 4, y, nameSize, INK);
        y -= nameSize * 1.3f;
      }
      float rowTop = top;
      for (Row row : band.rows()) {
        drawRow(row, rowTop);
        rowTop -= row.height();
        line(MARGIN + BAND_W, rowTop, PAGE_W - MARGIN, rowTop, new Color(215, 215, 215), 0.3f);
      }
      for (Placed placed : band.milestones()) {
        drawMilestone(placed, rowTop - (placed.lane() + 1) * laneHeight() + 2.5f * scale);
      }
      line(MARGIN, top - band.height(), PAGE_W - MARGIN, top - band.height(), RULE, 0.8f);
    }

    private void drawRow(Row row, float top) throws IOException {
      float fs = itemFont();
      float y = top - fs - 2 * scale;
      for (String line : row.titleLines()) {
        text(line, MARGIN + BAND_W + 4, y, fs, INK);
        y -= fs * 1.25f;
      }
      y = top - fs - 2 * scale;
      for (String line : row.nextLines()) {
        text(line, nextX + 8, y, fs, INK);
        y -= fs * 1.25f;
      }
      if (!row.nextLines().isEmpty()) {
        text("→", nextX + 1, top - fs - 2 * scale, fs, ARROW);
      }
      ProgressStatus status = statuses.get(row.item().id());
      if (status != null) {
        float h = fs * 1.5f;
        fill(statusX + 3, top - 2 * scale - h, STATUS_W - 6, h, STATUS_FILL.get(status));
        centered(status.labelJa(), statusX, STATUS_W, top - 2 * scale - h + fs * 0.35f, fs);
      }
      float pfs = phaseFont();
      float arrowY = top - 2 * scale - pfs * 1.3f - 1.5f * scale;
      for (PlannedPhase phase : row.item().phases()) {
        drawPhase(phase, arrowY, pfs);
      }
    }

    private void drawPhase(PlannedPhase phase, float y, float fs) throws IOException {
      float x1 = xOf(phase.startDay());
      float x2 = xOf(phase.endDay().plusDays(1));
      boolean exact = phase.start().isExact() && phase.end().isExact();
      float head = Math.min(4 * scale, (x2 - x1) / 2);
      s.setStrokingColor(ARROW);
      s.setLineWidth(1.2f * scale);
      if (!exact) {
        s.setLineDashPattern(new float[] {2.5f, 1.5f}, 0);
      }
      s.moveTo(x1 + 0.5f, y);
      s.lineTo(x2 - head, y);
      s.stroke();
      s.setLineDashPattern(new float[] {}, 0);
      s.setNonStrokingColor(ARROW);
      s.moveTo(x2 - head, y + 2.2f * scale);
      s.lineTo(x2 - 0.5f, y);
      s.lineTo(x2 - head, y - 2.2f * scale);
      s.closePath();
      s.fill();
      text(phase.name(), x1 + 1, y + 2 * scale, fs, INK);
      text(phase.periodTextJa(), x1 + 1, y - fs - 1 * scale, fs * 0.85f, new Color(90, 90, 90));
    }

    private void drawMilestone(Placed placed, float baseline) throws IOException {
      ScheduleDate date = placed.milestone().date();
      float fs = phaseFont();
      if (!date.isExact()) {
        float x1 = xOf(date.first());
        float x2 = xOf(date.last().plusDays(1));
        s.setStrokingColor(MILESTONE);
        s.setLineWidth(0.5f);
        s.setLineDashPattern(new float[] {1.5f, 1.5f}, 0);
        s.moveTo(x1, baseline - 1);
        s.lineTo(x2, baseline - 1);
        s.stroke();
        s.setLineDashPattern(new float[] {}, 0);
      }
      float triangle = width("▲", fs);
      if (placed.labelX() >= placed.x() - triangle / 2 - 0.01f) {
        text("▲", placed.labelX(), baseline, fs, MILESTONE);
        text(placed.label(), placed.labelX() + triangle, baseline, fs, INK);
      } else { // pushed left of its date by the edge: the label, then the ▲ on the date
        text(placed.label(), placed.labelX(), baseline, fs, INK);
        text("▲", placed.x() - triangle / 2, baseline, fs, MILESTONE);
      }
    }

    private void drawGridLines(float headerTop, float bottom) throws IOException {
      for (int month = 0; month <= 12; month++) {
        float x = xOf(yearStart.plusMonths(month));
        boolean quarter = month % 3 == 0;
        line(x, quarter ? headerTop : headerTop - HEADER_H / 2, x, bottom, quarter ? RULE : new Color(205, 205, 205),
            quarter ? 0.8f : 0.3f);
      }
      line(MARGIN, headerTop, PAGE_W - MARGIN, headerTop, INK, 1);
      line(MARGIN, headerTop - HEADER_H, PAGE_W - MARGIN, headerTop - HEADER_H, INK, 0.8f);
      line(MARGIN, bottom, PAGE_W - MARGIN, bottom, INK, 1);
      for (float x : new float[] {MARGIN, MARGIN + BAND_W, statusX, nextX, PAGE_W - MARGIN}) {
        line(x, headerTop, x, bottom, INK, x == MARGIN || x == PAGE_W - MARGIN ? 1 : 0.6f);
      }
    }

    private void drawAsOf(float headerTop, float bottom) throws IOException {
      if (asOf.isBefore(yearStart) || asOf.isAfter(yearEnd)) {
        return;
      }
      float x = xOf(asOf) + dayWidth() / 2;
      s.setStrokingColor(AS_OF);
      s.setLineWidth(0.8f);
      s.setLineDashPattern(new float[] {4, 2}, 0);
      s.moveTo(x, headerTop - HEADER_H);
      s.lineTo(x, bottom);
      s.stroke();
      s.setLineDashPattern(new float[] {}, 0);
    }

    private void drawLegend(float y) throws IOException {
      float x = MARGIN;
      float fs = 7;
      s.setStrokingColor(ARROW);
      s.setLineWidth(1.2f);
      s.moveTo(x, y + 2.5f);
      s.lineTo(x + 18, y + 2.5f);
      s.stroke();
      x = legendText("期間の決まった段階", x + 21, y, fs);
      s.setStrokingColor(ARROW);
      s.setLineDashPattern(new float[] {2.5f, 1.5f}, 0);
      s.moveTo(x, y + 2.5f);
      s.lineTo(x + 18, y + 2.5f);
      s.stroke();
      s.setLineDashPattern(new float[] {}, 0);
      x = legendText("時期がおおよその段階（四半期・頃・年度内）：その期間全体に引き、言葉で示す", x + 21, y, fs);
      text("▲", x, y, fs, MILESTONE);
      x = legendText("会議・研修・イベント等（日付または時期）", x + width("▲", fs) + 2, y, fs);
      s.setStrokingColor(AS_OF);
      s.setLineWidth(0.8f);
      s.setLineDashPattern(new float[] {4, 2}, 0);
      s.moveTo(x + 4, y - 1);
      s.lineTo(x + 4, y + 7);
      s.stroke();
      s.setLineDashPattern(new float[] {}, 0);
      x = legendText("基準日（" + EraDates.textJa(asOf) + "）", x + 9, y, fs);
      if (!statuses.isEmpty()) {
        x = legendText("状況：", x, y, fs) - 8;
        for (ProgressStatus status : ProgressStatus.values()) {
          float w = width(status.labelJa(), fs) + 6;
          fill(x, y - 2, w, fs * 1.4f, STATUS_FILL.get(status));
          text(status.labelJa(), x + 3, y, fs, INK);
          x += w + 4;
        }
        legendText("（" + EraDates.textJa(asOf) + "時点）", x, y, fs);
      }
    }

    private float legendText(String text, float x, float y, float fs) throws IOException {
      text(text, x, y, fs, INK);
      return x + width(text, fs) + 14;
    }

    // ---- primitives ----

    private float dayWidth() {
      return gridW / (ChronoUnit.DAYS.between(yearStart, yearEnd) + 1);
    }

    private float xOf(LocalDate day) {
      LocalDate clamped = day.isBefore(yearStart) ? yearStart : day.isAfter(yearEnd.plusDays(1)) ? yearEnd.plusDays(1) : day;
      return gridX + ChronoUnit.DAYS.between(yearStart, clamped) * dayWidth();
    }

    /** Where a ▲ goes: on its day, or in the middle of its window (never on an invented day). */
    private float middle(ScheduleDate date) {
      return (xOf(date.first()) + xOf(date.last().plusDays(1))) / 2;
    }

    private float width(String text, float size) throws IOException {
      return font.getStringWidth(text) / 1000 * size;
    }

    private List<String> wrap(String text, float maxWidth, float size) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        String next = line + new String(Character.toChars(cp));
        boolean closing = NO_LINE_START.indexOf(cp) >= 0; // 、。」）… stay at the end of the line (kinsoku)
        if (line.length() > 0 && !closing && width(next, size) > maxWidth) {
          lines.add(line.toString());
          line = new StringBuilder(new String(Character.toChars(cp)));
        } else {
          line = new StringBuilder(next);
        }
        i += Character.charCount(cp);
      }
      if (line.length() > 0) {
        lines.add(line.toString());
      }
      return lines;
    }

    private void text(String text, float x, float y, float size, Color color) throws IOException {
      s.beginText();
      s.setFont(font, size);
      s.setNonStrokingColor(color);
      s.newLineAtOffset(x, y);
      s.showText(text);
      s.endText();
    }

    private void centered(String text, float x, float w, float y, float size) throws IOException {
      text(text, x + (w - width(text, size)) / 2, y, size, INK);
    }

    private void line(float x1, float y1, float x2, float y2, Color color, float width) throws IOException {
      s.setStrokingColor(color);
      s.setLineWidth(width);
      s.moveTo(x1, y1);
      s.lineTo(x2, y2);
      s.stroke();
    }

    private void fill(float x, float y, float w, float h, Color color) throws IOException {
      s.setNonStrokingColor(color);
      s.addRect(x, y, w, h);
      s.fill();
    }
  }
}
