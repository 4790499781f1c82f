package jp.shisakuflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.StatementCounter;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A Prometheus scrape reads the engine's counts from the database at most once per max age (the second scrape in a
 * row runs no SQL), and the engine's job counters move when a job runs.
 */
@ApiTest
class EngineMetricsScrapeTest {

  @Autowired PrometheusMeterRegistry prometheus;
  @Autowired MeterRegistry meters;
  @Autowired EngineMetrics engineMetrics;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired TestRestTemplate http;
  @Value("${shisaku.admin.password}") String adminPassword;

  @Test
  void aSecondScrapeInARowRunsNoSql() {
    engineMetrics.forget();
    AtomicReference<String> first = new AtomicReference<>();
    List<String> firstStatements = onThisThread(() -> first.set(prometheus.scrape()));
    assertThat(firstStatements).as("the first scrape counts in the engine's runtime tables")
        .anyMatch(sql -> sql.contains("ACT_RU_TASK"))
        .anyMatch(sql -> sql.contains("ACT_RU_EXECUTION"))
        .anyMatch(sql -> sql.contains("ACT_RU_JOB"))
        .anyMatch(sql -> sql.contains("ACT_RU_INCIDENT"));

    AtomicReference<String> second = new AtomicReference<>();
    List<String> secondStatements = onThisThread(() -> second.set(prometheus.scrape()));
    assertThat(secondStatements).as("the second scrape reads the cached counts").isEmpty();
    for (String gauge : new String[] {"camunda_tasks_open", "camunda_incidents_open", "camunda_jobs_failed",
        "camunda_jobs_executable", "camunda_process_instances_active"}) {
      assertThat(valueLine(second.get(), gauge)).as(gauge).isEqualTo(valueLine(first.get(), gauge))
          .doesNotContain("NaN");
    }
  }

  @Test
  void aSecondScrapeOverHttpDoesNotTouchTheRuntimeTables() {
    engineMetrics.forget();
    AtomicReference<String> body = new AtomicReference<>();
    assertThat(StatementCounter.statementsDuring(() -> body.set(scrapeOverHttp())))
        .as("the first scrape over HTTP counts in the runtime tables").anyMatch(sql -> sql.contains("ACT_RU_TASK"));
    assertThat(body.get()).contains("camunda_tasks_open", "camunda_job_events_total");
    List<String> second = StatementCounter.statementsDuring(this::scrapeOverHttp);
    assertThat(second).as("statements of the second scrape over HTTP (the login's are on the identity tables)")
        .noneMatch(sql -> sql.contains("ACT_RU_TASK") || sql.contains("ACT_RU_EXECUTION")
            || sql.contains("ACT_RU_JOB") || sql.contains("ACT_RU_INCIDENT"));
  }

  @Test
  void theJobCountersMoveWhenJobsRunAndFail() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("opsMetricsProbe").name("メトリクス確認")
        .startEvent()
        .exclusiveGateway()
          .condition("成功", "${fail == false}")
          .serviceTask("succeeds").camundaAsyncBefore().camundaExpression("${true}")
          .endEvent()
        .moveToLastGateway()
          .condition("失敗", "${fail == true}")
          .serviceTask("fails").camundaAsyncBefore().camundaExpression("${noSuchBean.call()}")
          .endEvent()
        .done();
    Deployment deployment = repositoryService.createDeployment().name("ops-metrics-probe")
        .addModelInstance("ops-metrics-probe.bpmn", model).deploy();
    try {
      double succeeded = counter(Metrics.JOB_SUCCESSFUL);
      double failed = counter(Metrics.JOB_FAILED);

      String ok = runtimeService.startProcessInstanceByKey("opsMetricsProbe", Map.of("fail", false)).getId();
      managementService.executeJob(job(ok).getId());
      assertThat(counter(Metrics.JOB_SUCCESSFUL)).isEqualTo(succeeded + 1);
      assertThat(counter(Metrics.JOB_FAILED)).isEqualTo(failed);

      String broken = runtimeService.startProcessInstanceByKey("opsMetricsProbe", Map.of("fail", true))
          .getId();
      String brokenJob = job(broken).getId();
      assertThatThrownBy(() -> managementService.executeJob(brokenJob)).isInstanceOf(RuntimeException.class);
      assertThat(counter(Metrics.JOB_FAILED)).isEqualTo(failed + 1);
      assertThat(counter(Metrics.JOB_SUCCESSFUL)).isEqualTo(succeeded + 1);

      String scraped = prometheus.scrape();
      assertThat(valueLine(scraped, "camunda_job_events_total{application=\"shisaku-flow\",metric=\"job-failed\"}"))
          .endsWith(" " + (failed + 1));
      for (String metric : EngineJobCounters.JOB_METRICS) {
        assertThat(scraped).contains("metric=\"" + metric + "\"");
      }
    } finally {
      repositoryService.deleteDeployment(deployment.getId(), true);
    }
  }

  /** The statements the calling thread prepared while {@code action} ran (others may run the job executor's). */
  private static List<String> onThisThread(Runnable action) {
    String prefix = Thread.currentThread().getName() + ": ";
    return StatementCounter.statementsDuring(action).stream().filter(line -> line.startsWith(prefix)).toList();
  }

  private double counter(String metric) {
    return meters.get("camunda.job.events").tag("metric", metric).functionCounter().count();
  }

  private Job job(String processInstanceId) {
    return managementService.createJobQuery().processInstanceId(processInstanceId).singleResult();
  }

  private String scrapeOverHttp() {
    return http.withBasicAuth("admin", adminPassword).getForObject("/actuator/prometheus", String.class);
  }

  /** The line of {@code name} (with its labels) in a scrape. */
  private static String valueLine(String scrape, String name) {
    return scrape.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .findFirst().orElseThrow(() -> new AssertionError(name + " not in the scrape"));
  }
}
