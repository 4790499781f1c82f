package jp.shisakuflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.ProcessTestEngine;
import jp.shisakuflow.time.BusinessDays;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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
 * The paths of {@code daily-digest}: its timer is due at 8:00 in Tokyo on weekdays; on an office day each group with
 * an address gets its own job and, with overdue or soon-due tasks, its mail; on a public holiday nothing goes out.
 */
@Deployment(resources = DailyDigest.RESOURCE)
class DailyDigestProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessTestEngine.withFullCoverage();

  static final Map<String, String> ADDRESSES = Map.of("wardTakatsu", "takatsu@test.invalid",
      "managers", "managers@test.invalid");

  final List<Notification> sent = new ArrayList<>();
  final List<String> taskIds = new ArrayList<>();

  @BeforeEach
  void engineAt(org.junit.jupiter.api.TestInfo test) {
    LocalDate day = test.getTestMethod().orElseThrow().getName().contains("Holiday")
        ? LocalDate.of(2026, 11, 23) : LocalDate.of(2026, 12, 1);
    ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(7, 59)).atZone(CityTime.ZONE).toInstant()));
    ProcessEngine engine = extension.getProcessEngine();
    init(engine);
    NotificationProperties properties = new NotificationProperties(NotificationProperties.Mode.SMTP, null, null, 2,
        ADDRESSES);
    MailGateway mail = new MailGateway(properties, null) {
      @Override
      public void sendOrFail(Notification notification) {
        sent.add(notification);
      }
    };
    TaskNotifications notifications = new TaskNotifications(properties, new NotificationMessages(), mail,
        engine.getIdentityService(), engine.getTaskService());
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getBeans()
        .put("dailyDigest", new DailyDigestSteps(BusinessDays.japan(), notifications));
  }

  @AfterEach
  void reset() {
    taskIds.forEach(id -> taskService().deleteTask(id, true));
    ClockUtil.reset();
  }

  @Test
  void onAnOfficeDayEachGroupWithTasksGetsItsDigestOnce() {
    Task overdue = taskService().newTask();
    overdue.setName("ガイドブックの校正");
    overdue.setDueDate(CityTime.dueAt(LocalDate.of(2026, 11, 30)));
    taskService().saveTask(overdue);
    taskIds.add(overdue.getId());
    taskService().addCandidateGroup(overdue.getId(), "wardTakatsu");

    Job timer = timer();
    assertThat(timer.getDuedate()).as("8:00 in Tokyo, whatever the JVM's zone")
        .isEqualTo(Date.from(LocalDate.of(2026, 12, 1).atTime(8, 0).atZone(CityTime.ZONE).toInstant()));
    ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1_000));
    managementService().executeJob(timer.getId());

    var instance = historyService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(DailyDigest.PROCESS_KEY).singleResult();
    List<Job> perGroup = managementService().createJobQuery().processInstanceId(instance.getId()).list();
    assertThat(perGroup).as("one job per group with an address").hasSize(ADDRESSES.size())
        .allSatisfy(job -> assertThat(job.getRetries()).isPositive());
    assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(DailyDigest.Var.DIGEST_DAY).singleResult().getValue()).isEqualTo("2026-12-01");

    while (managementService().createJobQuery().processInstanceId(instance.getId()).count() > 0) {
      managementService().createJobQuery().processInstanceId(instance.getId()).list()
          .forEach(job -> managementService().executeJob(job.getId()));
    }

    assertThat(passed(instance.getId())).contains(DailyDigest.Element.START_MORNING,
        DailyDigest.Element.TASK_CHECK_OFFICE_DAY, DailyDigest.Element.TASK_SEND_DIGEST,
        DailyDigest.Element.END_DIGEST_SENT).doesNotContain(DailyDigest.Element.END_CLOSED_DAY);
    assertThat(ended(instance.getId())).isTrue();
    assertThat(sent).as("the group with an overdue task; managers have none").singleElement()
        .satisfies(mail -> {
          assertThat(mail.to()).containsExactly("takatsu@test.invalid");
          assertThat(mail.body()).contains("ガイドブックの校正");
        });
    assertThat(timer().getDuedate()).as("the next weekday at 8:00")
        .isEqualTo(Date.from(LocalDate.of(2026, 12, 2).atTime(8, 0).atZone(CityTime.ZONE).toInstant()));
  }

  @Test
  void onAPublicHolidayNoDigestGoesOut() {
    Job timer = timer();
    assertThat(timer.getDuedate()).as("勤労感謝の日 2026 is a Monday: the timer is due, the day is no office day")
        .isEqualTo(Date.from(LocalDate.of(2026, 11, 23).atTime(8, 0).atZone(CityTime.ZONE).toInstant()));

    ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1_000));
    managementService().executeJob(timer.getId());

    var instance = historyService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(DailyDigest.PROCESS_KEY).singleResult();
    assertThat(passed(instance.getId())).contains(DailyDigest.Element.END_CLOSED_DAY)
        .doesNotContain(DailyDigest.Element.TASK_SEND_DIGEST);
    assertThat(ended(instance.getId())).isTrue();
    assertThat(sent).isEmpty();
  }

  private static Job timer() {
    return managementService().createJobQuery().processDefinitionKey(DailyDigest.PROCESS_KEY).timers()
        .singleResult();
  }

  private static List<String> passed(String instanceId) {
    return historyService().createHistoricActivityInstanceQuery().processInstanceId(instanceId).finished().list()
        .stream().map(a -> a.getActivityId()).toList();
  }

  private static boolean ended(String instanceId) {
    HistoricProcessInstance instance = historyService().createHistoricProcessInstanceQuery()
        .processInstanceId(instanceId).singleResult();
    return instance.getEndTime() != null;
  }
}
