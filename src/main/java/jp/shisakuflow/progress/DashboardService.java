package jp.shisakuflow.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import jp.shisakuflow.security.CityCondition;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
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
  private final IdentityService identityService;

  public DashboardService(ProgressService progress, YearPlans yearPlans, JdbcTemplate jdbc, HistoryService history,
      IdentityService identityService) {
    this.identityService = identityService;
    this.progress = progress;
    this.yearPlans = yearPlans;
    this.jdbc = jdbc;
    this.history = history;
  }

  /** The year's dashboard; with a process instance, also that instance's delays ({@code null}: none asked). */
  public Dashboard dashboard(int fiscalYear, String processInstanceId) {
    return dashboard(fiscalYear, processInstanceId, Dashboard.Filter.NONE);
  }

  /**
   * The year's dashboard as the filter limits it: its initiatives, the milestones of their workstreams and leads
   * (with a status chosen, those of the workstreams that still have initiatives), the counts and the figures of
   * those initiatives alone; the filters' options from the whole year.
   */
  public Dashboard dashboard(int fiscalYear, String processInstanceId, Dashboard.Filter filter) {
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
    // The year today and at each quarter's end so far (the trend), from one read of the progress model.
    Map<LocalDate, ProgressReport> reports = progress.reports(fiscalYear, trendDates(fiscalYear, asOf, asOf));
    ProgressReport year = reports.get(asOf);
    if (year.initiatives().stream().anyMatch(i -> ProgressReport.NO_WORKSTREAM.equals(i.workstream()))) {
      workstreams.put(ProgressReport.NO_WORKSTREAM, ProgressReport.NO_WORKSTREAM_LABEL);
    }
    Dashboard.FilterOptions options = filterOptions(year, milestones, workstreams, groups, wards);
    boolean planned = !workstreams.isEmpty() || !milestones.isEmpty() || !year.initiatives().isEmpty();
    if (filter.isNone()) {
      return new Dashboard(fiscalYear, asOf, FiscalYear.start(fiscalYear), end, year,
          workstreams, groups, wards, statusLabels, selectableYears(FiscalYear.containing(today)), milestones,
          new Dashboard.Figures(overdueTasksByGroup(null), phaseDurations(fiscalYear, null),
              trend(fiscalYear, asOf, filter, reports)),
          processInstanceId == null ? List.of() : delaysOf(processInstanceId), filter, options, planned);
    }
    List<InitiativeProgress> initiatives = year.initiatives().stream().filter(filter::admits).toList();
    Set<String> withInitiatives = initiatives.stream().map(InitiativeProgress::workstream).collect(Collectors.toSet());
    List<MilestoneMark> shown = milestones.stream().filter(filter::admits)
        .filter(m -> filter.status() == null || withInitiatives.contains(m.workstream())).toList();
    List<String> instances = initiatives.stream().map(InitiativeProgress::processInstanceId).toList();
    ProgressReport filtered = new ProgressReport(fiscalYear, asOf, initiatives,
        ProgressCalculator.summarize(initiatives, InitiativeProgress::workstream),
        ProgressCalculator.summarize(initiatives, InitiativeProgress::ownerGroup));
    return new Dashboard(fiscalYear, asOf, FiscalYear.start(fiscalYear), end, filtered,
        workstreams, groups, wards, statusLabels, selectableYears(FiscalYear.containing(today)), shown,
        new Dashboard.Figures(overdueTasksByGroup(instances), phaseDurations(fiscalYear, instances),
            trend(fiscalYear, asOf, filter, reports)),
        processInstanceId == null ? List.of() : delaysOf(processInstanceId), filter, options, planned);
  }

  /**
   * What the filters offer: the workstreams that have initiatives or milestones (in the plan's order), the groups
   * that lead or share an initiative or lead a milestone, the wards an initiative runs in or a milestone is led by,
   * and the statuses that occur.
   */
  static Dashboard.FilterOptions filterOptions(ProgressReport year, List<MilestoneMark> milestones,
      Map<String, String> workstreamNames, Map<String, String> groupNames, List<String> wards) {
    Set<String> usedWorkstreams = new java.util.HashSet<>();
    Set<String> usedGroups = new java.util.HashSet<>();
    year.initiatives().forEach(i -> {
      usedWorkstreams.add(i.workstream());
      usedGroups.add(i.ownerGroup());
      if (i.owners() != null) {
        usedGroups.addAll(i.owners().coOwners());
        usedGroups.addAll(i.owners().wards());
      }
    });
    milestones.forEach(m -> {
      usedWorkstreams.add(m.workstream());
      usedGroups.add(m.ownerGroup());
    });
    List<String> workstreamOrder = new ArrayList<>(workstreamNames.keySet());
    usedWorkstreams.stream().filter(w -> w != null && !workstreamNames.containsKey(w)).sorted()
        .forEach(workstreamOrder::add);
    List<Dashboard.Option> workstreamOptions = workstreamOrder.stream().filter(usedWorkstreams::contains)
        .map(w -> new Dashboard.Option(w, workstreamNames.getOrDefault(w, w))).toList();
    List<Dashboard.Option> groupOptions = groupNames.keySet().stream()
        .filter(g -> usedGroups.contains(g) && !wards.contains(g))
        .map(g -> new Dashboard.Option(g, groupNames.get(g))).toList();
    List<Dashboard.Option> wardOptions = wards.stream().filter(usedGroups::contains)
        .map(g -> new Dashboard.Option(g, groupNames.get(g))).toList();
    Set<ProgressStatus> statuses = year.initiatives().stream().map(InitiativeProgress::status)
        .collect(Collectors.toSet());
    List<Dashboard.Option> statusOptions = Arrays.stream(ProgressStatus.values()).filter(statuses::contains)
        .map(s -> new Dashboard.Option(s.name(), s.labelJa())).toList();
    return new Dashboard.FilterOptions(workstreamOptions, groupOptions, wardOptions, statusOptions);
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

  /** Open tasks past their due date, per candidate group: one query; {@code instances} (null: all) limit them. */
  Map<String, Long> overdueTasksByGroup(List<String> instances) {
    Map<String, Long> overdue = new LinkedHashMap<>();
    if (instances != null && instances.isEmpty()) {
      return overdue;
    }
    CityCondition cities = CityCondition.on(identityService, "T.TENANT_ID_");
    jdbc.queryForList("SELECT I.GROUP_ID_ AS G, COUNT(*) AS N FROM ACT_RU_TASK T JOIN ACT_RU_IDENTITYLINK I"
            + " ON I.TASK_ID_ = T.ID_ WHERE I.TYPE_ = 'candidate' AND I.GROUP_ID_ IS NOT NULL AND T.DUE_DATE_ < ?"
            + cities.sql() + inInstances("T.PROC_INST_ID_", instances)
            + " GROUP BY I.GROUP_ID_ ORDER BY I.GROUP_ID_", cities.around(List.of(ClockUtil.getCurrentTime()),
                instances == null ? List.of() : instances))
        .forEach(row -> overdue.put((String) row.get("G"), ((Number) row.get("N")).longValue()));
    return overdue;
  }

  /** {@code AND column IN (?, …)} for the instances given; nothing for null (all). */
  private static String inInstances(String column, List<String> instances) {
    return instances == null ? ""
        : " AND " + column + " IN (" + String.join(", ", java.util.Collections.nCopies(instances.size(), "?")) + ")";
  }

  /** Finished phase tasks of the year's initiatives ({@code instances}, null: all), their durations by task: one query. */
  List<PhaseDuration> phaseDurations(int fiscalYear, List<String> instances) {
    Map<String, List<Double>> days = new LinkedHashMap<>();
    if (instances != null && instances.isEmpty()) {
      return List.of();
    }
    CityCondition cities = CityCondition.on(identityService, "P.TENANT_ID_");
    jdbc.queryForList("SELECT A.ACT_ID_ AS ACT, A.DURATION_ AS D FROM ACT_HI_ACTINST A JOIN ACT_HI_PROCINST P"
            + " ON A.PROC_INST_ID_ = P.PROC_INST_ID_ WHERE P.BUSINESS_KEY_ LIKE ? AND P.PROC_DEF_KEY_ IN ("
            + InitiativeProcesses.sqlList() + ")" + cities.sql()
            + " AND A.ACT_TYPE_ = 'userTask' AND A.END_TIME_ IS NOT NULL AND A.DURATION_ IS NOT NULL"
            + inInstances("A.PROC_INST_ID_", instances), cities.around(List.of(BusinessKey.likeInYear(fiscalYear)),
                instances == null ? List.of() : instances))
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

  /** Counts by status at each quarter's end so far, of the initiatives the filter admits on that day. */
  List<QuarterTrend> trend(int fiscalYear, LocalDate asOf, Dashboard.Filter filter) {
    List<LocalDate> dates = trendDates(fiscalYear, asOf, null);
    return trend(fiscalYear, asOf, filter, progress.reports(fiscalYear, dates));
  }

  private List<QuarterTrend> trend(int fiscalYear, LocalDate asOf, Dashboard.Filter filter,
      Map<LocalDate, ProgressReport> reports) {
    List<QuarterTrend> trend = new ArrayList<>();
    List<LocalDate> dates = trendDates(fiscalYear, asOf, null);
    for (int quarter = 1; quarter <= dates.size(); quarter++) {
      LocalDate date = dates.get(quarter - 1);
      Map<ProgressStatus, Integer> counts = new HashMap<>();
      reports.get(date).initiatives().stream().filter(filter::admits)
          .forEach(i -> counts.merge(i.status(), 1, Integer::sum));
      trend.add(new QuarterTrend(quarter, date, counts.getOrDefault(ProgressStatus.ON_SCHEDULE, 0),
          counts.getOrDefault(ProgressStatus.AHEAD, 0), counts.getOrDefault(ProgressStatus.DELAYED, 0),
          counts.getOrDefault(ProgressStatus.COMPLETED, 0)));
    }
    return trend;
  }

  /** The trend's days: each quarter's end up to the one under way (that one: {@code asOf}); first {@code also}. */
  private static List<LocalDate> trendDates(int fiscalYear, LocalDate asOf, LocalDate also) {
    List<LocalDate> dates = new ArrayList<>();
    if (also != null) {
      dates.add(also);
    }
    for (int quarter = 1; quarter <= 4; quarter++) {
      LocalDate quarterEnd = CityTime.quarterEnd(fiscalYear, quarter);
      dates.add(quarterEnd.isAfter(asOf) ? asOf : quarterEnd);
      if (!quarterEnd.isBefore(asOf)) {
        break;
      }
    }
    return also == null ? dates : List.copyOf(new java.util.LinkedHashSet<>(dates));
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
