package jp.shisakuflow.report;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.fiscalyear.YearPlans;
import jp.shisakuflow.initiative.BusinessKey;
import jp.shisakuflow.initiative.InitiativeProcesses;
import jp.shisakuflow.progress.ProgressService;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import jp.shisakuflow.security.CityCondition;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The quarterly report's data: progress at the quarter's end (or today, for the quarter under way),
 * the workstreams' names from the year's plans, and each initiative's latest comment — in a fixed
 * number of queries.
 */
@Service
public class QuarterlyReportService {

  private final ProgressService progress;
  private final ManagementService managementService;
  private final YearPlans yearPlans;
  private final JdbcTemplate jdbc;
  private final IdentityService identityService;

  public QuarterlyReportService(ProgressService progress, ManagementService managementService, YearPlans yearPlans,
      JdbcTemplate jdbc, IdentityService identityService) {
    this.identityService = identityService;
    this.progress = progress;
    this.managementService = managementService;
    this.yearPlans = yearPlans;
    this.jdbc = jdbc;
  }

  public QuarterlyReport report(int fiscalYear, int quarter) {
    if (quarter < 1 || quarter > 4) {
      throw new IllegalArgumentException("quarter: 1〜4 を指定してください (must be 1-4, got " + quarter + ")");
    }
    FiscalYear.requireSupported(fiscalYear);
    LocalDate quarterEnd = CityTime.quarterEnd(fiscalYear, quarter);
    LocalDate today = CityTime.today(ClockUtil.getCurrentTime());
    LocalDate asOf = quarterEnd.isBefore(today) ? quarterEnd : today;
    return new QuarterlyReport(fiscalYear, quarter, asOf, progress.report(fiscalYear, asOf),
        yearPlans.workstreamNames(fiscalYear), latestComments(fiscalYear));
  }

  /** The newest comment of each initiative of the year, by process instance id, in one query. */
  Map<String, String> latestComments(int fiscalYear) {
    String procinst = managementService.getTableName(HistoricProcessInstance.class);
    CityCondition cities = CityCondition.on(identityService, "P.TENANT_ID_");
    List<Map<String, Object>> rows = jdbc.queryForList(
        "SELECT C.PROC_INST_ID_ AS ID, C.MESSAGE_ AS MSG, C.TIME_ AS T FROM ACT_HI_COMMENT C JOIN " + procinst
            + " P ON C.PROC_INST_ID_ = P.PROC_INST_ID_ WHERE P.BUSINESS_KEY_ LIKE ? AND P.PROC_DEF_KEY_ IN ("
            + InitiativeProcesses.sqlList() + ")" + cities.sql() + " ORDER BY C.TIME_ ASC",
        cities.around(List.of(BusinessKey.likeInYear(fiscalYear)), List.of()));
    Map<String, String> latest = new HashMap<>();
    rows.forEach(row -> latest.put((String) row.get("ID"), (String) row.get("MSG")));
    return latest;
  }
}
