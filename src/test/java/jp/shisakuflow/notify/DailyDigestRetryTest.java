package jp.shisakuflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import jp.shisakuflow.notify.DailyDigestMailTest.DigestDays;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A mail server that is down (nothing listens on the test SMTP port here): the group's digest job is retried as
 * the app's retry policy says (read from the engine's configuration, its one home) and then becomes an incident,
 * which Cockpit shows on the instance.
 */
@ApiTest
class DailyDigestRetryTest {

  @Autowired ProcessEngine engine;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void aMailServerDownIsRetriedWithBackoffThenAnIncident() {
    String retryCycle = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getFailedJobRetryTimeCycle();
    FailedJobRetryConfiguration policy = ParseUtil.parseRetryIntervals(retryCycle);
    assertThat(policy).as("a global retry policy is configured (camunda.bpm.generic-properties)").isNotNull();
    assertThat(policy.getRetries()).isGreaterThan(1);
    String managers = OrganizationGroup.MANAGERS.id();
    String taskId = DigestDays.overdueTask(taskService, managers, "再試行の確認");
    ProcessInstance digest = null;
    try {
      digest = DigestDays.runTimerOn(managementService, runtimeService, LocalDate.of(2026, 12, 2));
      String instanceId = digest.getId();
      Job job = managementService.createJobQuery().processInstanceId(instanceId).list().stream()
          .filter(j -> managers.equals(runtimeService.getVariable(j.getExecutionId(), DailyDigest.Var.DIGEST_GROUP)))
          .findFirst().orElseThrow();

      int attempts = 0;
      while (job.getRetries() > 0) {
        String jobId = job.getId();
        assertThatThrownBy(() -> managementService.executeJob(jobId)).as("attempt %d fails", attempts + 1)
            .hasMessageContaining("Mail");
        attempts++;
        job = managementService.createJobQuery().jobId(jobId).singleResult();
        if (attempts == 1) {
          Duration firstWait = Duration.between(ClockUtil.getCurrentTime().toInstant(), job.getDuedate().toInstant());
          assertThat(firstWait).as("the first interval of " + retryCycle)
              .isEqualTo(Duration.parse(policy.getRetryIntervals().get(0)));
        }
        ClockUtil.setCurrentTime(job.getDuedate());
      }

      assertThat(attempts).as("tries of " + retryCycle).isEqualTo(policy.getRetries());
      assertThat(job.getExceptionMessage()).isNotBlank();
      String failedJobId = job.getId();
      List<Incident> incidents = runtimeService.createIncidentQuery().processInstanceId(instanceId).list();
      assertThat(incidents).singleElement().satisfies(incident -> {
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo(DailyDigest.Element.TASK_SEND_DIGEST);
        assertThat(incident.getConfiguration()).isEqualTo(failedJobId);
      });
    } finally {
      if (digest != null) {
        runtimeService.deleteProcessInstance(digest.getId(), "test", true, true);
      }
      taskService.deleteTask(taskId, true);
      ClockUtil.reset();
      DigestDays.leaveTimerInTheFuture(managementService);
    }
  }
}
