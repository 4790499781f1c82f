package jp.shisakuflow.audit;

import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.EVENT_COORDINATION_OVERDUE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.EVENT_MODEL_IMPLEMENTATION_OVERDUE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The job log leaves out overdue timers that never fire, and keeps those that do. */
@ApiTest
class IdleTimerHistoryTest {

  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;

  @Test
  void aPhaseDoneInTimeLeavesNoJobLog() {
    String instance = start();
    assertThat(overdueTimer(instance, EVENT_COORDINATION_OVERDUE)).isNotNull();

    taskService.complete(taskService.createTaskQuery().processInstanceId(instance).singleResult().getId(),
        Map.of("coordinationPartners", "高津区 地域振興課"));

    assertThat(overdueTimer(instance, EVENT_COORDINATION_OVERDUE)).isNull();
    assertThat(overdueTimer(instance, EVENT_MODEL_IMPLEMENTATION_OVERDUE)).isNotNull();
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(instance).list()).isEmpty();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance).finished()
        .activityType("userTask").count()).isOne();
  }

  @Test
  void anOverdueTimerThatFiresIsLogged() {
    String instance = start();
    Job timer = overdueTimer(instance, EVENT_COORDINATION_OVERDUE);

    managementService.executeJob(timer.getId());

    assertThat(historyService.createHistoricJobLogQuery().jobId(timer.getId()).successLog().count()).isOne();
    assertThat(historyService.createHistoricJobLogQuery().jobId(timer.getId()).creationLog().count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId(EVENT_COORDINATION_OVERDUE).count()).isOne();
  }

  private String start() {
    return initiatives.startIfAbsent(InitiativeStart.unplanned("timer-" + System.nanoTime(), "タイマー履歴の施策",
        "social-design-center", OrganizationGroup.WARD_TAKATSU.id(), 2031)).orElseThrow();
  }

  private Job overdueTimer(String instance, String event) {
    return managementService.createJobQuery().processInstanceId(instance).activityId(event).singleResult();
  }
}
