package jp.shisakuflow.progress.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.fiscalyear.StandalonePlanServices;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeRevision;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.PhasePlanCodec;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.initiative.VerificationRating;
import jp.shisakuflow.progress.ProgressCalculator;
import jp.shisakuflow.progress.ProgressPage;
import jp.shisakuflow.progress.ProgressReport;
import jp.shisakuflow.progress.ProgressSummary;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import jp.shisakuflow.progress.ProgressService;
import jp.shisakuflow.support.LinkedPlan;
import jp.shisakuflow.support.StatementCounter;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read model against the history-derived answer (the reference): random lifecycles of two years — tasks completed
 * with random outcomes (re-coordinations among them), delays (overdue timers run), plan revisions, instances deleted,
 * historic instances deleted, a history cleanup — then every initiative compared field by field on several dates;
 * and the model rebuilt from the history equal to the one written as the engine ran. Run on H2
 * ({@link ProgressModelCheckTest}) and PostgreSQL ({@link ProgressModelPostgresCheckTest}).
 */
final class ProgressModelCheck {

  static final int YEAR = 2089;
  static final int PLAN_YEAR = 2090;
  private static final Logger LOG = LoggerFactory.getLogger(ProgressModelCheck.class);

  final ProgressService progress;
  final PlanImportService plans;
  final InitiativeLifecycleService initiatives;
  final InitiativeRevision revision;
  final RuntimeService runtimeService;
  final TaskService taskService;
  final HistoryService historyService;
  final ManagementService managementService;
  final IdentityService identityService;
  final ProcessEngine engine;
  final JdbcTemplate jdbc;

  ProgressModelCheck(ApplicationContext app) {
    progress = app.getBean(ProgressService.class);
    plans = app.getBean(PlanImportService.class);
    initiatives = app.getBean(InitiativeLifecycleService.class);
    revision = app.getBean(InitiativeRevision.class);
    runtimeService = app.getBean(RuntimeService.class);
    taskService = app.getBean(TaskService.class);
    historyService = app.getBean(HistoryService.class);
    managementService = app.getBean(ManagementService.class);
    identityService = app.getBean(IdentityService.class);
    engine = app.getBean(ProcessEngine.class);
    jdbc = app.getBean(JdbcTemplate.class);
  }

  /** The whole check with this seed; the clock reset after. */
  void run(long seed) {
    try {
      check(seed);
    } finally {
      ClockUtil.reset();
    }
  }

  private void check(long seed) {
    LOG.info("ProgressModelCheck seed {} (rerun with -Dprogress.check.seed={})", seed, seed);
    Random random = new Random(seed);
    LinkedPlan.importInto(plans, identityService, YEAR);
    at(LocalDate.of(PLAN_YEAR, 4, 1));
    plans.importPlan("fy2019-community.yaml", StandalonePlanServices.seedYaml(), PLAN_YEAR);
    Map<String, Integer> actions = new TreeMap<>();
    for (int year : List.of(YEAR, PLAN_YEAR)) {
      LocalDate day = LocalDate.of(year, 4, 1);
      for (int i = 0; i < 8; i++) {
        at(day);
        initiatives.startIfAbsent(randomStart(random, year, "check-" + i));
      }
      // Before any random act: the linked plan's follower waits for its predecessor, so every seed compares waiting.
      compare(year, random);
      while (day.isBefore(FiscalYear.end(year))) {
        day = day.plusDays(1 + random.nextInt(12));
        at(day);
        actions.merge(act(random, year), 1, Integer::sum);
        if (random.nextInt(6) == 0) {
          compare(year, random);
        }
      }
    }
    LOG.info("ProgressModelCheck seed {}: actions {}", seed, actions);
    cleanUpHistoryOfSome(random);
    ClockUtil.reset();
    for (int year : List.of(YEAR, PLAN_YEAR)) {
      compare(year, random);
    }

    // The status intervals the reads keep (computed lazily for rows behind) are part of what a rebuild must give.
    for (int year : List.of(YEAR, PLAN_YEAR)) {
      progress.summary(year, CityTime.today(ClockUtil.getCurrentTime()));
    }
    Map<String, Map<String, Object>> live = modelRows();
    int rebuilt = ProgressModelRebuild.rebuild(engine);
    assertThat(rebuilt).isPositive();
    assertThat(modelRows()).as("the model rebuilt from the history is the one the engine wrote (seed %d)", seed)
        .isEqualTo(live);
    for (int year : List.of(YEAR, PLAN_YEAR)) {
      compare(year, random);
    }
    assertThat(seen).as("the check compared delays, completions and waiting, not only quiet rows (seed %d)", seed)
        .contains("delayFlagged", "COMPLETED", "DELAYED", "ON_SCHEDULE", "waiting", "history", "behind", "kept");

    // Rows whose intervals are too many to keep (none kept, STATUS_0_ null): computed by each read, never rewritten.
    jdbc.update("UPDATE " + ProgressModel.TABLE + " SET " + String.join(" = NULL, ", ProgressModel.STATUS_COLUMNS)
        + " = NULL WHERE " + ProgressModel.FISCAL_YEAR + " IN (?, ?)", YEAR, PLAN_YEAR);
    for (int year : List.of(YEAR, PLAN_YEAR)) {
      compare(year, random);
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + ProgressModel.TABLE + " WHERE " + ProgressModel.FISCAL_YEAR
        + " IN (?, ?) AND " + ProgressModel.STATUS_COLUMNS.get(0) + " IS NOT NULL", Integer.class, YEAR, PLAN_YEAR))
        .as("rows without kept intervals stay so (a read does not write them)").isZero();

