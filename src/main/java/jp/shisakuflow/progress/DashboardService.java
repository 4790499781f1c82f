package jp.shisakuflow.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shisakuflow.fiscalyear.YearPlans;
import jp.shisakuflow.initiative.BusinessKey;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeProcesses;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.plan.PlannedInitiative;
import jp.shisakuflow.progress.Dashboard.MilestoneMark;
import jp.shisakuflow.progress.Dashboard.PhaseDuration;
import jp.shisakuflow.progress.Dashboard.QuarterTrend;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The schedule view's data: progress, the plans' milestones and names, overdue tasks per group, time
 * spent per phase (median and 90th percentile, from the history) and the trend quarter by quarter.
 */
@Service
public class DashboardService {

  static final double MILLIS_PER_DAY = 86_400_000d;
  static final int SELECTABLE_PAST_YEARS = 7;
  static final int MAX_DELAYS_SHOWN = 200;

  private final ProgressService progress;
  private final YearPlans yearPlans;
  private final JdbcTemplate jdbc;
  private final HistoryService history;

  public DashboardService(ProgressService progress, YearPlans yearPlans, JdbcTemplate jdbc, HistoryService history) {
    this.progress = progress;
    this.yearPlans = yearPlans;
    this.jdbc = jdbc;
    this.history = history;
  }

  /** The year's dashboard; with a process instance, also that instance's delays ({@code null}: none asked). */
  public Dashboard dashboard(int fiscalYear, String processInstanceId) {
    LocalDate today = CityTime.today(ClockUtil.getCurrentTime());
    LocalDate end = FiscalYear.end(fiscalYear);
    LocalDate asOf = today.isAfter(end) ? end : today;
    List<MilestoneMark> milestones = new ArrayList<>();
    Map<String, String> workstreams = new LinkedHashMap<>();
    yearPlans.of(fiscalYear).forEach(plan -> {
      plan.workstreams().forEach(w -> workstreams.put(w.id(), w.name()));
      plan.milestones().forEach(m -> milestones.add(new MilestoneMark(m.id(), m.title(), m.kind().code(),
          m.kind().labelJa(), m.date().first(), m.date().last(), m.date().textJa(), m.date().isExact(),
          m.workstream(), m.ownerGroup(), m.about().stream()
              .map(id -> plan.initiative(id).map(PlannedInitiative::title).orElse(id)).toList())));
    });
    Map<String, String> groups = new LinkedHashMap<>();
    Arrays.stream(OrganizationGroup.values()).forEach(g -> groups.put(g.id(), g.nameJa()));
    List<String> wards = Arrays.stream(OrganizationGroup.values())
        .filter(g -> g.type() == OrganizationGroup.Type.WARD).map(OrganizationGroup::id).toList();
    Map<ProgressStatus, String> statusLabels = new LinkedHashMap<>();
    Arrays.stream(ProgressStatus.values()).forEach(status -> statusLabels.put(status, status.labelJa()));
    return new Dashboard(fiscalYear, asOf, FiscalYear.start(fiscalYear), end, progress.report(fiscalYear, asOf),
        workstreams, groups, wards, statusLabels, selectableYears(FiscalYear.containing(today)), milestones,
        new Dashboard.Figures(overdueTasksByGroup(), phaseDurations(fiscalYear), trend(fiscalYear, asOf)),
        processInstanceId == null ? List.of() : delaysOf(processInstanceId));
  }

  /** The years the view offers: next year, this year and the seven before it, as far as they are supported. */
  static List<Integer> selectableYears(int currentFiscalYear) {
    List<Integer> years = new ArrayList<>();
    for (int year = currentFiscalYear + 1; year >= currentFiscalYear - SELECTABLE_PAST_YEARS; year--) {
      if (FiscalYear.isSupported(year)) {
        years.add(year);
      }
    }
    return years;
  }

