package jp.shisakuflow.fiscalyear;

import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.END_MILESTONE_REACHED;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.END_MINUTES_RECORDED;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.END_PLAN_COMPLETED;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.END_QUARTER_REVIEWED;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.EVENT_FISCAL_YEAR_END;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.EVENT_MILESTONE_DATE;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.EVENT_MILESTONE_HELD;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.EVENT_PREPARATION_DUE;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.EVENT_QUARTER_END;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.GATEWAY_JOIN_YEAR;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.SUBPROCESS_MILESTONE;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.TASK_PREPARE_MILESTONE;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.TASK_QUARTERLY_REVIEW;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.TASK_RECORD_MINUTES;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.TASK_ROLL_OVER;
import static jp.shisakuflow.fiscalyear.FiscalYearPlan.Element.TASK_START_INITIATIVES;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.ProcessTestEngine;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.time.CityTime;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The paths of {@code fiscal-year-plan}, one at a time, on a small plan: one step initiative that
 * continues next year, one meeting (prepared and minuted) and one event (only passes).
 */
@Deployment(resources = {FiscalYearPlan.RESOURCE, InitiativeLifecycle.RESOURCE, InitiativeSteps.RESOURCE,
    InitiativeLifecycle.DECISION_RESOURCE})
class FiscalYearPlanProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension =
      ProcessTestEngine.withFullCoverage(InitiativeLifecycle.PROCESS_KEY, InitiativeSteps.PROCESS_KEY);

  static final String PLAN_ID = "fy2019-paths";
  static final String PLAN = """
      id: fy2019-paths
      title: 年度計画の経路
      fiscalYear: 2019
      workstreams:
        - { id: expert-council, name: 有識者会議 }
      initiatives:
        - id: guidebook
          title: 支援ガイドブックの作成
          workstream: expert-council
          ownerGroup: communityPromotion
          phases:
            - { step: 作成・配布, start: 2019-04-01, end: 2020-03-31 }
          nextYear: continue
          nextYearLabel: 継続実施
      milestones:
        - { id: council-1, title: 第1回有識者会議, kind: meeting, date: 2019-07-09, workstream: expert-council, ownerGroup: communityPromotion }
        - { id: festival, title: 農園フェス, kind: event, date: 2019-10-05, workstream: expert-council, ownerGroup: wardTama }
      """;
  static final String COUNCIL = "第1回有識者会議";
  static final String FESTIVAL = "農園フェス";

  private ProcessInstance plan;

  /** The plan with the June assembly session, whose month is all the chart gives. */
  static final String PLAN_WITH_ASSEMBLY = PLAN + "  - { id: june-assembly, title: 6月議会, kind: assembly, date: 2019-06,"
      + " workstream: expert-council, ownerGroup: communityPromotion, about: [guidebook] }\n";

  /** Imports the plan on 1 April 2019 (in the test: the models are deployed after @BeforeEach). */
  private void importThePlanOnTheFirstDayOfTheYear() {
    importOnTheFirstDayOfTheYear(PLAN);
  }

  private void importOnTheFirstDayOfTheYear(String yaml) {
    setClock(LocalDate.of(2019, 4, 1));
    var result = StandalonePlanServices.imports(extension.getProcessEngine()).importPlan(PLAN_ID + ".yaml", yaml, null);
    plan = runtimeService().createProcessInstanceQuery().processDefinitionKey(FiscalYearPlan.PROCESS_KEY)
        .processInstanceBusinessKey(result.planKey()).singleResult();
  }

  @BeforeEach
  void setUp() {
    init(extension.getProcessEngine());
  }

  @AfterEach
  void resetClockAndPlan() {
    ClockUtil.reset();
    repositoryService().createDeploymentQuery().deploymentName(PlanImportService.DEPLOYMENT_PREFIX + PLAN_ID).list()
        .forEach(d -> repositoryService().deleteDeployment(d.getId(), true));
  }

  @Test
  void importingAPlanStartsItsInitiativesAndWaitsForTheYearsDates() {
    importThePlanOnTheFirstDayOfTheYear();
    assertThat(plan).hasPassed(TASK_START_INITIATIVES)
        .isWaitingAt(EVENT_PREPARATION_DUE, EVENT_MILESTONE_DATE, EVENT_QUARTER_END, EVENT_FISCAL_YEAR_END);
    assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey(InitiativeSteps.PROCESS_KEY)
        .processInstanceBusinessKey("FY2019-guidebook").singleResult()).isNotNull().isActive();
  }

  @Test
  void aMeetingIsPreparedByItsOwnerTwoWeeksAheadAndMinutedTheDayAfter() {
    importThePlanOnTheFirstDayOfTheYear();
    onDay(LocalDate.of(2019, 6, 24));
    assertThat(plan).isWaitingAt(EVENT_PREPARATION_DUE);

    onDay(LocalDate.of(2019, 6, 25));
    assertThat(plan).isWaitingAt(TASK_PREPARE_MILESTONE);
    assertThat(task(TASK_PREPARE_MILESTONE, plan)).hasName(COUNCIL + " の準備")
        .hasCandidateGroup(OrganizationGroup.COMMUNITY_PROMOTION.id());
    complete(task(TASK_PREPARE_MILESTONE, plan));
    assertThat(plan).isWaitingAt(EVENT_MILESTONE_HELD);

    onDay(LocalDate.of(2019, 7, 9));
    assertThat(plan).isWaitingAt(EVENT_MILESTONE_HELD);
    onDay(LocalDate.of(2019, 7, 10));
    assertThat(task(TASK_RECORD_MINUTES, plan)).hasName(COUNCIL + " の議事録")
        .hasCandidateGroup(OrganizationGroup.COMMUNITY_PROMOTION.id());
    complete(task(TASK_RECORD_MINUTES, plan));
    assertThat(plan).hasPassed(END_MINUTES_RECORDED).isNotEnded();
  }

  @Test
  void anAssemblySessionOfAMonthIsPreparedBeforeTheMonthAndItsDecisionRecordedAfterIt() {
    importOnTheFirstDayOfTheYear(PLAN_WITH_ASSEMBLY);
    onDay(LocalDate.of(2019, 5, 18));
    assertThat(task(TASK_PREPARE_MILESTONE, plan)).as("the lead time before the month's first day")
        .hasName("6月議会（6月） の準備");
    complete(task(TASK_PREPARE_MILESTONE, plan));

    onDay(LocalDate.of(2019, 6, 30));
    Assertions.assertThat(taskQuery().processInstanceId(plan.getId()).taskDefinitionKey(TASK_RECORD_MINUTES).count())
        .as("no day of June was chosen: the record waits for the month's end").isZero();
    onDay(LocalDate.of(2019, 7, 1));
    Task record = task(TASK_RECORD_MINUTES, plan);
    assertThat(record).hasName("6月議会（6月） の議決の記録");

    assertThatThrownBy(() -> taskService().complete(record.getId(), Map.of("minutesSummary", "審議された")))
        .hasMessageContaining(FiscalYearPlan.Var.ASSEMBLY_DECISION).hasMessageContaining("required");
    taskService().complete(record.getId(), Map.of("minutesSummary", "継続審議となった",
        FiscalYearPlan.Var.ASSEMBLY_DECISION, AssemblyDecision.DEFERRED.code()));
    Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(plan.getId())
        .variableName(FiscalYearPlan.Var.ASSEMBLY_DECISION).list().stream().map(v -> v.getValue())
        .filter(java.util.Objects::nonNull).toList())
        .as("the decision is in the plan's history, once").containsExactly(AssemblyDecision.DEFERRED.code());
    Assertions.assertThat(runtimeService().getVariablesLocal(plan.getId()))
        .as("it stayed with the session's scope, not the plan instance").doesNotContainKey(FiscalYearPlan.Var.ASSEMBLY_DECISION);
  }

  @Test
  void aMeetingsRecordMayNotClaimAnAssemblyDecision() {
    importThePlanOnTheFirstDayOfTheYear();
    workEveryPlanTaskUntil(LocalDate.of(2019, 7, 9));
    onDay(LocalDate.of(2019, 7, 10));

    assertThatThrownBy(() -> taskService().complete(task(TASK_RECORD_MINUTES, plan).getId(), Map.of(
        "minutesSummary", "議事", FiscalYearPlan.Var.ASSEMBLY_DECISION, AssemblyDecision.PASSED.code())))
        .hasMessageContaining("only an assembly session");
  }

  @Test
  void anEventHasNoTasksAndPassesTheDayAfterItsDate() {
    importThePlanOnTheFirstDayOfTheYear();
    onDay(LocalDate.of(2019, 10, 5));
    assertThat(plan).isWaitingAt(EVENT_MILESTONE_DATE);

    onDay(LocalDate.of(2019, 10, 6));
    assertThat(plan).hasPassed(END_MILESTONE_REACHED).hasNotPassed(END_MINUTES_RECORDED);
    Assertions.assertThat(taskQuery().processInstanceId(plan.getId()).list()).extracting(Task::getName)
        .noneMatch(name -> name.contains(FESTIVAL));
  }

  @Test
  void eachQuarterEndOpensAReviewForTheManagers() {
    importThePlanOnTheFirstDayOfTheYear();
    onDay(LocalDate.of(2019, 6, 29));
    assertThat(plan).hasNotPassed(EVENT_QUARTER_END);

    onDay(LocalDate.of(2019, 6, 30));
    assertThat(task(TASK_QUARTERLY_REVIEW, plan)).hasName("2019年度 第1四半期 進捗レビュー")
        .hasCandidateGroup(OrganizationGroup.MANAGERS.id());
    complete(task(TASK_QUARTERLY_REVIEW, plan));
    assertThat(plan).hasPassed(END_QUARTER_REVIEWED).isWaitingAt(EVENT_QUARTER_END);
  }

  @Test
  void atTheYearEndTheContinuingInitiativesRollOverAndTheYearCloses() {
    importThePlanOnTheFirstDayOfTheYear();
    workEveryPlanTaskUntil(LocalDate.of(2020, 3, 31));
    assertThat(plan).isWaitingAt(EVENT_FISCAL_YEAR_END).hasPassed(SUBPROCESS_MILESTONE);

    onDay(LocalDate.of(2020, 4, 1));

    assertThat(plan).hasPassed(TASK_ROLL_OVER, GATEWAY_JOIN_YEAR, END_PLAN_COMPLETED).isEnded();
    assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey("FY2020-guidebook")
        .singleResult()).as("the continuing initiative's next year").isNotNull();
  }

  @Test
  void theYearStaysOpenUntilTheLastMinutesAreRecorded() {
    importThePlanOnTheFirstDayOfTheYear();
    workEveryPlanTaskUntil(LocalDate.of(2020, 3, 31), TASK_RECORD_MINUTES);

    onDay(LocalDate.of(2020, 4, 1));
    assertThat(plan).hasPassed(TASK_ROLL_OVER).isWaitingAt(TASK_RECORD_MINUTES).isNotEnded();

    complete(task(TASK_RECORD_MINUTES, plan));
    assertThat(plan).hasPassed(END_PLAN_COMPLETED).isEnded();
  }

  /** Day by day up to the given day: due timers fire and the plan's tasks, but for those named, are done. */
  private void workEveryPlanTaskUntil(LocalDate last, String... leftOpen) {
    for (LocalDate day = LocalDate.of(2019, 4, 1); !day.isAfter(last); day = day.plusDays(1)) {
      onDay(day);
      for (Task open : taskQuery().processInstanceId(plan.getId()).list()) {
        if (!List.of(leftOpen).contains(open.getTaskDefinitionKey())) {
          complete(open);
        }
      }
    }
  }

  /** Sets the engine's clock to noon of the day and fires every timer then due. */
  private static void onDay(LocalDate day) {
    setClock(day);
    List<Job> due;
    while (!(due = managementService().createJobQuery().executable().list()).isEmpty()) {
      due.forEach(job -> managementService().executeJob(job.getId()));
    }
  }

  private static void setClock(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.NOON).atZone(CityTime.ZONE).toInstant()));
  }
}