    // A table of the version before the status intervals (and on H2 before the order's columns): upgraded (the columns
    // added), its rows computed lazily, its pages in order again.
    boolean h2 = "h2".equals(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration()).getDatabaseType());
    java.util.Set<String> dropped = new java.util.LinkedHashSet<>(ProgressModel.ADDED_COLUMNS.keySet());
    if (h2) {
      jdbc.execute("DROP INDEX " + ProgressModel.ORDER_INDEX);
      dropped.addAll(ProgressModel.H2_ORDER_COLUMNS.keySet());
    }
    dropped.forEach(column -> jdbc.execute("ALTER TABLE " + ProgressModel.TABLE + " DROP COLUMN " + column));
    ProgressModelPlugin.upgrade(jdbc, h2);
    assertThat(behind()).as("an upgraded table's rows have no status yet").isPositive();
    for (int year : List.of(YEAR, PLAN_YEAR)) {
      compare(year, random);
    }
    assertThat(behind()).as("the reads kept every row's status").isZero();
  }

  /** The initiatives' rows of the two years whose status intervals are not those of the row as it is. */
  private int behind() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + ProgressModel.TABLE + " WHERE " + ProgressModel.FISCAL_YEAR
        + " IN (?, ?) AND " + ProgressModel.PROCESS_KEY + " <> ? AND (" + ProgressModel.STATUS_VERSION + " IS NULL OR "
        + ProgressModel.STATUS_VERSION + " <> " + ProgressModel.VERSION + ")", Integer.class, YEAR, PLAN_YEAR,
        jp.shisakuflow.fiscalyear.FiscalYearPlan.PROCESS_KEY);
  }

  /** What the comparisons met: statuses, flags, waiting and phase history. */
  private final java.util.Set<String> seen = new java.util.HashSet<>();

  /** One random act of people, timers or administrators on the year's instances; its name. */
  private String act(Random random, int year) {
    List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyLike("FY" + year + "-%").list().stream()
        .filter(i -> !i.getProcessDefinitionKey().equals(jp.shisakuflow.fiscalyear.FiscalYearPlan.PROCESS_KEY))
        .toList();
    List<HistoricProcessInstance> running = instances.stream().filter(i -> i.getEndTime() == null).toList();
    int choice = random.nextInt(100);
    if (choice < 50 && !running.isEmpty()) {
      HistoricProcessInstance instance = running.get(random.nextInt(running.size()));
      List<Task> tasks = taskService.createTaskQuery().processInstanceId(instance.getId()).list();
      if (!tasks.isEmpty()) {
        Task task = tasks.get(random.nextInt(tasks.size()));
        try {
          taskService.complete(task.getId(), completion(random, task.getTaskDefinitionKey()));
          return "complete " + task.getTaskDefinitionKey();
        } catch (RuntimeException e) {
          return "refused " + task.getTaskDefinitionKey();
        }
      }
      return "no task";
    }
    if (choice < 70) {
      int executed = 0;
      for (Job job : managementService.createJobQuery().executable().list()) {
        if (running.stream().anyMatch(i -> i.getId().equals(job.getProcessInstanceId()))) {
          try {
            managementService.executeJob(job.getId());
            executed++;
          } catch (RuntimeException e) {
            LOG.debug("job {} failed: {}", job.getId(), e.getMessage());
          }
        }
      }
      return executed > 0 ? "timers" : "no timer";
    }
    if (choice < 82 && !running.isEmpty()) {
      HistoricProcessInstance instance = running.get(random.nextInt(running.size()));
      List<PlannedPhase> phases = PhasePlanCodec.read(runtimeService.getVariable(instance.getId(),
          InitiativeLifecycle.Var.PHASE_PLAN));
      if (phases.isEmpty()) {
        return "no plan to revise";
      }
      int shift = random.nextInt(60) - 20;
      List<PlannedPhase> revised = phases.stream().map(p -> new PlannedPhase(p.key(), p.stage(), p.name(),
          clamp(p.startDay().plusDays(shift), year), clamp(p.endDay().plusDays(shift), year))).toList();
      revision.revise(instance.getId(), revised, "admin");
      return "revise";
    }
    if (choice < 88) {
      initiatives.startIfAbsent(randomStart(random, year, "late-" + random.nextInt(1000)));
      return "start";
    }
    if (choice < 94 && !running.isEmpty()) {
      runtimeService.deleteProcessInstance(running.get(random.nextInt(running.size())).getId(), "確認テストの削除");
      return "delete instance";
    }
    List<HistoricProcessInstance> ended = instances.stream().filter(i -> i.getEndTime() != null).toList();
    if (!ended.isEmpty()) {
      historyService.deleteHistoricProcessInstance(ended.get(random.nextInt(ended.size())).getId());
      return "delete history";
    }
    return "nothing";
  }

  private static LocalDate clamp(LocalDate day, int year) {
    LocalDate start = FiscalYear.start(year);
    LocalDate end = FiscalYear.end(year);
    return day.isBefore(start) ? start : day.isAfter(end) ? end : day;
  }

  /** Valid input for the task (TaskCompletionRules): random ratings, re-coordinations and outcomes. */
  static Map<String, Object> completion(Random random, String taskKey) {
    Map<String, Object> variables = new HashMap<>();
    switch (taskKey) {
      case InitiativeLifecycle.Element.TASK_VERIFY -> {
        VerificationRating rating = VerificationRating.values()[random.nextInt(VerificationRating.values().length)];
        variables.put(InitiativeLifecycle.Var.VERIFICATION_RATING, rating.code());
        variables.put(InitiativeLifecycle.Var.ACHIEVEMENT_RATE, random.nextInt(120));
        variables.put(InitiativeLifecycle.Var.RECOORDINATE,
            rating == VerificationRating.NEEDS_IMPROVEMENT && random.nextBoolean());
      }
      case InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR -> {
        variables.put(InitiativeLifecycle.Var.DECIDED_OUTCOME,
            Outcome.values()[random.nextInt(Outcome.values().length)].code());
        variables.put(InitiativeLifecycle.Var.DECISION_REASON, "確認テストの判断");
      }
      default -> { }
    }
    return variables;
  }

  /** An unplanned initiative of the year with random canonical phases (some without any). */
  static InitiativeStart randomStart(Random random, int year, String id) {
    List<PlannedPhase> phases = new ArrayList<>();
    if (random.nextInt(4) > 0) {
      LocalDate from = FiscalYear.start(year).plusDays(random.nextInt(30));
      for (Stage stage : List.of(Stage.COORDINATE, Stage.IMPLEMENT_MODEL, Stage.VERIFY)) {
        LocalDate to = clamp(from.plusDays(20 + random.nextInt(90)), year);
        phases.add(new PlannedPhase(stage.code(), stage, stage.labelJa(), from, to));
        from = clamp(to.plusDays(1), year);
      }
    }
    String[] groups = {"communityPromotion", "wardTakatsu", "wardTama"};
    return new InitiativeStart(id, "確認の施策 " + id, random.nextBoolean() ? "hiroba" : "council",
        groups[random.nextInt(groups.length)], year, phases, Outcome.CONTINUE, Outcome.CONTINUE.labelJa(), null, null);
  }

  /** The model's answer and the history's on a few dates of the year: the same rows, field by field. */
  private void compare(int year, Random random) {
    List<LocalDate> days = new ArrayList<>(List.of(FiscalYear.start(year), FiscalYear.end(year),
        CityTime.today(ClockUtil.getCurrentTime())));
    days.add(FiscalYear.start(year).plusDays(random.nextInt(365)));
    for (LocalDate day : days) {
      seen.add(behind() > 0 ? "behind" : "kept");
      ProgressReport history = progress.fromHistory(year, day);
      // The summary's GROUP BY (and the rows it computes where their status is behind) against the full answer's.
      assertThat(progress.summary(year, day)).as("%d on %s: the summary", year, day).isEqualTo(new ProgressSummary(
          year, day, ProgressCalculator.summarize(history.initiatives(), p -> "").stream().findFirst()
              .orElse(new ProgressReport.Summary("", 0, 0, 0, 0, 0)), history.byWorkstream(), history.byOwnerGroup()));
      // Pages of several sizes, the last one partial where the size does not divide the year: the full answer.
      for (int size : List.of(1, 4, 7, ProgressService.MAX_PAGE_SIZE)) {
        List<InitiativeProgress> paged = new ArrayList<>();
        for (int page = 0; ; page++) {
          ProgressPage answer = progress.page(year, day, page, size);
          assertThat(answer.total()).as("%d on %s, size %d: total", year, day, size)
              .isEqualTo(history.initiatives().size());
          assertThat(answer.byWorkstream()).isEqualTo(history.byWorkstream());
          assertThat(answer.byOwnerGroup()).isEqualTo(history.byOwnerGroup());
          if (answer.initiatives().isEmpty()) {
            break;
          }
          assertThat(answer.initiatives()).hasSizeLessThanOrEqualTo(size);
          paged.addAll(answer.initiatives());
        }
        for (int i = 0; i < Math.max(paged.size(), history.initiatives().size()); i++) {
          assertThat(i < paged.size() ? paged.get(i) : null).as("%d on %s, pages of %d, row %d", year, day, size, i)
              .usingRecursiveComparison().isEqualTo(i < history.initiatives().size() ? history.initiatives().get(i)
                  : null);
        }
        assertThat(paged).isEqualTo(history.initiatives());
      }
      ProgressReport model = progress.report(year, day);
      assertThat(model.initiatives()).as("%d on %s: the same initiatives", year, day)
          .extracting(InitiativeProgress::processInstanceId)
          .containsExactlyElementsOf(history.initiatives().stream().map(InitiativeProgress::processInstanceId)
              .toList());
      for (int i = 0; i < model.initiatives().size(); i++) {
        assertThat(model.initiatives().get(i)).as("%d on %s, row %d", year, day, i)
            .usingRecursiveComparison().isEqualTo(history.initiatives().get(i));
      }
      assertThat(model).as("%d on %s: the whole answer", year, day).isEqualTo(history);
      model.initiatives().forEach(p -> {
        seen.add(p.status().name());
        if (p.delayFlagged()) {
          seen.add("delayFlagged");
        }
        if (!p.waitingFor().isEmpty()) {
          seen.add("waiting");
        }
        if (!p.actualPhases().isEmpty()) {
          seen.add("history");
        }
      });
    }
  }

  /** Some ended instances get a removal time long past; the engine's history cleanup then removes them. */
  private void cleanUpHistoryOfSome(Random random) {
    List<String> ended = historyService.createHistoricProcessInstanceQuery().finished()
        .processInstanceBusinessKeyLike("FY" + YEAR + "-%").list().stream().map(HistoricProcessInstance::getId)
        .filter(id -> random.nextBoolean()).toList();
    if (ended.isEmpty()) {
      LOG.info("no ended instance to clean up");
      return;
    }
    LocalDate past = LocalDate.of(1990, 1, 1);
    Batch batch = historyService.setRemovalTimeToHistoricProcessInstances()
        .absoluteRemovalTime(Date.from(past.atStartOfDay(CityTime.ZONE).toInstant())).byIds(ended.toArray(String[]::new))
        .executeAsync();
    runBatch(batch);
    // "Now" for the cleanup before any other test's removal time (their instances end in supported years).
    at(LocalDate.of(1999, 1, 1));
    String job = historyService.cleanUpHistoryAsync(true).getId();
    managementService.executeJob(job);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(ended))
        .count()).as("cleaned up").isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + ProgressModel.TABLE + " WHERE " + ProgressModel.ID
        + " = ?", Integer.class, ended.get(0))).as("its model row went with its history").isZero();
    LOG.info("history cleanup removed {} instances", ended.size());
  }

  private void runBatch(Batch batch) {
    for (int round = 0; round < 5; round++) {
      for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
          batch.getMonitorJobDefinitionId())) {
        managementService.createJobQuery().jobDefinitionId(definition).list()
            .forEach(job -> managementService.executeJob(job.getId()));
      }
    }
  }

  /** The model's rows of the two years (those of deleted history included, were any left), with their runs as read. */
  private Map<String, Map<String, Object>> modelRows() {
    Map<String, Map<String, Object>> rows = new TreeMap<>();
    jdbc.queryForList("SELECT R.* FROM " + ProgressModel.TABLE + " R WHERE R." + ProgressModel.FISCAL_YEAR
        + " IN (?, ?)", YEAR, PLAN_YEAR).forEach(row -> {
          Map<String, Object> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          values.putAll(row);
          // Counters of writes (a rebuild starts them again): what they guard, the intervals, is compared.
          values.remove(ProgressModel.VERSION);
          values.remove(ProgressModel.STATUS_VERSION);
          values.put(ProgressModel.RUNS, ProgressModel.runs((String) row.get(ProgressModel.RUNS)));
          // A flag never set is null as written, false as rebuilt: both read as not delayed.
          values.put(ProgressModel.VARIABLE_COLUMNS.get(ProgressModel.DELAYED),
              Boolean.TRUE.equals(values.get(ProgressModel.VARIABLE_COLUMNS.get(ProgressModel.DELAYED))));
          rows.put((String) row.get(ProgressModel.ID), values);
        });
    return rows;
  }

  static void at(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(10, 0)).atZone(CityTime.ZONE).toInstant()));
  }
}
