package jp.shisakuflow.fiscalyear;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.ProcessTestEngine;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.initiative.VerificationRating;
import jp.shisakuflow.initiative.WardScope;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's whole fiscal year on the engine's clock: the plan is imported on 1 April 2019, staff work
 * their tasks on time except one late step, and the year ends on 1 April 2020.
 */
@Deployment(resources = {FiscalYearPlan.RESOURCE, InitiativeLifecycle.RESOURCE, InitiativeSteps.RESOURCE,
    InitiativeLifecycle.DECISION_RESOURCE})
class FiscalYearSimulationTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension =
      ProcessTestEngine.withFullCoverage(InitiativeLifecycle.PROCESS_KEY, InitiativeSteps.PROCESS_KEY);

  static final String LATE_INITIATIVE = "hiroba-guidebook";
  /** What the coordination of an item whose wards are decided during the year chooses. */
  static final String CHOSEN_WARDS = "wardTakatsu,wardTama";
  static final LocalDate LATE_STEP_DONE = LocalDate.of(2019, 10, 20);

  private ProcessEngine engine;
  private PlanImportService imports;
  private final Map<String, LocalDate> firstSeen = new HashMap<>();

  @BeforeEach
  void setUp() {
    engine = extension.getProcessEngine();
    imports = StandalonePlanServices.imports(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    engine.getRepositoryService().createDeploymentQuery().deploymentName(PlanImportService.DEPLOYMENT_PREFIX
        + "fy2019-community").list().forEach(d -> engine.getRepositoryService().deleteDeployment(d.getId(), true));
  }

  @Test
  void aWholeYearRunsAsPlannedAndRollsOver() throws IOException {
    setClock(LocalDate.of(2019, 4, 1));
    var result = imports.importPlan("fy2019-community.yaml", StandalonePlanServices.seedYaml(), null);
    assertThat(result.status()).isEqualTo(PlanImportResult.Status.STARTED);
    assertThat(result.initiativesStarted()).isEqualTo(29);
    assertThat(imports.importPlan("fy2019-community.yaml", StandalonePlanServices.seedYaml(), null).status())
        .as("the same plan again starts nothing").isEqualTo(PlanImportResult.Status.UNCHANGED);

    for (LocalDate day = LocalDate.of(2019, 4, 1); !day.isAfter(LocalDate.of(2020, 4, 2)); day = day.plusDays(1)) {
      setClock(day);
      fireDueTimers();
      while (workTasks(day) > 0) {
        fireDueTimers();
      }
    }

    // Milestones: preparation 14 days before, minutes the day after; events only pass.
    assertThat(firstSeen).containsEntry("第1回有識者会議 の準備", LocalDate.of(2019, 6, 25))
        .containsEntry("第1回有識者会議 の議事録", LocalDate.of(2019, 7, 10))
        .containsEntry("地域コーディネーター基礎研修（第1回） の準備", LocalDate.of(2019, 5, 20))
        .doesNotContainKey("農園フェス2019 の準備");
    // Quarterly reviews open on each quarter's last day.
    assertThat(firstSeen).containsEntry("2019年度 第1四半期 進捗レビュー", LocalDate.of(2019, 6, 30))
        .containsEntry("2019年度 第2四半期 進捗レビュー", LocalDate.of(2019, 9, 30))
        .containsEntry("2019年度 第3四半期 進捗レビュー", LocalDate.of(2019, 12, 31))
        .containsEntry("2019年度 第4四半期 進捗レビュー", LocalDate.of(2020, 3, 31));

    // The late step was flagged on the day after its planned end and escalated exactly once.
    HistoricProcessInstance late = instance("FY2019-" + LATE_INITIATIVE);
    assertThat(variable(late, Var.DELAYED)).isEqualTo(true);
    assertThat(variable(late, Var.DELAYED_PHASES)).isEqualTo("step1");
    List<HistoricTaskInstance> escalations = engine.getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceId(late.getId()).taskDefinitionKey(InitiativeSteps.Element.TASK_HANDLE_DELAY).list();
    assertThat(escalations).singleElement().satisfies(t -> {
      assertThat(t.getName()).isEqualTo("遅延への対応：庁内調査");
      assertThat(CityTime.today(t.getStartTime())).isEqualTo(LocalDate.of(2019, 10, 1));
    });
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableName(Var.DELAYED)
        .variableValueEquals(Var.DELAYED, true).count()).as("no other initiative was late").isEqualTo(1);

    // The plan's year is over; the continuing items go on into FY2020, linked to their FY2019 instance.
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey("FY2019-plan-fy2019-community").finished().count()).isEqualTo(1);
    List<HistoricProcessInstance> nextYear = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyLike("FY2020-%").list();
    assertThat(nextYear).extracting(HistoricProcessInstance::getBusinessKey)
        .as("the 20 items with a 次年度以降 entry; 休止、廃止も含めて is a review, not an abolition").hasSize(20)
        .doesNotContain("FY2020-hiroba-guidebook", "FY2020-ward-council-repeal")
        .contains("FY2020-sdc-model-wards-this-year", "FY2020-machizukuri-org-review");
    assertThat(variable(instance("FY2020-sdc-model-wards-this-year"), Var.PREVIOUS_BUSINESS_KEY))
        .isEqualTo("FY2019-sdc-model-wards-this-year");
    // 順次モデル実施: next year keeps the wards chosen this year and chooses more among the others.
    assertThat(variable(instance("FY2020-sdc-model-wards-this-year"), Var.WARD_SCOPE))
        .isEqualTo(WardScope.Mode.DECIDED_IN_YEAR.name());
    assertThat(variable(instance("FY2020-sdc-model-wards-this-year"), Var.PREVIOUS_WARDS)).isEqualTo(CHOSEN_WARDS);
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
  }

  /** A day's work: every task that is due is done; returns how many were completed. */
  private int workTasks(LocalDate today) {
    int completed = 0;
    var tasks = engine.getTaskService();
    for (Task task : tasks.createTaskQuery().list()) {
      firstSeen.putIfAbsent(task.getName(), today);
      LocalDate due = CityTime.today(task.getDueDate());
      String key = task.getTaskDefinitionKey();
      String businessKey = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey();
      boolean late = businessKey.equals("FY2019-" + LATE_INITIATIVE) && key.equals(InitiativeSteps.Element.TASK_STEP)
          && jp.shisakuflow.initiative.PhaseTasks.namesStep(task.getName(), "庁内調査");
      Map<String, Object> variables = new HashMap<>();
      boolean doToday = switch (key) {
        case FiscalYearPlan.Element.TASK_PREPARE_MILESTONE -> !today.isBefore(due);
        case FiscalYearPlan.Element.TASK_RECORD_MINUTES -> {
          if (Milestone.Kind.ASSEMBLY.code().equals(tasks.getVariable(task.getId(), FiscalYearPlan.Var.MILESTONE_KIND))) {
            variables.put(FiscalYearPlan.Var.ASSEMBLY_DECISION, AssemblyDecision.PASSED.code()); // the June assembly
          }
          yield true;
        }
        case FiscalYearPlan.Element.TASK_QUARTERLY_REVIEW,
             InitiativeLifecycle.Element.TASK_HANDLE_DELAY, InitiativeSteps.Element.TASK_HANDLE_DELAY -> true;
        case InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR -> {
          variables.put(Var.DECIDED_OUTCOME, tasks.getVariable(task.getId(), Var.RECOMMENDED_OUTCOME));
          yield true;
        }
        case InitiativeLifecycle.Element.TASK_COORDINATE -> {
          if (WardScope.Mode.DECIDED_IN_YEAR.name().equals(tasks.getVariable(task.getId(), Var.WARD_SCOPE))) {
            variables.put(Var.WARDS, CHOSEN_WARDS); // the items whose wards are decided during the year choose them
          }
          yield !today.isBefore(due);
        }
        case InitiativeLifecycle.Element.TASK_VERIFY -> {
          variables.put(Var.VERIFICATION_RATING, VerificationRating.GOOD.code());
          variables.put(Var.ACHIEVEMENT_RATE, 90);
          yield !today.isBefore(due);
        }
        default -> late ? !today.isBefore(LATE_STEP_DONE) : !today.isBefore(due);
      };
      if (doToday) {
        tasks.complete(task.getId(), variables);
        completed++;
      }
    }
    return completed;
  }

  private void fireDueTimers() {
    List<Job> due;
    while (!(due = engine.getManagementService().createJobQuery().executable().list()).isEmpty()) {
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  private static void setClock(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.NOON).atZone(CityTime.ZONE).toInstant()));
  }

  private HistoricProcessInstance instance(String businessKey) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey)
        .singleResult();
  }

  private Object variable(HistoricProcessInstance instance, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).singleResult().getValue();
  }
}