  /** The fiscal year of a year's instance (an initiative or a plan), read from its business key. */
  public Optional<Integer> fiscalYearOf(String processInstanceId) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    return Optional.ofNullable(instance).flatMap(i -> BusinessKey.parse(i.getBusinessKey()))
        .map(BusinessKey::fiscalYear);
  }

  /** The instance's escalation tasks (a phase's or a step's delay), oldest first. */
  List<Dashboard.Delay> delaysOf(String processInstanceId) {
    return history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
        .taskDefinitionKeyIn(InitiativeLifecycle.Element.TASK_HANDLE_DELAY, InitiativeSteps.Element.TASK_HANDLE_DELAY)
        .orderByHistoricActivityInstanceStartTime().asc().listPage(0, MAX_DELAYS_SHOWN).stream()
        .map(task -> new Dashboard.Delay(task.getName(), CityTime.today(task.getStartTime()),
            task.getEndTime() == null ? null : CityTime.today(task.getEndTime())))
        .toList();
  }

  /** Open tasks past their due date, per candidate group: one query. */
  Map<String, Long> overdueTasksByGroup() {
    Map<String, Long> overdue = new LinkedHashMap<>();
    jdbc.queryForList("SELECT I.GROUP_ID_ AS G, COUNT(*) AS N FROM ACT_RU_TASK T JOIN ACT_RU_IDENTITYLINK I"
            + " ON I.TASK_ID_ = T.ID_ WHERE I.TYPE_ = 'candidate' AND I.GROUP_ID_ IS NOT NULL AND T.DUE_DATE_ < ?"
            + " GROUP BY I.GROUP_ID_ ORDER BY I.GROUP_ID_", ClockUtil.getCurrentTime())
        .forEach(row -> overdue.put((String) row.get("G"), ((Number) row.get("N")).longValue()));
    return overdue;
  }

  /** Finished phase tasks of the year's initiatives, their durations by task: one query. */
  List<PhaseDuration> phaseDurations(int fiscalYear) {
    Map<String, List<Double>> days = new LinkedHashMap<>();
    jdbc.queryForList("SELECT A.ACT_ID_ AS ACT, A.DURATION_ AS D FROM ACT_HI_ACTINST A JOIN ACT_HI_PROCINST P"
            + " ON A.PROC_INST_ID_ = P.PROC_INST_ID_ WHERE P.BUSINESS_KEY_ LIKE ? AND P.PROC_DEF_KEY_ IN (" + InitiativeProcesses.sqlList() + ")"
            + " AND A.ACT_TYPE_ = 'userTask' AND A.END_TIME_ IS NOT NULL AND A.DURATION_ IS NOT NULL",
            BusinessKey.likeInYear(fiscalYear))
        .forEach(row -> days.computeIfAbsent((String) row.get("ACT"), k -> new ArrayList<>())
            .add(((Number) row.get("D")).doubleValue() / MILLIS_PER_DAY));
    List<PhaseDuration> durations = new ArrayList<>();
    days.forEach((activity, values) -> {
      if (!ProgressCalculator.isPhaseTask(activity)) {
        return;
      }
      values.sort(Double::compare);
      durations.add(new PhaseDuration(activity, phaseName(activity), values.size(), percentile(values, 0.5),
          percentile(values, 0.9)));
    });
    return durations;
  }

  /** Counts by status at each quarter's end so far. */
  List<QuarterTrend> trend(int fiscalYear, LocalDate asOf) {
    List<QuarterTrend> trend = new ArrayList<>();
    for (int quarter = 1; quarter <= 4; quarter++) {
      LocalDate quarterEnd = CityTime.quarterEnd(fiscalYear, quarter);
      LocalDate date = quarterEnd.isAfter(asOf) ? asOf : quarterEnd;
      Map<ProgressStatus, Integer> counts = new HashMap<>();
      progress.report(fiscalYear, date).initiatives().forEach(i -> counts.merge(i.status(), 1, Integer::sum));
      trend.add(new QuarterTrend(quarter, date, counts.getOrDefault(ProgressStatus.ON_SCHEDULE, 0),
          counts.getOrDefault(ProgressStatus.AHEAD, 0), counts.getOrDefault(ProgressStatus.DELAYED, 0),
          counts.getOrDefault(ProgressStatus.COMPLETED, 0)));
      if (!quarterEnd.isBefore(asOf)) {
        break;
      }
    }
    return trend;
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(List<Double> sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.size());
    return Math.round(sorted.get(Math.max(0, rank - 1)) * 10) / 10.0;
  }

  static String phaseName(String activity) {
    if (activity.equals(InitiativeSteps.Element.TASK_STEP)) {
      return "計画の段階";
    }
    if (activity.equals(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR)) {
      return InitiativeLifecycle.DECISION_NAME;
    }
    return Stage.ofTask(activity).map(Stage::labelJa).orElse(activity);
  }
}
