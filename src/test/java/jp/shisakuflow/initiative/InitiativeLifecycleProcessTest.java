package jp.shisakuflow.initiative;

import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_CONTINUED;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_CONTINUE_STUDY;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_DELAY_HANDLED;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_PHASED_ROLLOUT;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_PREPARE_IMPLEMENTATION;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_NO_NEXT_YEAR;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_REVIEW;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_SUSPEND_OR_ABOLISH;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.EVENT_CONTINUED_IMPLEMENTATION_OVERDUE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.EVENT_COORDINATION_OVERDUE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.EVENT_MODEL_IMPLEMENTATION_OVERDUE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.EVENT_VERIFICATION_OVERDUE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.GATEWAY_HAS_COORDINATION;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.GATEWAY_HAS_MODEL_IMPLEMENTATION;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.GATEWAY_HAS_VERIFICATION;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.GATEWAY_OUTCOME;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.GATEWAY_VERIFICATION_PASSED;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.START;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_ADOPT_PLANNED_OUTCOME;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_CONTINUE_IMPLEMENTATION;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_COORDINATE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_HANDLE_DELAY;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_IMPLEMENT_MODEL;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_RECOMMEND_OUTCOME;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_VERIFY;
import static jp.shisakuflow.initiative.InitiativeLifecycle.MANAGERS_GROUP;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.authorizationService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.ProcessTestEngine;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Deployment(resources = {InitiativeLifecycle.RESOURCE, InitiativeLifecycle.DECISION_RESOURCE})
class InitiativeLifecycleProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessTestEngine.withFullCoverage();

  private static final String OWNER = "wardTakatsu";
  private static final InitiativeStart SDC = InitiativeStart.unplanned("sdc-model-ward",
      "ソーシャルデザインセンター 今年度モデル実施区での展開", "「ソーシャルデザインセンター」の創出", OWNER, 2019);

  private InitiativeLifecycleService lifecycles;

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    lifecycles = new InitiativeLifecycleService(runtimeService(), historyService(), authorizationService());
  }

  @Test
  void newInitiativeWaitsForCoordinationByItsOwnerGroup() {
    ProcessInstance pi = start();

    assertThat(pi).hasBusinessKey("FY2019-sdc-model-ward")
        .hasPassed(START)
        .isWaitingAt(TASK_COORDINATE)
        .variables().containsEntry(Var.INITIATIVE_ID, "sdc-model-ward")
        .containsEntry(Var.TITLE, SDC.title())
        .containsEntry(Var.WORKSTREAM, SDC.workstream())
        .containsEntry(Var.OWNER_GROUP, OWNER)
        .containsEntry(Var.FISCAL_YEAR, 2019);
    assertThat(pi).task().hasCandidateGroup(OWNER).isNotAssigned();
  }

  @Test
  void startingTheSameInitiativeTwiceStartsOneInstance() {
    start();

    org.assertj.core.api.Assertions.assertThat(lifecycles.startIfAbsent(SDC)).isEmpty();
    org.assertj.core.api.Assertions.assertThat(runtimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(SDC.businessKey()).count()).isEqualTo(1);
  }

  @Test
  void phasesGoToTheOwnerGroupAndTheDecisionToManagers() {
    ProcessInstance pi = start();
    completeAt(pi, TASK_COORDINATE, Map.of());
    assertThat(pi).isWaitingAt(TASK_IMPLEMENT_MODEL).task().hasCandidateGroup(OWNER);
    completeAt(pi, TASK_IMPLEMENT_MODEL, Map.of());
    assertThat(pi).isWaitingAt(TASK_VERIFY).task().hasCandidateGroup(OWNER);
    verify(pi, VerificationRating.GOOD, 90);

    assertThat(pi).isWaitingAt(TASK_DECIDE_NEXT_YEAR).task().hasCandidateGroup(MANAGERS_GROUP);
    assertThat(pi).hasPassed(GATEWAY_VERIFICATION_PASSED, TASK_RECOMMEND_OUTCOME)
        .variables().containsEntry(Var.RECOMMENDED_OUTCOME, Outcome.CONTINUE.code());
  }

  @Test
  void confirmedContinuationRunsContinuedImplementationToTheEnd() {
    ProcessInstance pi = workToDecision(VerificationRating.GOOD, 100);

    decide(pi, Outcome.CONTINUE, null);
    assertThat(pi).isWaitingAt(TASK_CONTINUE_IMPLEMENTATION).task().hasCandidateGroup(OWNER);
    completeAt(pi, TASK_CONTINUE_IMPLEMENTATION, Map.of());

    assertThat(pi).isEnded().hasPassed(GATEWAY_OUTCOME, END_CONTINUED)
        .variables().containsEntry(Var.DECISION_OVERRIDDEN, false);
  }

  @Test
  void goodButPartialResultEndsInPhasedRollout() {
    ProcessInstance pi = workToDecision(VerificationRating.GOOD, 60);

    decide(pi, Outcome.PHASED_ROLLOUT, null);

    assertThat(pi).isEnded().hasPassed(END_PHASED_ROLLOUT).hasNotPassed(TASK_CONTINUE_IMPLEMENTATION);
  }

  @Test
  void improvableResultAboveHalfEndsInCoordinationTowardImplementation() {
    ProcessInstance pi = workToDecision(VerificationRating.NEEDS_IMPROVEMENT, 50);

    decide(pi, Outcome.PREPARE_IMPLEMENTATION, null);

    assertThat(pi).isEnded().hasPassed(END_PREPARE_IMPLEMENTATION);
  }

  @Test
  void improvableResultBelowHalfEndsInContinuedStudy() {
    ProcessInstance pi = workToDecision(VerificationRating.NEEDS_IMPROVEMENT, 30);

    decide(pi, Outcome.CONTINUE_STUDY, null);

    assertThat(pi).isEnded().hasPassed(END_CONTINUE_STUDY);
  }

  @Test
  void discontinuedVerificationEndsInSuspensionOrAbolition() {
    ProcessInstance pi = workToDecision(VerificationRating.DISCONTINUE, 10);

    decide(pi, Outcome.SUSPEND_OR_ABOLISH, null);

    assertThat(pi).isEnded().hasPassed(END_SUSPEND_OR_ABOLISH);
  }

  @Test
  void aReviewIncludingSuspensionIsDecidedAsAReviewNotAnAbolition() {
    ProcessInstance pi = workToDecision(VerificationRating.NEEDS_IMPROVEMENT, 30);

    decide(pi, Outcome.REVIEW, "有識者会議で休止も含めて見直す");

    assertThat(pi).isEnded().hasPassed(END_REVIEW).hasNotPassed(END_SUSPEND_OR_ABOLISH);
  }

  @Test
  void anItemWithNothingNextYearEndsWithTheYear() {
    ProcessInstance pi = workToDecision(VerificationRating.GOOD, 100);

    decide(pi, Outcome.NONE, "一回限りの催しとして終える");

    assertThat(pi).isEnded().hasPassed(END_NO_NEXT_YEAR);
  }

  @Test
  void failedVerificationLoopsBackToCoordination() {
    ProcessInstance pi = start();

    verifyAskingForRecoordination(pi);

    assertThat(pi).isWaitingAt(TASK_COORDINATE).hasNotPassed(TASK_RECOMMEND_OUTCOME);
    assertThat(pi).task().hasCandidateGroup(OWNER);
  }

  @Test
  void theSecondVerificationDecidesAfreshWithoutTheFirstOnesRecoordination() {
    ProcessInstance pi = start();
    verifyAskingForRecoordination(pi);
    completeAt(pi, TASK_COORDINATE, Map.of());
    completeAt(pi, TASK_IMPLEMENT_MODEL, Map.of());

    verify(pi, VerificationRating.GOOD, 90);

    assertThat(pi).isWaitingAt(TASK_DECIDE_NEXT_YEAR).variables().containsEntry(Var.RECOORDINATE, false);
  }

  @Test
  void managerOverridesTheRecommendationWithAReason() {
    ProcessInstance pi = workToDecision(VerificationRating.GOOD, 95);

    decide(pi, Outcome.CONTINUE_STUDY, "財源確保の見通しが立たないため");

    assertThat(pi).isEnded().hasPassed(END_CONTINUE_STUDY)
        .variables().containsEntry(Var.RECOMMENDED_OUTCOME, Outcome.CONTINUE.code())
        .containsEntry(Var.DECIDED_OUTCOME, Outcome.CONTINUE_STUDY.code())
        .containsEntry(Var.DECISION_OVERRIDDEN, true);
  }

  @Test
  void overrideWithoutReasonIsRefusedAndTheDecisionStaysOpen() {
    ProcessInstance pi = workToDecision(VerificationRating.GOOD, 95);

    assertThatThrownBy(() -> decide(pi, Outcome.CONTINUE_STUDY, " "))
        .hasRootCauseInstanceOf(InvalidTaskInputException.class)
        .rootCause().hasMessageContaining(Var.DECISION_REASON);

    assertThat(pi).isWaitingAt(TASK_DECIDE_NEXT_YEAR);
  }

  @Test
  void verificationWithoutRatingOrWithTextRateIsRefusedAndStaysOpen() {
    ProcessInstance pi = start();
    completeAt(pi, TASK_COORDINATE, Map.of());
    completeAt(pi, TASK_IMPLEMENT_MODEL, Map.of());

    assertThatThrownBy(() -> completeAt(pi, TASK_VERIFY, Map.of(Var.ACHIEVEMENT_RATE, "八割")))
        .hasRootCauseInstanceOf(InvalidTaskInputException.class)
        .rootCause().hasMessageContaining(Var.VERIFICATION_RATING).hasMessageContaining(Var.ACHIEVEMENT_RATE);

    assertThat(pi).isWaitingAt(TASK_VERIFY);
    org.assertj.core.api.Assertions.assertThat(runtimeService().getVariable(pi.getId(), Var.ACHIEVEMENT_RATE))
        .as("a refused completion stores nothing").isNull();
  }

  @Test
  void plannedPhasesNameTheTasksAndSetTheirDueDates() {
    ProcessInstance pi = startPlanned(List.of(
        phase(Stage.COORDINATE, "要領作成", "2019-04-01", "2019-09-30"),
        phase(Stage.IMPLEMENT_MODEL, "モデル実施", "2019-10-01", "2020-03-31")), Outcome.CONTINUE);

    Task coordination = taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(coordination).hasName("調整：要領作成")
        .hasDueDate(Date.from(ZonedDateTime.of(2019, 9, 30, 17, 15, 0, 0, CityTime.ZONE).toInstant()));
    completeAt(pi, TASK_COORDINATE, Map.of());
    assertThat(pi).task().hasName("モデル実施")
        .hasDueDate(Date.from(ZonedDateTime.of(2020, 3, 31, 17, 15, 0, 0, CityTime.ZONE).toInstant()));
  }

  @Test
  void stagesTheItemLacksAreSkippedAndThePlannedOutcomeIsRecommended() {
    ProcessInstance pi = startPlanned(List.of(phase(Stage.IMPLEMENT_MODEL, "試行実施", "2019-07-01", "2019-12-31")),
        Outcome.PREPARE_IMPLEMENTATION);

    assertThat(pi).hasPassed(GATEWAY_HAS_COORDINATION).hasNotPassed(TASK_COORDINATE).isWaitingAt(TASK_IMPLEMENT_MODEL);
    completeAt(pi, TASK_IMPLEMENT_MODEL, Map.of());

    assertThat(pi).hasPassed(GATEWAY_HAS_VERIFICATION, TASK_ADOPT_PLANNED_OUTCOME)
        .hasNotPassed(TASK_VERIFY, TASK_RECOMMEND_OUTCOME)
        .isWaitingAt(TASK_DECIDE_NEXT_YEAR)
        .variables().containsEntry(Var.RECOMMENDED_OUTCOME, Outcome.PREPARE_IMPLEMENTATION.code());
    decide(pi, Outcome.PREPARE_IMPLEMENTATION, null);
    assertThat(pi).isEnded().hasPassed(END_PREPARE_IMPLEMENTATION);
  }

  @Test
  void aStudyWithVerificationSkipsModelImplementation() {
    ProcessInstance pi = startPlanned(List.of(
        phase(Stage.COORDINATE, "あり方検討", "2019-04-01", "2019-12-31"),
        phase(Stage.VERIFY, "検証", "2020-01-01", "2020-03-31")), Outcome.CONTINUE_STUDY);

    completeAt(pi, TASK_COORDINATE, Map.of());

    assertThat(pi).hasPassed(GATEWAY_HAS_MODEL_IMPLEMENTATION).hasNotPassed(TASK_IMPLEMENT_MODEL)
        .isWaitingAt(TASK_VERIFY);
  }

  @Test
  void delayedPhaseIsMarkedAndEscalatedToManagersOnce() {
    ProcessInstance pi = startPlanned(List.of(phase(Stage.COORDINATE, "要領作成", "2019-04-01", "2019-06-30")),
        Outcome.CONTINUE);
    Job overdue = managementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    org.assertj.core.api.Assertions.assertThat(overdue.getDuedate())
        .isEqualTo(Date.from(ZonedDateTime.of(2019, 7, 1, 0, 0, 0, 0, CityTime.ZONE).toInstant()));

    execute(overdue);

    assertThat(pi).isWaitingAt(TASK_COORDINATE, TASK_HANDLE_DELAY).hasPassed(EVENT_COORDINATION_OVERDUE)
        .variables().containsEntry(Var.DELAYED, true).containsEntry(Var.DELAYED_PHASES, "coordinate");
    Task escalation = taskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(TASK_HANDLE_DELAY).singleResult();
    assertThat(escalation).hasCandidateGroup(MANAGERS_GROUP).hasName("遅延への対応：要領作成");
    org.assertj.core.api.Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId())
        .count()).as("the overdue timer fires once").isZero();

    complete(escalation);
    assertThat(pi).hasPassed(END_DELAY_HANDLED).isWaitingAt(TASK_COORDINATE);
  }

  @Test
  void everyStageOverrunIsEscalated() {
    ProcessInstance pi = start();
    completeAt(pi, TASK_COORDINATE, Map.of());
    execute(managementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult());
    completeAt(pi, TASK_IMPLEMENT_MODEL, Map.of());
    execute(managementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult());
    verify(pi, VerificationRating.GOOD, 100);
    decide(pi, Outcome.CONTINUE, null);
    execute(managementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult());

    assertThat(pi).hasPassed(EVENT_MODEL_IMPLEMENTATION_OVERDUE, EVENT_VERIFICATION_OVERDUE,
            EVENT_CONTINUED_IMPLEMENTATION_OVERDUE)
        .variables().containsEntry(Var.DELAYED_PHASES, "implementModel,verify,continueImplementation");
    org.assertj.core.api.Assertions.assertThat(taskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(TASK_HANDLE_DELAY).count()).isEqualTo(3);
  }

  // --- Co-owners and wards -----------------------------------------------------------------------------

  private static final String LEAD = "communityPromotion";
  private static final String TAKATSU = "wardTakatsu";
  private static final String TAMA = "wardTama";
  private static final String ASAO = "wardAsao";

  @Test
  void aCoOwnerGetsTheOwnersTasksAndMayWorkThemWhileOtherWardsMayNot() {
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        engine.getProcessEngine().getProcessEngineConfiguration();
    configuration.setAuthorizationEnabled(true); // the engine grants each candidate group its task
    ProcessInstance pi;
    try {
      pi = startItem(new Owners(LEAD, List.of("wardKawasaki"), List.of("legalAffairs"), List.of()), WardScope.NONE,
          List.of(phase(Stage.COORDINATE, "調整", "2019-04-01", "2019-09-30"),
              phase(Stage.VERIFY, "検証", "2019-10-01", "2020-03-31")), Outcome.CONTINUE);
      Task coordination = taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
      assertThat(coordination).hasCandidateGroup(LEAD).hasCandidateGroup("wardKawasaki").hasName("調整");
      var records = new jp.shisakuflow.security.EngineRecords(engine.getProcessEngine());
      org.assertj.core.api.Assertions.assertThat(records.mayWork(
          new jp.shisakuflow.security.Caller("kawasaki1", List.of("wardKawasaki"), List.of(jp.shisakuflow.organization.City.SEED.tenantId())), coordination.getId()))
          .as("a co-owner works the task").isEqualTo(jp.shisakuflow.security.EngineRecords.Verdict.ALLOWED);
      org.assertj.core.api.Assertions.assertThat(records.mayWork(
          new jp.shisakuflow.security.Caller("legal1", List.of("legalAffairs"), List.of(jp.shisakuflow.organization.City.SEED.tenantId())), coordination.getId()))
          .as("a counterpart is consulted, works no task").isEqualTo(jp.shisakuflow.security.EngineRecords.Verdict.DENIED);
      org.assertj.core.api.Assertions.assertThat(records.mayWork(
          new jp.shisakuflow.security.Caller("saiwai1", List.of("wardSaiwai"), List.of(jp.shisakuflow.organization.City.SEED.tenantId())), coordination.getId()))
          .isEqualTo(jp.shisakuflow.security.EngineRecords.Verdict.DENIED);
    } finally {
      configuration.setAuthorizationEnabled(false);
    }
    claim(taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult(), "kawasaki1");
    complete(taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult());

    assertThat(pi).isWaitingAt(TASK_VERIFY).task().hasCandidateGroup(LEAD).hasCandidateGroup("wardKawasaki");
  }

  @Test
  void fanOutGivesEachWardItsOwnTaskAndThePhaseWaitsForAll() {
    ProcessInstance pi = startItem(Owners.led(LEAD), new WardScope(WardScope.Mode.LISTED, List.of(TAKATSU, TAMA)),
        List.of(phase(Stage.COORDINATE, "運営手法の調整", "2019-04-01", "2019-06-30"),
            phase(Stage.IMPLEMENT_MODEL, "実施", "2019-07-01", "2019-12-31")), Outcome.CONTINUE);

    List<Task> coordination = tasks(pi, TASK_COORDINATE);
    org.assertj.core.api.Assertions.assertThat(coordination).extracting(Task::getName)
        .containsExactlyInAnyOrder("調整：運営手法の調整（高津区役所）", "調整：運営手法の調整（多摩区役所）");
    assertThat(task(pi, TASK_COORDINATE, TAKATSU)).hasCandidateGroup(TAKATSU).hasDueDate(
        Date.from(ZonedDateTime.of(2019, 6, 30, 17, 15, 0, 0, CityTime.ZONE).toInstant()));
    org.assertj.core.api.Assertions.assertThat(taskService().getIdentityLinksForTask(
        task(pi, TASK_COORDINATE, TAKATSU).getId())).extracting(l -> l.getGroupId())
        .as("each ward works its own; the lead watches").containsExactly(TAKATSU);

    Task takatsu = task(pi, TASK_COORDINATE, TAKATSU);
    claim(takatsu, "worker");
    assertThatThrownBy(() -> complete(takatsu, withVariables(Var.WARDS, "[\"wardAsao\"]")))
        .as("the plan's wards are not the coordination's to change")
        .hasRootCauseInstanceOf(InvalidTaskInputException.class)
        .rootCause().hasMessageContaining("実施区は計画で決まっている");
    assertThat(pi).variables().containsEntry(Var.WARDS, TAKATSU + "," + TAMA);
    complete(takatsu, withVariables("coordinationContent", "高津区の調整"));
    assertThat(pi).isWaitingAt(TASK_COORDINATE).hasNotPassed(GATEWAY_HAS_MODEL_IMPLEMENTATION);
    claimAndComplete(task(pi, TASK_COORDINATE, TAMA), Map.of());

    org.assertj.core.api.Assertions.assertThat(tasks(pi, TASK_IMPLEMENT_MODEL)).extracting(Task::getName)
        .containsExactlyInAnyOrder("モデル実施：実施（高津区役所）", "モデル実施：実施（多摩区役所）");
    assertThat(task(pi, TASK_IMPLEMENT_MODEL, TAMA)).hasCandidateGroup(TAMA);
  }

  @Test
  void wardsDecidedInTheYearAreChosenAtCoordinationAndTheLaterPhasesFanOutOverThem() {
    ProcessInstance pi = startItem(Owners.led(LEAD), new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of()),
        List.of(phase(Stage.COORDINATE, "モデル展開を行う区の決定", "2019-04-01", "2019-06-30"),
            phase(Stage.IMPLEMENT_MODEL, "各区と個別調整", "2019-07-01", "2020-03-31")), Outcome.PHASED_ROLLOUT);
    Task choice = taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(choice).hasCandidateGroup(LEAD).hasName("調整：モデル展開を行う区の決定");

    claim(choice, "chooser");
    assertThatThrownBy(() -> complete(choice, withVariables(Var.WARDS, "[]")))
        .hasRootCauseInstanceOf(InvalidTaskInputException.class)
        .rootCause().hasMessageContaining("実施する区を一つ以上選んでください");
    assertThat(pi).isWaitingAt(TASK_COORDINATE);
    // As Tasklist sends a checklist bound to the text variable: the JSON text of the list.
    complete(choice, withVariables(Var.WARDS, "[\"wardTama\",\"wardTakatsu\"]"));

    assertThat(pi).variables().containsEntry(Var.WARDS, "wardTakatsu,wardTama");
    org.assertj.core.api.Assertions.assertThat(tasks(pi, TASK_IMPLEMENT_MODEL)).extracting(Task::getName)
        .containsExactlyInAnyOrder("モデル実施：各区と個別調整（高津区役所）", "モデル実施：各区と個別調整（多摩区役所）");
    org.assertj.core.api.Assertions.assertThat(historyService().createHistoricDetailQuery().processInstanceId(pi.getId())
        .variableUpdates().list().stream()
        .map(d -> (org.camunda.bpm.engine.history.HistoricVariableUpdate) d)
        .filter(d -> d.getVariableName().equals(Var.WARDS)).map(d -> d.getValue()))
        .as("the history keeps the choice as sent and as kept").contains("[\"wardTama\",\"wardTakatsu\"]",
            "wardTakatsu,wardTama");
    org.assertj.core.api.Assertions.assertThat(historyService().createHistoricTaskInstanceQuery()
        .taskId(choice.getId()).singleResult().getAssignee()).as("who chose").isEqualTo("chooser");
  }

  @Test
  void aWardsDelayEscalatesNamingTheLateWardWhileTheOthersAreDone() {
    ProcessInstance pi = startItem(Owners.led(LEAD), new WardScope(WardScope.Mode.LISTED, List.of(TAKATSU, TAMA)),
        List.of(phase(Stage.IMPLEMENT_MODEL, "実施", "2019-07-01", "2019-12-31")), Outcome.CONTINUE);
    claimAndComplete(task(pi, TASK_IMPLEMENT_MODEL, TAKATSU), Map.of());
    Job overdue = managementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    org.assertj.core.api.Assertions.assertThat(overdue.getDuedate())
        .isEqualTo(Date.from(ZonedDateTime.of(2020, 1, 1, 0, 0, 0, 0, CityTime.ZONE).toInstant()));

    execute(overdue);

    assertThat(pi).hasPassed(EVENT_MODEL_IMPLEMENTATION_OVERDUE).isWaitingAt(TASK_IMPLEMENT_MODEL, TASK_HANDLE_DELAY)
        .variables().containsEntry(Var.DELAYED_PHASES, "implementModel");
    Task escalation = tasks(pi, TASK_HANDLE_DELAY).get(0);
    assertThat(escalation).hasCandidateGroup(MANAGERS_GROUP).hasName("遅延への対応：実施（多摩区役所）");
    claimAndComplete(task(pi, TASK_IMPLEMENT_MODEL, TAMA), Map.of());
    assertThat(pi).hasPassed(TASK_ADOPT_PLANNED_OUTCOME).isWaitingAt(TASK_DECIDE_NEXT_YEAR, TASK_HANDLE_DELAY);
  }

  @Test
  void aPhasedRolloutKeepsThisYearsWardsAndAddsTheOnesChosenNextYear() {
    // Year 1: the wards are decided during the year (two of them), the year ends in 順次モデル実施.
    ProcessInstance year1 = startItem(Owners.led(LEAD), new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of()),
        List.of(phase(Stage.COORDINATE, "モデル展開を行う区の決定", "2019-04-01", "2019-06-30"),
            phase(Stage.IMPLEMENT_MODEL, "モデル実施", "2019-07-01", "2020-03-31")), Outcome.PHASED_ROLLOUT);
    completeAt(year1, TASK_COORDINATE, Map.of(Var.WARDS, TAKATSU + "," + TAMA));
    claimAndComplete(task(year1, TASK_IMPLEMENT_MODEL, TAKATSU), Map.of());
    claimAndComplete(task(year1, TASK_IMPLEMENT_MODEL, TAMA), Map.of());
    decide(year1, Outcome.PHASED_ROLLOUT, null);
    assertThat(year1).isEnded().hasPassed(END_PHASED_ROLLOUT);

    WardRollout rollout = new WardRollout(historyService());
    WardScope next = rollout.nextYear(year1.getId(), Outcome.PHASED_ROLLOUT);
    org.assertj.core.api.Assertions.assertThat(next)
        .isEqualTo(new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of(), List.of(TAKATSU, TAMA)));
    WardScope planned = new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of());
    org.assertj.core.api.Assertions.assertThat(rollout.nextYear(SDC.businessKey(), planned, Outcome.PHASED_ROLLOUT))
        .as("by this year's business key, as the rollover asks").isEqualTo(next);
    org.assertj.core.api.Assertions.assertThat(rollout.nextYear("FY2019-never-started", planned, Outcome.CONTINUE))
        .as("no instance this year: the plan's wards").isEqualTo(planned);

    // Year 2 as the rollover starts it (NextYear: a phased rollout has no coordination phase), with next year's
    // wards: the wards are chosen first.
    var year1Start = new InitiativeStart(SDC.initiativeId(), SDC.title(), SDC.workstream(), Owners.led(LEAD), planned,
        2019, List.of(), Outcome.PHASED_ROLLOUT, Outcome.PHASED_ROLLOUT.labelJa(), null, null);
    var start = rollout.withNextYearsWards(NextYear.of(year1Start, Outcome.PHASED_ROLLOUT).orElseThrow(),
        Outcome.PHASED_ROLLOUT);
    org.assertj.core.api.Assertions.assertThat(start.wards()).isEqualTo(next);
    String id = lifecycles.startIfAbsent(start).orElseThrow();
    ProcessInstance year2 = runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    assertThat(year2).isWaitingAt(TASK_COORDINATE).task().hasCandidateGroup(LEAD);
    assertThat(year2).variables().containsEntry(Var.PREVIOUS_WARDS, TAKATSU + "," + TAMA);

    assertThatThrownBy(() -> completeAt(year2, TASK_COORDINATE, Map.of(Var.WARDS, "[\"wardTama\"]")))
        .hasRootCauseInstanceOf(InvalidTaskInputException.class)
        .rootCause().hasMessageContaining("前年度までの実施区 (高津区役所・多摩区役所) のほかに");
    completeAt(year2, TASK_COORDINATE, Map.of(Var.WARDS, "[\"wardAsao\"]"));

    assertThat(year2).variables().containsEntry(Var.WARDS, TAKATSU + "," + TAMA + "," + ASAO);
    org.assertj.core.api.Assertions.assertThat(tasks(year2, TASK_IMPLEMENT_MODEL)).extracting(Task::getName)
        .containsExactlyInAnyOrder("モデル実施：順次モデル実施（高津区役所）", "モデル実施：順次モデル実施（多摩区役所）",
            "モデル実施：順次モデル実施（麻生区役所）");
    org.assertj.core.api.Assertions.assertThat(rollout.nextYear(year2.getId(), Outcome.CONTINUE))
        .as("the year after keeps all three").isEqualTo(new WardScope(WardScope.Mode.LISTED, List.of(TAKATSU, TAMA, ASAO)));
  }

  private ProcessInstance startItem(Owners owners, WardScope wards, List<PlannedPhase> phases, Outcome outcome) {
    var start = new InitiativeStart(SDC.initiativeId(), SDC.title(), SDC.workstream(), owners, wards, 2019, phases,
        outcome, outcome.labelJa(), "FY2019-plan-test", null);
    String id = lifecycles.startIfAbsent(start).orElseThrow();
    return runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private static List<Task> tasks(ProcessInstance pi, String taskKey) {
    return taskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).list();
  }

  /** The task of a fanned-out phase that the ward works. */
  private static Task task(ProcessInstance pi, String taskKey, String ward) {
    return taskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey)
        .taskCandidateGroup(ward).singleResult();
  }

  private static void claimAndComplete(Task task, Map<String, Object> variables) {
    claim(task, "worker");
    complete(task, variables);
  }

  private ProcessInstance startPlanned(List<PlannedPhase> phases, Outcome plannedOutcome) {
    var start = new InitiativeStart(SDC.initiativeId(), SDC.title(), SDC.workstream(), OWNER, 2019, phases,
        plannedOutcome, plannedOutcome.labelJa(), "FY2019-plan-test", null);
    String id = lifecycles.startIfAbsent(start).orElseThrow();
    return runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  static PlannedPhase phase(Stage stage, String name, String start, String end) {
    return new PlannedPhase(stage.code(), stage, name, LocalDate.parse(start), LocalDate.parse(end));
  }

  private static void execute(Job job) {
    managementService().executeJob(job.getId());
  }

  private ProcessInstance start() {
    String id = lifecycles.startIfAbsent(SDC).orElseThrow();
    return runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private ProcessInstance workToDecision(VerificationRating rating, int achievementRate) {
    ProcessInstance pi = start();
    completeAt(pi, TASK_COORDINATE, Map.of());
    completeAt(pi, TASK_IMPLEMENT_MODEL, Map.of());
    verify(pi, rating, achievementRate);
    assertThat(pi).isWaitingAt(TASK_DECIDE_NEXT_YEAR);
    return pi;
  }

  /** Coordination and model implementation, then a verification that asks to coordinate again. */
  private void verifyAskingForRecoordination(ProcessInstance pi) {
    completeAt(pi, TASK_COORDINATE, Map.of());
    completeAt(pi, TASK_IMPLEMENT_MODEL, Map.of());
    completeAt(pi, TASK_VERIFY, Map.of(Var.VERIFICATION_RATING, VerificationRating.NEEDS_IMPROVEMENT.code(),
        Var.ACHIEVEMENT_RATE, 40, Var.RECOORDINATE, true));
  }

  private void verify(ProcessInstance pi, VerificationRating rating, int achievementRate) {
    completeAt(pi, TASK_VERIFY, Map.of(Var.VERIFICATION_RATING, rating.code(), Var.ACHIEVEMENT_RATE, achievementRate));
  }

  private void decide(ProcessInstance pi, Outcome outcome, String reason) {
    var variables = withVariables(Var.DECIDED_OUTCOME, outcome.code());
    if (reason != null) {
      variables.put(Var.DECISION_REASON, reason);
    }
    completeAt(pi, TASK_DECIDE_NEXT_YEAR, variables);
  }

  private void completeAt(ProcessInstance pi, String taskKey, Map<String, Object> variables) {
    assertThat(pi).isWaitingAt(taskKey);
    var task = taskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey)
        .singleResult();
    claim(task, "worker");
    complete(task, variables);
  }
}
