package jp.shisakuflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The deployed {@code daily-digest} through a real (in-process) SMTP server: on an office day every group with an
 * address and tasks gets one digest; on a public holiday nobody does. The timer is made due on the day as the
 * job executor would find it (tests run no job executor).
 */
@ApiTest
class DailyDigestMailTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired TaskNotifications notifications;

  final List<String> taskIds = new ArrayList<>();

  @BeforeEach
  void anOverdueTaskPerGroup() {
    for (String group : notifications.digestGroups()) {
      taskIds.add(DigestDays.overdueTask(taskService, group, "ダイジェスト確認 " + group));
    }
  }

  @AfterEach
  void cleanUp() {
    taskIds.forEach(id -> taskService.deleteTask(id, true));
    ClockUtil.reset();
    DigestDays.leaveTimerInTheFuture(managementService);
  }

  @Test
  void onAnOfficeDayEachGroupGetsOneDigest() throws Exception {
    ProcessInstance digest = DigestDays.runTimerOn(managementService, runtimeService, LocalDate.of(2026, 12, 1));
    DigestDays.runAllJobs(managementService, digest.getId());

    assertThat(smtp.waitForIncomingEmail(5_000, notifications.digestGroups().size())).isTrue();
    assertThat(smtp.waitForIncomingEmail(1_000, notifications.digestGroups().size() + 1)).as("no more").isFalse();
    Map<String, Long> perAddress = Arrays.stream(smtp.getReceivedMessages())
        .collect(Collectors.groupingBy(DailyDigestMailTest::recipients, Collectors.counting()));
    assertThat(perAddress).as("one digest per group").containsOnly(
        Map.entry("[managers@test.invalid]", 1L), Map.entry("[takatsu@test.invalid]", 1L));
    assertThat(smtp.getReceivedMessages()).allSatisfy(mail ->
        assertThat(mail.getContent().toString()).contains("■ 期限切れ", "ダイジェスト確認"));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(digest.getId()).count())
        .as("the instance ended").isZero();
    assertThat(DigestDays.timer(managementService).getDuedate()).as("the next run is tomorrow at 8:00 or later")
        .isAfter(ClockUtil.getCurrentTime());
  }

  @Test
  void onAPublicHolidayNoDigestGoesOut() {
    ProcessInstance digest = DigestDays.runTimerOn(managementService, runtimeService, LocalDate.of(2026, 11, 23));

    assertThat(digest).as("勤労感謝の日: the instance ended at once").isNull();
    assertThat(smtp.waitForIncomingEmail(1_000, 1)).isFalse();
  }

  private static String recipients(MimeMessage mail) {
    try {
      return Arrays.toString(mail.getAllRecipients());
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Running the digest's jobs by hand, as the job executor of one node would. */
  static final class DigestDays {

    private DigestDays() {}

    static Job timer(ManagementService managementService) {
      return managementService.createJobQuery().processDefinitionKey(DailyDigest.PROCESS_KEY).timers()
          .active().singleResult();
    }

    /**
     * The timer due at 8:00 of a day and run a second later; the instance it started, or {@code null} when that
     * ended within the timer's job (a closed day).
     */
    static ProcessInstance runTimerOn(ManagementService managementService, RuntimeService runtimeService,
        LocalDate day) {
      Date due = Date.from(day.atTime(8, 0).atZone(CityTime.ZONE).toInstant());
      Job timer = timer(managementService);
      managementService.setJobDuedate(timer.getId(), due);
      ClockUtil.setCurrentTime(new Date(due.getTime() + 1_000));
      List<String> before = runtimeService.createProcessInstanceQuery().processDefinitionKey(DailyDigest.PROCESS_KEY)
          .list().stream().map(ProcessInstance::getId).toList();
      managementService.executeJob(timer.getId());
      return runtimeService.createProcessInstanceQuery().processDefinitionKey(DailyDigest.PROCESS_KEY).list()
          .stream().filter(p -> !before.contains(p.getId())).findFirst().orElse(null);
    }

    /** The next timer was computed from the test's clock: due tomorrow again for the tests that share the engine. */
    static void leaveTimerInTheFuture(ManagementService managementService) {
      managementService.setJobDuedate(timer(managementService).getId(),
          new Date(ClockUtil.getCurrentTime().getTime() + 86_400_000L));
    }

    static void runAllJobs(ManagementService managementService, String instanceId) {
      List<Job> jobs;
      while (!(jobs = managementService.createJobQuery().processInstanceId(instanceId).list()).isEmpty()) {
        jobs.forEach(job -> managementService.executeJob(job.getId()));
      }
    }

    static String overdueTask(TaskService taskService, String group, String name) {
      Task task = taskService.newTask();
      task.setName(name);
      task.setDueDate(CityTime.dueAt(LocalDate.of(2026, 11, 27)));
      taskService.saveTask(task);
      taskService.addCandidateGroup(task.getId(), group);
      return task.getId();
    }
  }
}
