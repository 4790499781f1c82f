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
import jp.shisakuflow.progress.ProgressReport;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import jp.shisakuflow.progress.ProgressService;
import jp.shisakuflow.support.ApiTest;
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
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read model on H2: {@link ProgressModelCheck} (random lifecycles, the model's answer against the history's, a
 * rebuild against the live model; the seed is logged, rerun one with {@code -Dprogress.check.seed=}), the year read in
 * one query, and what one lifecycle writes to the model.
 */
@ApiTest
class ProgressModelCheckTest {

  static final int YEAR = 2089;
  static final int PLAN_YEAR = 2090;
  private static final Logger LOG = LoggerFactory.getLogger(ProgressModelCheckTest.class);

  @Autowired ProgressService progress;
  @Autowired PlanImportService plans;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired InitiativeRevision revision;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.springframework.context.ApplicationContext app;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theReadModelAnswersAsTheHistoryDoesUnderRandomLifecycles() {
    long seed = Long.getLong("progress.check.seed", System.nanoTime());
    new ProgressModelCheck(app).run(seed);
  }

  /**
   * H2 walks the order index of a page (its generated columns) and stops after the page, without sorting the year: the
   * plan says "index sorted" and reads at most the page's rows of the 60 of a year.
   */
  @Test
  void aPageWalksTheOrderIndexInsteadOfSortingTheYear() throws Exception {
    int year = 2097;
    at(LocalDate.of(year, 4, 1));
    for (int i = 0; i < 60; i++) {
      initiatives.startIfAbsent(InitiativeStart.unplanned("page-order-" + i, "ページ順の施策", i % 2 == 0 ? "hiroba" : "other",
          "communityPromotion", year));
    }
    ClockUtil.reset();
    String plan = jdbc.execute((java.sql.Connection connection) -> {
      try (java.sql.PreparedStatement explain = connection.prepareStatement(
          "EXPLAIN ANALYZE " + app.getBean(ProgressModelReader.class).pageStatement())) {
        explain.setInt(1, year);
        explain.setInt(2, 5);
        explain.setInt(3, 0);
        try (java.sql.ResultSet result = explain.executeQuery()) {
          result.next();
          return result.getString(1);
        }
      }
    });
    LOG.info("H2's plan of a page: {}", plan);
    assertThat(plan).contains(ProgressModel.ORDER_INDEX).contains("index sorted");
    java.util.regex.Matcher scanned = java.util.regex.Pattern.compile(
        ProgressModel.ORDER_INDEX + "[\\s\\S]*?scanCount: (\\d+)").matcher(plan);
    assertThat(scanned.find()).as("the rows read by the index, in %s", plan).isTrue();
    assertThat(Integer.parseInt(scanned.group(1))).as("rows of the year read for a page of 5").isLessThanOrEqualTo(6);
    LocalDate asOf = LocalDate.of(year, 5, 1);
    assertThat(progress.page(year, asOf, 1, 7).initiatives()).as("a page is the whole answer's rows in its order")
        .isEqualTo(progress.report(year, asOf).initiatives().subList(7, 14));
  }

  @Test
  void aYearIsReadInOneQueryWhateverItsSize() {
    int year = 2091;
    at(LocalDate.of(year, 4, 1));
    for (int i = 0; i < 3; i++) {
      initiatives.startIfAbsent(InitiativeStart.unplanned("one-query-" + i, "一問合せの施策", "hiroba",
          "communityPromotion", year));
    }
    ClockUtil.reset();
    progress.report(year, LocalDate.of(year, 5, 1));
    int before = StatementCounter.count();
    ProgressReport report = progress.report(year, LocalDate.of(year, 5, 1));
    assertThat(StatementCounter.count() - before).as("the model's one query").isEqualTo(1);
    assertThat(report.initiatives()).extracting(InitiativeProgress::initiativeId)
        .contains("one-query-0", "one-query-1", "one-query-2");
  }

