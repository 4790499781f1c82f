package jp.shisakuflow.plan.workbook;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shisakuflow.initiative.Coded;
import jp.shisakuflow.initiative.OwnersText;
import jp.shisakuflow.initiative.WardScope;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.plan.PlanLink;
import jp.shisakuflow.time.FiscalYear;
import jp.shisakuflow.time.ScheduleDate;

/**
 * How the workbook writes a plan's values in people's words, and reads them back: dates as the chart says them
 * ({@link ScheduleDate#textJa()}), groups by their Japanese names, codes by their labels, links as
 * 「検討の場: expert-council-2（有識者会議等で意見聴取）」.
 */
final class WorkbookWords {

  private static final Pattern DAY = Pattern.compile("(\\d{1,2})月(\\d{1,2})日");
  private static final Pattern MONTH = Pattern.compile("(\\d{1,2})月");
  private static final Pattern QUARTER = Pattern.compile("第([1-4])四半期");
  private static final Pattern SLASHED_DAY = Pattern.compile("(\\d{4})[/-](\\d{1,2})[/-](\\d{1,2})");
  private static final String ABOUT = "頃";
  private static final String FROM_MONTH_TO_YEAR_END = "以降、年度内";
  private static final Pattern LINK = Pattern.compile("(.+?)[:：]\\s*([^\\s（(]+)\\s*(?:[（(](.*)[）)])?");

  private WorkbookWords() {}

  /** A group's Japanese name, as Tasklist and the report show it (an unknown id as it is). */
  static String groupName(String groupId) {
    return groupId == null ? "" : OwnersText.groupName(groupId);
  }

  /** The id of a group named in Japanese (or already an id); an unknown name as written, for the checker to refuse. */
  static String groupId(String name) {
    return Arrays.stream(OrganizationGroup.values()).filter(g -> g.nameJa().equals(name)).map(OrganizationGroup::id)
        .findFirst().orElse(name);
  }

  /** 全区, 年度内に決定, or the wards' names one per line; empty for none. */
  static String wards(WardScope wards) {
    return switch (wards.mode()) {
      case NONE -> "";
      case ALL -> PlanWorkbook.ALL_WARDS;
      case DECIDED_IN_YEAR -> PlanWorkbook.WARDS_DECIDED;
      case LISTED -> String.join(PlanWorkbook.LIST_SEPARATOR, wards.wards().stream().map(WorkbookWords::groupName)
          .toList());
    };
  }

  /** 「検討の場: expert-council-2（有識者会議等で意見聴取）」. */
  static String link(PlanLink link) {
    return link.kind().labelJa() + ": " + link.target() + (link.note() == null ? "" : "（" + link.note() + "）");
  }

  /** A link read back: its code, target and note; empty when the line is not in that form. */
  static Optional<PlanLink> link(String line) {
    Matcher m = LINK.matcher(line.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return label(PlanLink.Kind.class, m.group(1).trim())
        .map(kind -> new PlanLink(kind, m.group(2), m.group(3) == null || m.group(3).isBlank() ? null : m.group(3)));
  }

  /** The value of a coded enumeration with this Japanese label (or this code). */
  static <E extends Enum<E> & Coded> Optional<E> label(Class<E> type, String text) {
    return Arrays.stream(type.getEnumConstants()).filter(v -> v.labelJa().equals(text)).findFirst()
        .or(() -> Coded.fromCode(type, text));
  }

  /**
   * A vague date in the chart's words (「第2四半期頃」「6月」「10月以降、年度内」); the plan-file form where the words would
   * not read back as the same date.
   */
  static String dateText(ScheduleDate date) {
    String words = date.textJa();
    int year = FiscalYear.containing(date.first());
    return parse(words, year).filter(date::equals).map(d -> words).orElse(date.code());
  }

  /**
   * A date a person wrote in a cell, in the fiscal year: the chart's words (「7月9日」「7月頃」「第3四半期」「10月以降、年度内」
   * 「6月3日〜6月13日」), 2019/7/9, or the plan-file form ({@link ScheduleDate#FORMS}); empty when it is none of them.
   */
  static Optional<ScheduleDate> parse(String written, int fiscalYear) {
    String text = Normalizer.normalize(written, Normalizer.Form.NFKC).replace(" ", "").replace("~", "〜").trim();
    try {
      boolean about = text.endsWith(ABOUT);
      String plain = about ? text.substring(0, text.length() - ABOUT.length()) : text;
      Optional<ScheduleDate> date = words(plain, fiscalYear);
      if (date.isPresent()) {
        return about ? date.map(ScheduleDate::approximately) : date;
      }
      return Optional.of(ScheduleDate.parse(written, fiscalYear));
    } catch (IllegalArgumentException | DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<ScheduleDate> words(String text, int fiscalYear) {
    if (text.endsWith(FROM_MONTH_TO_YEAR_END)) {
      return single(text.substring(0, text.length() - FROM_MONTH_TO_YEAR_END.length()), fiscalYear)
          .map(from -> ScheduleDate.window(from, ScheduleDate.month(YearMonth.from(FiscalYear.end(fiscalYear)))));
    }
    int separator = text.indexOf('〜');
    if (separator >= 0) {
      Optional<ScheduleDate> from = single(text.substring(0, separator), fiscalYear);
      Optional<ScheduleDate> to = single(text.substring(separator + 1), fiscalYear);
      if (from.isEmpty() || to.isEmpty() || to.get().last().isBefore(from.get().first())) {
        return Optional.empty();
      }
      return Optional.of(ScheduleDate.window(from.get(), to.get()));
    }
    return single(text, fiscalYear);
  }

  private static Optional<ScheduleDate> single(String text, int fiscalYear) {
    Matcher day = DAY.matcher(text);
    if (day.matches()) {
      int month = Integer.parseInt(day.group(1));
      return Optional.of(ScheduleDate.day(LocalDate.of(yearOf(month, fiscalYear), month, Integer.parseInt(day.group(2)))));
    }
    Matcher month = MONTH.matcher(text);
    if (month.matches()) {
      int m = Integer.parseInt(month.group(1));
      return Optional.of(ScheduleDate.month(YearMonth.of(yearOf(m, fiscalYear), m)));
    }
    Matcher quarter = QUARTER.matcher(text);
    if (quarter.matches()) {
      return Optional.of(ScheduleDate.quarter(fiscalYear, Integer.parseInt(quarter.group(1))));
    }
    Matcher slashed = SLASHED_DAY.matcher(text);
    if (slashed.matches()) {
      return Optional.of(ScheduleDate.day(LocalDate.of(Integer.parseInt(slashed.group(1)),
          Integer.parseInt(slashed.group(2)), Integer.parseInt(slashed.group(3)))));
    }
    return Optional.empty();
  }

  /** The calendar year of a month of the fiscal year: April–December in the year, January–March in the next. */
  private static int yearOf(int month, int fiscalYear) {
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("no month " + month);
    }
    return month >= 4 ? fiscalYear : fiscalYear + 1;
  }

  static List<String> lines(String cell) {
    return cell == null ? List.of() : Arrays.stream(cell.split("\\R")).map(String::trim).filter(s -> !s.isEmpty())
        .toList();
  }
}
