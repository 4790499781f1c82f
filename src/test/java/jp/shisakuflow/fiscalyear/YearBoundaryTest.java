package jp.shisakuflow.fiscalyear;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.shisakuflow.ProcessTestEngine;
import jp.shisakuflow.initiative.EngineNextYearInstances;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.initiative.NextYearDecision;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.PhasePlanCodec;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.WardRollout;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanParser;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The year boundary on the engine: the rollover on 1 April on the decision or the plan's outcome, and a
 * decision taken after it deciding next year's instance (start, change, replace, withdraw), with the
 * history saying who decided what when.
 */
@Deployment(resources = {InitiativeLifecycle.RESOURCE, InitiativeSteps.RESOURCE, InitiativeLifecycle.DECISION_RESOURCE})
class YearBoundaryTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessTestEngine.plain();

  /** The chart's kinds of item: a model with its own words for next year, a review, a one-off, a step item. */
  private static final String PLAN = """
      id: boundary
      title: 年度境界
      fiscalYear: 2019
      workstreams:
        - { id: hiroba, name: 「まちのひろば」の推進 }
      initiatives:
        - id: hiroba-model
          title: モデル事業実施支援
          workstream: hiroba
          lead: communityPromotion
          phases:
            - { stage: coordinate, name: 要領作成, start: 2019-04-01, end: 2020-02-29 }
          nextYear: continue
          nextYearLabel: 新体制による取組の推進
        - id: participation-review
          title: 行政への参加
          workstream: hiroba
          lead: communityPromotion
          phases:
            - { stage: coordinate, name: 意見聴取, start: 2019-04-01, end: 2020-03-31 }
          nextYear: review
          nextYearLabel: 休止、廃止も含めて検討
        - id: kickoff-forum
          title: キックオフフォーラム
          workstream: hiroba
          lead: communityPromotion
          phases:
            - { stage: coordinate, name: 開催準備, start: 2019-04-01, end: 2020-03-31 }
          nextYear: none
        - id: hiroba-guidebook
          title: ガイドブック作成
          workstream: hiroba
          lead: communityPromotion
          phases:
            - { step: 作成, start: 2019-04-01, end: 2020-03-31 }
          nextYear: continue
          nextYearLabel: 継続実施及び改訂
      """;

  private ProcessEngine engine;
  private PlanInitiatives planInitiatives;
  private Plan plan;

  @BeforeEach
  void setUp() {
    engine = extension.getProcessEngine();
    var initiatives = new InitiativeLifecycleService(engine.getRuntimeService(), engine.getHistoryService(),
        engine.getAuthorizationService());
    planInitiatives = new PlanInitiatives(initiatives, engine.getHistoryService(),
        new YearEndRollover(new WardRollout(engine.getHistoryService())),
        StandalonePlanServices.nextYearInstances(engine, initiatives));
    plan = new PlanParser(Set.of("communityPromotion")).parse("boundary.yaml", PLAN);
  }

  /** 1 April 2019: the plan's items start (in the test, not before it: the models deploy before each test). */
  private void theYearStarts() {
    onDay(LocalDate.of(2019, 4, 1));
    planInitiatives.startAll(plan);
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
    engine.getRuntimeService().createProcessInstanceQuery().list()
        .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "test done"));
    engine.getHistoryService().createHistoricProcessInstanceQuery().list()
        .forEach(p -> engine.getHistoryService().deleteHistoricProcessInstance(p.getId()));
  }

  @Test
  void aDecisionBefore1AprilRollsOverAsDecided() {
    theYearStarts();
    finishThePhases("FY2019-hiroba-model");
    onDay(LocalDate.of(2020, 3, 31));
    decide("FY2019-hiroba-model", Outcome.PREPARE_IMPLEMENTATION, "モデル区の拡大に向けて調整が必要");

    onDay(LocalDate.of(2020, 4, 1));
    planInitiatives.rollOver(plan);

    HistoricProcessInstance next = instance("FY2020-hiroba-model");
    assertThat(next.getProcessDefinitionKey()).isEqualTo(InitiativeLifecycle.PROCESS_KEY);
    assertThat(phases(next)).extracting(PlannedPhase::name).as("the decision's words, not the chart's")
        .containsExactly("実施に向けた調整", "モデル実施");
    assertThat(variable(next, Var.PLANNED_OUTCOME)).isEqualTo(Outcome.PHASED_ROLLOUT.code());
    assertThat(variable(next, Var.PREVIOUS_BUSINESS_KEY)).isEqualTo("FY2019-hiroba-model");
  }

  @Test
  void theChartsWordsAreKeptAtRolloverAReviewRollsOverAsAReviewAndNoneStartsNothing() {
    theYearStarts();
    onDay(LocalDate.of(2020, 4, 1));
    planInitiatives.rollOver(plan);

    HistoricProcessInstance model = instance("FY2020-hiroba-model");
    assertThat(model.getProcessDefinitionKey()).isEqualTo(InitiativeSteps.PROCESS_KEY);
    assertThat(phases(model)).extracting(PlannedPhase::name).containsExactly("新体制による取組の推進");
    assertThat(variable(model, Var.PLANNED_OUTCOME_LABEL)).isEqualTo("新体制による取組の推進");
    assertThat(openTask("FY2020-hiroba-model").getName()).isEqualTo("新体制による取組の推進：モデル事業実施支援");

    HistoricProcessInstance review = instance("FY2020-participation-review");
    assertThat(variable(review, Var.PLANNED_OUTCOME)).as("a review, never an abolition").isEqualTo("review");
    assertThat(openTask("FY2020-participation-review").getName()).isEqualTo("調整：休止、廃止も含めて検討");

    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey("FY2020-kickoff-forum").count()).as("nothing next year").isZero();
  }

  @Test
  void lastYearsContinuationIsClosedWhenNextYearStarts() {
    theYearStarts();
    finishThePhases("FY2019-hiroba-model");
    onDay(LocalDate.of(2020, 3, 2));
    decide("FY2019-hiroba-model", Outcome.CONTINUE, null);
    Task continuation = openTask("FY2019-hiroba-model");
    assertThat(continuation.getTaskDefinitionKey()).isEqualTo(InitiativeLifecycle.Element.TASK_CONTINUE_IMPLEMENTATION);

    onDay(LocalDate.of(2020, 4, 1));
    planInitiatives.rollOver(plan);

    assertThat(instance("FY2019-hiroba-model").getEndTime()).as("継続実施 is tracked once, next year").isNotNull();
    assertThat(engine.getTaskService().getTaskComments(continuation.getId())).extracting(Comment::getFullMessage)
        .containsExactly(EngineNextYearInstances.CARRIED_OVER + " (FY2020-hiroba-model)");
    assertThat(openTask("FY2020-hiroba-model").getName()).isEqualTo("新体制による取組の推進：モデル事業実施支援");
  }

  @Test
  void aLateDecisionThatConfirmsTheRolloverLeavesOne継続実施NextYears() {
    theYearStarts();
    finishThePhases("FY2019-hiroba-model");
    onDay(LocalDate.of(2020, 4, 1));
    planInitiatives.rollOver(plan);
    String next = instance("FY2020-hiroba-model").getId();

    onDay(LocalDate.of(2020, 4, 10));
    decide("FY2019-hiroba-model", Outcome.CONTINUE, null);

    assertThat(instance("FY2020-hiroba-model").getId()).isEqualTo(next);
    assertThat(instance("FY2019-hiroba-model").getEndTime()).isNotNull();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike("FY%-hiroba-model").list())
        .extracting(Task::getName).containsExactly("新体制による取組の推進：モデル事業実施支援");
    assertThat(variable(instance("FY2020-hiroba-model"), NextYearDecision.Var.PREVIOUS_YEAR_DECISION))
        .isEqualTo("continue");
  }

  @Test
  void aStepItemsDecisionAfter1AprilWithdrawsNextYearsInstanceWithWhoDecidedWhat() {
    theYearStarts();
    finishThePhases("FY2019-hiroba-guidebook");
    onDay(LocalDate.of(2020, 4, 1));
    planInitiatives.rollOver(plan);
    String next = instance("FY2020-hiroba-guidebook").getId();

    onDay(LocalDate.of(2020, 4, 10));
    decide("FY2019-hiroba-guidebook", Outcome.SUSPEND_OR_ABOLISH, "改訂の必要がなくなった");

    HistoricProcessInstance withdrawn = instance("FY2020-hiroba-guidebook");
    assertThat(withdrawn.getId()).isEqualTo(next);
    assertThat(withdrawn.getState()).endsWith("_TERMINATED");
    assertThat(withdrawn.getDeleteReason()).startsWith("次年度方針の決定により取り下げ: FY2019-hiroba-guidebook の次年度方針の決定: 休止・廃止 (manager、2020/04/10 12:00:00) 理由: 改訂の必要がなくなった");
    assertThat(variable(withdrawn, NextYearDecision.Var.PREVIOUS_YEAR_DECISION)).isEqualTo("suspendOrAbolish");
    assertThat(variable(withdrawn, NextYearDecision.Var.PREVIOUS_YEAR_DECISION_BY)).isEqualTo("manager");
    assertThat(variable(withdrawn, NextYearDecision.Var.PREVIOUS_YEAR_DECISION_AT)).isEqualTo("2020/04/10 12:00:00");
    assertThat(engine.getTaskService().getProcessInstanceComments(next)).singleElement().satisfies(comment -> {
      assertThat(comment.getUserId()).isEqualTo("manager");
      assertThat(comment.getFullMessage()).endsWith("→ 次年度の取組を取り下げ (withdrawn)");
    });
    // The decision itself is the manager's operation in the log; the engine logs no operations made inside it.
    assertThat(engine.getHistoryService().createUserOperationLogQuery()
        .processInstanceId(instance("FY2019-hiroba-guidebook").getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
        .extracting(UserOperationLogEntry::getUserId).contains("manager");
  }

  @Test
  void aDecisionAfter1AprilStartsNextYearWhenThePlanSaidNoneAndClosesThisYearsContinuation() {
    theYearStarts();
    finishThePhases("FY2019-kickoff-forum");
    onDay(LocalDate.of(2020, 4, 1));
    planInitiatives.rollOver(plan);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey("FY2020-kickoff-forum").count()).isZero();

    onDay(LocalDate.of(2020, 4, 10));
    decide("FY2019-kickoff-forum", Outcome.CONTINUE, "好評につき毎年開催する");

    HistoricProcessInstance next = instance("FY2020-kickoff-forum");
    assertThat(variable(next, Var.PREVIOUS_BUSINESS_KEY)).isEqualTo("FY2019-kickoff-forum");
    assertThat(variable(next, Var.PLANNED_OUTCOME_LABEL)).isEqualTo("継続実施");
    assertThat(variable(next, NextYearDecision.Var.PREVIOUS_YEAR_DECISION_BY)).isEqualTo("manager");
    assertThat(instance("FY2019-kickoff-forum").getEndTime()).as("its 継続実施 went to next year").isNotNull();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceId(instance("FY2019-kickoff-forum").getId())
        .taskDefinitionKey(InitiativeLifecycle.Element.TASK_CONTINUE_IMPLEMENTATION).singleResult().getEndTime())
        .isNotNull();
  }

  @Test
  void aDecisionAfter1AprilChangesNextYearsPlan() {
    theYearStarts();
    finishThePhases("FY2019-participation-review");
    onDay(LocalDate.of(2020, 4, 1));
    planInitiatives.rollOver(plan);
    String next = instance("FY2020-participation-review").getId();

    onDay(LocalDate.of(2020, 4, 10));
    decide("FY2019-participation-review", Outcome.PREPARE_IMPLEMENTATION, "区役所での実施に向けて調整する");

    assertThat(instance("FY2020-participation-review").getId()).isEqualTo(next);
    assertThat(variable(instance("FY2020-participation-review"), Var.PLANNED_OUTCOME))
        .isEqualTo(Outcome.PHASED_ROLLOUT.code());
    Task coordinate = openTask("FY2020-participation-review");
    assertThat(coordinate.getName()).isEqualTo("調整：実施に向けた調整");
    assertThat(CityTime.today(coordinate.getDueDate())).isEqualTo(LocalDate.of(2020, 9, 30));
    assertThat(engine.getTaskService().getProcessInstanceComments(next)).singleElement().satisfies(comment -> {
      assertThat(comment.getUserId()).isEqualTo("manager");
      assertThat(comment.getFullMessage()).contains("次年度の計画を変更: 休止、廃止も含めて検討 2020-04-01〜2021-03-31 → 実施に向けた調整 2020-04-01〜2020-09-30");
    });
  }

  @Test
  void aDecisionAfter1AprilThatNeedsTheOtherProcessReplacesNextYearsInstance() {
    theYearStarts();
    finishThePhases("FY2019-hiroba-model");
    onDay(LocalDate.of(2020, 4, 1));
    planInitiatives.rollOver(plan);
    String rolledOver = instance("FY2020-hiroba-model").getId();

    onDay(LocalDate.of(2020, 4, 10));
    decide("FY2019-hiroba-model", Outcome.PHASED_ROLLOUT, "モデル区を順次拡大する");

    HistoricProcessInstance next = instance("FY2020-hiroba-model");
    assertThat(next.getId()).isNotEqualTo(rolledOver);
    assertThat(next.getProcessDefinitionKey()).isEqualTo(InitiativeLifecycle.PROCESS_KEY);
    assertThat(openTask("FY2020-hiroba-model").getName()).isEqualTo("モデル実施：順次モデル実施");
    HistoricProcessInstance replaced = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(rolledOver).singleResult();
    assertThat(replaced.getBusinessKey()).isEqualTo(EngineNextYearInstances.REPLACED_PREFIX + "FY2020-hiroba-model");
    assertThat(replaced.getDeleteReason()).startsWith("次年度方針の決定により開始し直し");
    assertThat(engine.getTaskService().getProcessInstanceComments(next.getId())).singleElement()
        .satisfies(comment -> assertThat(comment.getFullMessage()).contains("取り下げたインスタンス " + rolledOver));
  }

  /** Completes every open phase task of the instance (no verification in this plan: the decision opens). */
  private void finishThePhases(String businessKey) {
    Task task;
    while ((task = openTask(businessKey)) != null
        && !task.getTaskDefinitionKey().equals(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR)) {
      engine.getTaskService().complete(task.getId());
    }
  }

  private void decide(String businessKey, Outcome outcome, String reason) {
    finishThePhases(businessKey);
    Task decision = openTask(businessKey);
    assertThat(decision.getTaskDefinitionKey()).isEqualTo(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR);
    Map<String, Object> values = new HashMap<>();
    values.put(Var.DECIDED_OUTCOME, outcome.code());
    if (reason != null) {
      values.put(Var.DECISION_REASON, reason);
    }
    engine.getIdentityService().setAuthenticatedUserId("manager");
    try {
      engine.getTaskService().complete(decision.getId(), values);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private Task openTask(String businessKey) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey).list();
    assertThat(tasks).hasSizeLessThanOrEqualTo(1);
    return tasks.isEmpty() ? null : tasks.get(0);
  }

  private HistoricProcessInstance instance(String businessKey) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey)
        .singleResult();
  }

  private Object variable(HistoricProcessInstance instance, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).singleResult().getValue();
  }

  private List<PlannedPhase> phases(HistoricProcessInstance instance) {
    return PhasePlanCodec.read(variable(instance, Var.PHASE_PLAN));
  }

  private static void onDay(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.NOON).atZone(CityTime.ZONE).toInstant()));
  }
}