  @Test
  void aLifecycleWritesTheModelOncePerCommandThatChangesWhatProgressReads() {
    int year = 2091;
    at(LocalDate.of(year, 4, 1));
    List<String> writes = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    try {
      writes.addAll(modelWrites(() -> {
        String id = initiatives.startIfAbsent(ProgressModelCheck.randomStart(new Random(1), year, "counted")).orElseThrow();
        commands.add("start");
        for (int day = 2; day < 60; day++) {
          at(LocalDate.of(year, 4, day));
          List<Task> open = taskService.createTaskQuery().processInstanceId(id).list();
          if (open.isEmpty()) {
            break;
          }
          Task task = open.get(0);
          taskService.claim(task.getId(), "admin"); // a command that changes nothing progress reads
          Map<String, Object> variables = ProgressModelCheck.completion(new Random(day), task.getTaskDefinitionKey());
          if (task.getTaskDefinitionKey().equals(InitiativeLifecycle.Element.TASK_VERIFY)) {
            variables.put(InitiativeLifecycle.Var.VERIFICATION_RATING, VerificationRating.GOOD.code());
            variables.put(InitiativeLifecycle.Var.RECOORDINATE, false);
          }
          if (task.getTaskDefinitionKey().equals(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR)) {
            variables.put(InitiativeLifecycle.Var.DECIDED_OUTCOME, Outcome.SUSPEND_OR_ABOLISH.code());
          }
          taskService.complete(task.getId(), variables);
          commands.add("complete " + task.getTaskDefinitionKey());
        }
      }));
    } finally {
      ClockUtil.reset();
    }
    LOG.info("one lifecycle: {} commands {}, {} writes of the model: {}", commands.size(), commands, writes.size(),
        writes);
    assertThat(writes).as("one INSERT at the start, then at most one UPDATE per completion; none for a claim")
        .hasSizeLessThanOrEqualTo(commands.size()).first().asString().contains("INSERT INTO " + ProgressModel.TABLE);
    assertThat(writes).filteredOn(w -> w.contains("INSERT")).hasSize(1);
  }

  /**
   * A row goes with its instance's history, in the command that deletes it (not with the running instance); a row an
   * older version kept after its history was deleted goes at start, and no row with history goes with it.
   */
  @Test
  void aRowGoesWithItsInstancesHistory() {
    int year = 2098;
    at(LocalDate.of(year, 4, 1));
    String deleted = initiatives.startIfAbsent(InitiativeStart.unplanned("with-history", "履歴と共に消える施策", "other",
        "communityPromotion", year)).orElseThrow();
    String kept = initiatives.startIfAbsent(InitiativeStart.unplanned("kept", "残る施策", "other", "communityPromotion",
        year)).orElseThrow();
    ClockUtil.reset();
    runtimeService.deleteProcessInstance(deleted, "確認テストの削除");
    assertThat(rows(deleted)).as("an ended instance's row stays while its history does").isOne();
    historyService.deleteHistoricProcessInstance(deleted);
    assertThat(rows(deleted)).as("deleted with the history").isZero();
    assertThat(rows(kept)).isOne();

    jdbc.update("INSERT INTO " + ProgressModel.TABLE + " (" + ProgressModel.ID + ", " + ProgressModel.FISCAL_YEAR + ", "
        + ProgressModel.BUSINESS_KEY + ") VALUES (?, ?, ?)", "left-by-an-older-version", year,
        InitiativeStart.businessKey(year, "left-by-an-older-version"));
    String withHistory = "SELECT COUNT(*) FROM " + ProgressModel.TABLE + " R WHERE EXISTS (SELECT 1 FROM ACT_HI_PROCINST"
        + " P WHERE P.ID_ = R." + ProgressModel.ID + ")";
    int before = jdbc.queryForObject(withHistory, Integer.class);
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(ProgressModelDeletion.deleteRowsWithoutHistory(configuration)).isPositive();
    assertThat(rows("left-by-an-older-version")).isZero();
    assertThat(jdbc.queryForObject(withHistory, Integer.class)).as("rows with history, all kept").isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + ProgressModel.TABLE, Integer.class)).isEqualTo(before);
  }

  private int rows(String processInstanceId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + ProgressModel.TABLE + " WHERE " + ProgressModel.ID + " = ?",
        Integer.class, processInstanceId);
  }

  private static List<String> modelWrites(Runnable action) {
    return StatementCounter.writesDuring(action).stream().filter(w -> w.contains(ProgressModel.TABLE)).toList();
  }

  private static void at(LocalDate day) {
    ProgressModelCheck.at(day);
  }
}
