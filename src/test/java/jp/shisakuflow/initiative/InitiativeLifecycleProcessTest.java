package jp.shisakuflow.initiative;

import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_CONTINUED;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_CONTINUE_STUDY;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_PHASED_ROLLOUT;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_PREPARE_IMPLEMENTATION;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_SUSPEND_OR_ABOLISH;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.GATEWAY_OUTCOME;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.GATEWAY_VERIFICATION_PASSED;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.START;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_CONTINUE_IMPLEMENTATION;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_COORDINATE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_IMPLEMENT_MODEL;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_RECOMMEND_OUTCOME;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_VERIFY;
import static jp.shisakuflow.initiative.InitiativeLifecycle.MANAGERS_GROUP;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.Map;
import jp.shisakuflow.ProcessTestEngine;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
  private static final InitiativeStart SDC = new InitiativeStart("sdc-model-ward",
      "ソーシャルデザインセンター 今年度モデル実施区での展開", "「ソーシャルデザインセンター」の創出", OWNER, 2019);

  private InitiativeLifecycleService lifecycles;

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    lifecycles = new InitiativeLifecycleService(runtimeService(), historyService());
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
  void failedVerificationLoopsBackToCoordination() {
    ProcessInstance pi = start();
    completeAt(pi, TASK_COORDINATE, Map.of());
    completeAt(pi, TASK_IMPLEMENT_MODEL, Map.of());

    completeAt(pi, TASK_VERIFY, Map.of(Var.VERIFICATION_RATING, VerificationRating.NEEDS_IMPROVEMENT.code(),
        Var.ACHIEVEMENT_RATE, 40, Var.RECOORDINATE, true));

    assertThat(pi).isWaitingAt(TASK_COORDINATE).hasNotPassed(TASK_RECOMMEND_OUTCOME);
    assertThat(pi).task().hasCandidateGroup(OWNER);
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
