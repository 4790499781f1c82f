package jp.shisakuflow.progress;

import java.time.LocalDate;
import java.util.Optional;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/progress?fiscalYear=&asOf=}: plan against actual; both default to today. */
@RestController
public class ProgressController {

  private final ProgressService progress;
  private final DashboardService dashboards;

  public ProgressController(ProgressService progress, DashboardService dashboards) {
    this.progress = progress;
    this.dashboards = dashboards;
  }

  /**
   * {@code GET /api/progress/dashboard?fiscalYear=&processInstanceId=&workstream=&ownerGroup=&ward=&status=}:
   * progress, milestones and figures for Cockpit, limited by the filters given; without a year, the instance's
   * fiscal year, else the current one.
   */
  @GetMapping("/api/progress/dashboard")
  public Dashboard dashboard(@RequestParam(required = false) Integer fiscalYear,
      @RequestParam(required = false) String processInstanceId,
      @RequestParam(required = false) String workstream, @RequestParam(required = false) String ownerGroup,
      @RequestParam(required = false) String ward, @RequestParam(required = false) ProgressStatus status) {
    int year = fiscalYear != null ? fiscalYear
        : Optional.ofNullable(processInstanceId).flatMap(dashboards::fiscalYearOf)
            .orElseGet(() -> FiscalYear.containing(CityTime.today(ClockUtil.getCurrentTime())));
    return dashboards.dashboard(FiscalYear.requireSupported(year), processInstanceId,
        new Dashboard.Filter(workstream, ownerGroup, ward, status));
  }

  /**
   * The year's initiatives; with {@code page} (from 0) or {@code size} (1 to {@value ProgressService#MAX_PAGE_SIZE},
   * default 50), one page of them in the same order, with {@code page}, {@code size} and {@code total}.
   */
  @GetMapping("/api/progress")
  public Object progress(@RequestParam(required = false) Integer fiscalYear,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    LocalDate date = asOf != null ? asOf : CityTime.today(ClockUtil.getCurrentTime());
    int year = FiscalYear.requireSupported(fiscalYear != null ? fiscalYear : FiscalYear.containing(date));
    if (page == null && size == null) {
      return progress.report(year, date);
    }
    return progress.page(year, date, page == null ? 0 : page, size == null ? DEFAULT_PAGE_SIZE : size);
  }

  /** {@code GET /api/progress/summary?fiscalYear=&asOf=}: the year's counts by status, workstream and owner group. */
  @GetMapping("/api/progress/summary")
  public ProgressSummary summary(@RequestParam(required = false) Integer fiscalYear,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
    LocalDate date = asOf != null ? asOf : CityTime.today(ClockUtil.getCurrentTime());
    int year = FiscalYear.requireSupported(fiscalYear != null ? fiscalYear : FiscalYear.containing(date));
    return progress.summary(year, date);
  }

  static final int DEFAULT_PAGE_SIZE = 50;
}
