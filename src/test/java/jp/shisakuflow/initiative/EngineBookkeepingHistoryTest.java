package jp.shisakuflow.initiative;

import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_COORDINATE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_IMPLEMENT_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.util.List;
import jp.shisakuflow.ProcessTestEngine;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The history stays {@code full} for everything that happened to an initiative, without the engine's own
 * bookkeeping: the multi-instance counters of its phases, and the creation and deletion of overdue timers that
 * never fired.
 */
@Deployment(resources = {InitiativeLifecycle.RESOURCE, InitiativeLifecycle.DECISION_RESOURCE})
class EngineBookkeepingHistoryTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessTestEngine.plain();

  private InitiativeLifecycleService lifecycles;

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    lifecycles = new InitiativeLifecycleService(runtimeService(), historyService(),
        engine.getProcessEngine().getAuthorizationService());
  }

  @Test
  void theLevelIsFullForTheEngineAndTheDatabase() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngine().getProcessEngineConfiguration();
    assertThat(configuration.getHistory()).isEqualTo("full");
    assertThat(configuration.getHistoryLevel()).isInstanceOf(EngineBookkeepingHistory.Level.class);
    assertThat(configuration.getHistoryLevel().getId()).isEqualTo(HistoryLevel.HISTORY_LEVEL_FULL.getId());
    assertThat(engine.getProcessEngine().getManagementService().getProperties()).containsEntry("historyLevel", "3");
  }

  @Test
  void aPhaseKeepsItsTaskAndValuesButNotTheEnginesCounters() {
    String pi = lifecycles.startIfAbsent(InitiativeStart.unplanned("bookkeeping-1", "履歴の確認", "other",
        "wardTakatsu", 2093)).orElseThrow();
    var task = taskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(TASK_COORDINATE).singleResult();
    assertThat(runtimeService().getVariable(task.getExecutionId(), InitiativeLifecycle.Var.LOOP_COUNTER))
        .as("the counter is there while the phase runs").isEqualTo(0);
    taskService().complete(task.getId(), java.util.Map.of("coordinationPartners", "高津区 地域振興課"));

    List<String> names = historyService().createHistoricVariableInstanceQuery().processInstanceId(pi).list().stream()
        .map(HistoricVariableInstance::getName).toList();
    assertThat(names).contains(InitiativeLifecycle.Var.TASK_GROUPS, InitiativeLifecycle.Var.TITLE,
        "coordinationPartners").doesNotContainAnyElementsOf(InitiativeLifecycle.Var.LOOP_BOOKKEEPING);
    assertThat(historyService().createHistoricDetailQuery().processInstanceId(pi).variableUpdates().list())
        .isNotEmpty().noneMatch(d -> InitiativeLifecycle.Var.LOOP_BOOKKEEPING.contains(
            ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName()));
    assertThat(historyService().createHistoricTaskInstanceQuery().processInstanceId(pi)
        .taskDefinitionKey(TASK_COORDINATE).finished().count()).isEqualTo(1);
  }

  @Test
  void anOverdueTimerIsLoggedWhenItFiresNotWhenItIsSetOrCancelled() {
    String pi = lifecycles.startIfAbsent(InitiativeStart.unplanned("bookkeeping-2", "履歴の確認", "other",
        "wardTakatsu", 2093)).orElseThrow();
    Job coordinationTimer = managementService().createJobQuery().processInstanceId(pi).timers().singleResult();
    taskService().complete(taskService().createTaskQuery().processInstanceId(pi).singleResult().getId(),
        java.util.Map.of("coordinationPartners", "高津区 地域振興課"));
    assertThat(managementService().createJobQuery().jobId(coordinationTimer.getId()).count())
        .as("cancelled with its phase").isZero();
    Job modelTimer = managementService().createJobQuery().processInstanceId(pi).timers().singleResult();
    assertThat(taskService().createTaskQuery().processInstanceId(pi).singleResult().getTaskDefinitionKey())
        .isEqualTo(TASK_IMPLEMENT_MODEL);

    managementService().executeJob(modelTimer.getId());

    List<HistoricJobLog> log = historyService().createHistoricJobLogQuery().processInstanceId(pi).list();
    assertThat(log).as("the cancelled timer left no rows; the one that fired its success")
        .singleElement().satisfies(entry -> {
          assertThat(entry.getJobId()).isEqualTo(modelTimer.getId());
          assertThat(entry.isSuccessLog()).isTrue();
          assertThat(entry.getActivityId()).isEqualTo(InitiativeLifecycle.Element.EVENT_MODEL_IMPLEMENTATION_OVERDUE);
        });
  }
}
