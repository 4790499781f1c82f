package jp.shisakuflow.chart;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.fiscalyear.YearPlans;
import jp.shisakuflow.initiative.BusinessKey;
import java.util.stream.Collectors;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanDocuments;
import jp.shisakuflow.plan.workbook.PlanWorkbook;
import jp.shisakuflow.progress.ProgressReport;
import jp.shisakuflow.progress.ProgressService;
import jp.shisakuflow.progress.ProgressStatus;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/plans/{planKey}/chart.pdf?asOf=YYYY-MM-DD}: the plan as its A3 sheet, with each item's status
 * as of the date (today in the city by default). {@code planKey} is the plan's business key,
 * {@code FY2019-plan-fy2019-community} ({@link Plan#businessKey()}); managers and administrators, like every
 * {@code /api/plans/**} path.
 */
@RestController
public class PlanChartController {

  private final YearPlans yearPlans;
  private final ProgressService progress;
  private final A3ScheduleSheet sheet;

  public PlanChartController(YearPlans yearPlans, ProgressService progress, ChartProperties properties) {
    this.yearPlans = yearPlans;
    this.progress = progress;
    this.sheet = new A3ScheduleSheet(properties.font());
  }

  /**
   * One of a year's plans, for the schedule view's download bar: its key, title, the A3 sheet's address and the
   * workbook's ({@code GET /api/plans/{planKey}/schedule.xlsx}).
   */
  public record PlanSheet(String planKey, String planId, String title, int fiscalYear, String chart, String workbook) {}

  /**
   * {@code GET /api/plans?fiscalYear=2019}: the plans imported into the year (usually one), each with the address of
   * its A3 sheet; append {@code ?asOf=YYYY-MM-DD} for a date other than today.
   */
  @GetMapping(path = "/api/plans", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<PlanSheet> plans(@RequestParam int fiscalYear) {
    return yearPlans.of(FiscalYear.requireSupported(fiscalYear)).stream()
        .sorted(Comparator.comparing(Plan::id))
        .map(plan -> new PlanSheet(plan.businessKey(), plan.id(), A3ScheduleSheet.title(plan), plan.fiscalYear(),
            "/api/plans/" + plan.businessKey() + "/chart.pdf", "/api/plans/" + plan.businessKey() + "/schedule.xlsx"))
        .toList();
  }

  @GetMapping(path = "/api/plans/{planKey}/chart.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  public ResponseEntity<byte[]> chart(@PathVariable String planKey, @RequestParam(required = false) String asOf) {
    LocalDate date = asOf == null || asOf.isBlank() ? CityTime.today(ClockUtil.getCurrentTime()) : day(asOf);
    Plan plan = find(planKey);
    Map<String, ProgressStatus> statuses = new HashMap<>();
    for (ProgressReport.InitiativeProgress item : progress.report(plan.fiscalYear(), date).initiatives()) {
      if (plan.initiative(item.initiativeId()).isPresent() && item.status() != null) {
        statuses.put(item.initiativeId(), item.status());
      }
    }
    byte[] pdf = sheet.render(plan, date, statuses);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(plan.fiscalYear() + "年度 主な取組スケジュール " + date + ".pdf", StandardCharsets.UTF_8)
            .build().toString())
        .body(pdf);
  }

  /**
   * {@code GET /api/plans/{planKey}/schedule.xlsx?asOf=YYYY-MM-DD}: the plan as the office's Excel workbook
   * ({@link PlanWorkbook}); with {@code asOf}, each item's status and each phase's actual days as of that date. Without
   * it, the plan alone: the workbook to edit and import again ({@code POST /api/plans}).
   */
  @GetMapping(path = "/api/plans/{planKey}/schedule.xlsx", produces = PlanDocuments.XLSX)
  public ResponseEntity<byte[]> workbook(@PathVariable String planKey, @RequestParam(required = false) String asOf) {
    Plan plan = find(planKey);
    PlanWorkbook.Actuals actuals = null;
    if (asOf != null && !asOf.isBlank()) {
      LocalDate date = day(asOf);
      Map<String, String> statuses = new HashMap<>();
      Map<String, Map<String, String>> actualPhases = new HashMap<>();
      for (ProgressReport.InitiativeProgress item : progress.report(plan.fiscalYear(), date).initiatives()) {
        if (plan.initiative(item.initiativeId()).isEmpty()) {
          continue;
        }
        if (item.status() != null) {
          statuses.put(item.initiativeId(), item.status().labelJa());
        }
        actualPhases.put(item.initiativeId(), item.actualPhases().stream().collect(Collectors.toMap(
            ProgressReport.Phase::key, ProgressReport.Phase::period, (a, b) -> a + "／" + b)));
      }
      actuals = new PlanWorkbook.Actuals(date, A3ScheduleSheet.asOfText(date), statuses, actualPhases);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(PlanDocuments.XLSX))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(plan.fiscalYear() + "年度 主な取組スケジュール" + (actuals == null ? "" : " " + actuals.asOf()) + ".xlsx",
                StandardCharsets.UTF_8)
            .build().toString())
        .body(PlanWorkbook.write(plan, actuals));
  }

  private static LocalDate day(String asOf) {
    try {
      return LocalDate.parse(asOf);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("asOf: 日付は YYYY-MM-DD で指定してください (asOf must be a date like 2019-07-09, got '"
          + asOf + "')");
    }
  }

  private Plan find(String planKey) {
    BusinessKey key = BusinessKey.parse(planKey).filter(k -> FiscalYear.isSupported(k.fiscalYear()))
        .orElseThrow(() -> notFound(planKey));
    return yearPlans.of(key.fiscalYear()).stream().filter(p -> p.businessKey().equals(planKey)).findFirst()
        .orElseThrow(() -> notFound(planKey));
  }

  private static ResponseStatusException notFound(String planKey) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "計画 '" + planKey
        + "' はありません。FY2019-plan-… の形で、取り込まれた計画を指定してください (no imported plan with this key)");
  }
}
