package jp.shisakuflow.initiative;

import static jp.shisakuflow.initiative.InitiativeLifecycle.MANAGERS_GROUP;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.END_CONTINUED;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.END_CONTINUE_STUDY;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.END_NO_NEXT_YEAR;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.END_PHASED_ROLLOUT;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.END_PREPARE_IMPLEMENTATION;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.END_REVIEW;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.END_SUSPEND_OR_ABOLISH;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.GATEWAY_OUTCOME;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.TASK_ADOPT_PLANNED_OUTCOME;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.TASK_DECIDE_NEXT_YEAR;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.END_DELAY_HANDLED;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.EVENT_STEP_OVERDUE;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.SUBPROCESS_STEP;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.TASK_HANDLE_DELAY;
import static jp.shisakuflow.initiative.InitiativeSteps.Element.TASK_STEP;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.authorizationService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.ProcessTestEngine;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Deployment(resources = InitiativeSteps.RESOURCE)
class InitiativeStepsProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessTestEngine.withFullCoverage();

  private static final List<PlannedPhase> GUIDELINE_STEPS = List.of(
      step(1, "庁内調整、素案作成", "2019-04-01", "2019-09-30"),
      step(2, "庁内照会", "2019-10-01", "2019-12-31"),
      step(3, "案作成", "2020-01-01", "2020-02-29"),
      step(4, "策定", "2020-03-01", "2020-03-31"));

  private InitiativeLifecycleService initiatives;

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    initiatives = new InitiativeLifecycleService(runtimeService(), historyService(), authorizationService());
  }

  @Test
  void aGuidelineRunsItsOwnStepsInOrderUnderTheirPlannedNames() {
    ProcessInstance pi = start(GUIDELINE_STEPS);

    for (PlannedPhase step : GUIDELINE_STEPS) {
      Task task = openStep(pi);
      assertThat(task).hasName(step.name() + "：" + TITLE).hasCandidateGroup("communityPromotion")
          .hasDueDate(Date.from(step.endDay().atTime(17, 15).atZone(CityTime.ZONE).toInstant()));
      claim(task, "community");
      complete(task);
    }

    assertThat(pi).hasPassed(SUBPROCESS_STEP, TASK_ADOPT_PLANNED_OUTCOME).isWaitingAt(TASK_DECIDE_NEXT_YEAR);
  }

  @Test
  void aStepItemIsDecidedForNextYearByAManagerWithThePlansOutcomeAsTheRecommendation() {
    ProcessInstance pi = start(List.of(step(1, "継続実施", "2019-04-01", "2020-03-31")));
    assertThat(openStep(pi)).hasName("継続実施：" + TITLE);
    complete(openStep(pi));

    Task decision = taskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(TASK_DECIDE_NEXT_YEAR).singleResult();
    assertThat(decision).hasCandidateGroup(MANAGERS_GROUP).hasName(InitiativeLifecycle.DECISION_NAME);
    assertThat(pi).variables().containsEntry(Var.RECOMMENDED_OUTCOME, Outcome.CONTINUE.code());
    complete(decision, Map.of(Var.DECIDED_OUTCOME, Outcome.CONTINUE.code()));

    assertThat(pi).isEnded().hasPassed(GATEWAY_OUTCOME, END_CONTINUED);
    org.assertj.core.api.Assertions.assertThat(decidedOutcomeInHistory(pi)).isEqualTo(Outcome.CONTINUE.code());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"phasedRollout, Event_PhasedRollout", "prepareImplementation, Event_PrepareImplementation",
      "continueStudy, Event_ContinueStudy", "review, Event_Review", "suspendOrAbolish, Event_SuspendOrAbolish",
      "none, Event_NoNextYear"})
  void aStepItemsDecisionEndsItAtItsOutcomeAndTheAuditorsFilterFindsIt(String outcome, String endEvent) {
    ProcessInstance pi = start(List.of(step(1, "ガイドブック作成", "2019-04-01", "2020-03-31")));
    complete(openStep(pi));

    Task decision = taskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(TASK_DECIDE_NEXT_YEAR).singleResult();
    complete(decision, Map.of(Var.DECIDED_OUTCOME, outcome, Var.DECISION_REASON, "理由"));

    org.assertj.core.api.Assertions.assertThat(List.of(END_PHASED_ROLLOUT, END_PREPARE_IMPLEMENTATION,
        END_CONTINUE_STUDY, END_REVIEW, END_SUSPEND_OR_ABOLISH, END_NO_NEXT_YEAR)).contains(endEvent);
    assertThat(pi).isEnded().hasPassed(endEvent).variables().containsEntry(Var.DECISION_OVERRIDDEN, true);
    org.assertj.core.api.Assertions.assertThat(decidedOutcomeInHistory(pi)).isEqualTo(outcome);
  }

  @Test
  void aStepIsTheTaskOfTheLeadAndTheCoOwners() {
    var start = new InitiativeStart("ward-council-repeal", "区民会議条例の廃止及び関係例規の整理", "existing-policies",
        new Owners("communityPromotion", List.of("wardKawasaki"), List.of("legalAffairs"), List.of()),
        WardScope.NONE, 2019, List.of(step(1, "法制課との協議", "2019-04-01", "2019-06-30")), Outcome.NONE,
        Outcome.NONE.labelJa(), "FY2019-plan-test", null);
    String id = initiatives.startIfAbsent(start).orElseThrow();
    Task step = taskService().createTaskQuery().processInstanceId(id).taskDefinitionKey(TASK_STEP).singleResult();

    assertThat(step).hasCandidateGroup("communityPromotion").hasCandidateGroup("wardKawasaki");
    org.assertj.core.api.Assertions.assertThat(taskService().getIdentityLinksForTask(step.getId()))
        .noneMatch(link -> "legalAffairs".equals(link.getGroupId()));
  }

  /** What the auditors' outcome filter reads: the instance's decidedOutcome in the history. */
  private static Object decidedOutcomeInHistory(ProcessInstance pi) {
    return historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(Var.DECIDED_OUTCOME).singleResult().getValue();
  }

  @Test
  void anOverrunStepIsMarkedAndEscalatedOnceWhileTheStepGoesOn() {
    ProcessInstance pi = start(GUIDELINE_STEPS);
    complete(openStep(pi));
    var overdue = managementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    org.assertj.core.api.Assertions.assertThat(overdue.getDuedate())
        .isEqualTo(Date.from(ZonedDateTime.of(2020, 1, 1, 0, 0, 0, 0, CityTime.ZONE).toInstant()));

    managementService().executeJob(overdue.getId());

    assertThat(pi).hasPassed(EVENT_STEP_OVERDUE).isWaitingAt(TASK_STEP, TASK_HANDLE_DELAY)
        .variables().containsEntry(Var.DELAYED, true).containsEntry(Var.DELAYED_PHASES, "step2");
    Task escalation = taskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(TASK_HANDLE_DELAY).singleResult();
    assertThat(escalation).hasCandidateGroup(MANAGERS_GROUP).hasName("遅延への対応：庁内照会");
    org.assertj.core.api.Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId())
        .count()).isZero();

    complete(escalation);
    assertThat(pi).hasPassed(END_DELAY_HANDLED);
    assertThat(openStep(pi)).hasName("庁内照会：" + TITLE);
  }

  /** The initiative's title, which each step's name carries after the step's (「継続実施：…」). */
  static final String TITLE = "地域化に向けたガイドラインの検討";

  private ProcessInstance start(List<PlannedPhase> steps) {
    var start = new InitiativeStart("localization-guideline", TITLE, "hiroba",
        "communityPromotion", 2019, steps, Outcome.CONTINUE, "継続実施", "FY2019-plan-test", null);
    org.assertj.core.api.Assertions.assertThat(start.processKey()).isEqualTo(InitiativeSteps.PROCESS_KEY);
    String id = initiatives.startIfAbsent(start).orElseThrow();
    return runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private static Task openStep(ProcessInstance pi) {
    return taskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(TASK_STEP).singleResult();
  }

  private static PlannedPhase step(int number, String name, String start, String end) {
    return new PlannedPhase("step" + number, null, name, LocalDate.parse(start), LocalDate.parse(end));
  }
}
