package jp.shisakuflow.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * The engine's own job counters (what this node's job executor acquired, executed, failed…) as Prometheus counters,
 * {@code camunda_job_events_total{metric="job-successful"}}, named by Camunda's {@link Metrics} names.
 *
 * <p>The engine counts these in memory and every 15 minutes moves them into ACT_RU_METER_LOG (clearing its own
 * meters); the counters here see every occurrence as it is marked, so a scrape reads memory only, never the database.
 * They count since this node started (Prometheus' {@code rate()} handles restarts); the cluster's sum is the sum over
 * the nodes' scrapes.
 */
@Component
public class EngineJobCounters extends SpringProcessEnginePlugin implements MeterBinder {

  /** The job executor's metrics of Camunda 7.24 (ProcessEngineConfigurationImpl.initDefaultMetrics creates them). */
  static final List<String> JOB_METRICS = List.of(
      Metrics.JOB_ACQUISITION_ATTEMPT,
      Metrics.JOB_ACQUIRED_SUCCESS,
      Metrics.JOB_ACQUIRED_FAILURE,
      Metrics.JOB_EXECUTION_REJECTED,
      Metrics.JOB_SUCCESSFUL,
      Metrics.JOB_FAILED,
      Metrics.JOB_LOCKED_EXCLUSIVE);

  private static final Map<String, String> DESCRIPTIONS = Map.of(
      Metrics.JOB_ACQUISITION_ATTEMPT, "Job acquisition cycles of this node's job executor",
      Metrics.JOB_ACQUIRED_SUCCESS, "Jobs this node acquired and locked",
      Metrics.JOB_ACQUIRED_FAILURE, "Jobs this node acquired but could not lock (another node was faster)",
      Metrics.JOB_EXECUTION_REJECTED, "Acquired jobs this node's executor rejected (queue full)",
      Metrics.JOB_SUCCESSFUL, "Jobs executed successfully on this node",
      Metrics.JOB_FAILED, "Job executions that failed on this node (each failed try counts)",
      Metrics.JOB_LOCKED_EXCLUSIVE, "Exclusive jobs a job created and this node ran right after it, on the same thread, without acquiring them");

  private final Map<String, LongAdder> totals = JOB_METRICS.stream()
      .collect(Collectors.toUnmodifiableMap(Function.identity(), name -> new LongAdder()));

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setMetricsRegistry(new CountingMetricsRegistry());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String name : JOB_METRICS) {
      FunctionCounter.builder("camunda.job.events", totals.get(name), LongAdder::doubleValue)
          .tag("metric", name)
          .description(DESCRIPTIONS.get(name))
          .register(registry);
    }
  }

  /** How often the engine marked {@code name} on this node since it started. */
  long total(String name) {
    return totals.get(name).sum();
  }

  /** The engine's registry (which still reports to the database as before), also adding up the job metrics. */
  class CountingMetricsRegistry extends MetricsRegistry {
    @Override
    public void markOccurrence(String name, long times) {
      super.markOccurrence(name, times);
      LongAdder total = totals.get(name);
      if (total != null) {
        total.add(times);
      }
    }
  }
}
