package jp.shisakuflow.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's state as Prometheus gauges: instances, open tasks, jobs due and failed, open incidents.
 *
 * <p>Counting them is five queries on the shared database; they run at most once per
 * {@code shisaku.metrics.engine-counts-max-age} per node, all five together, by the scrape that finds the last
 * counts older than that; the scrapes in between read the counts from memory. Each node caches its own counts for
 * its own scrape, so nothing needs coordinating across the cluster. When the database cannot answer, the gauges
 * read NaN (unknown) until the next refresh: the first failing query stops the refresh, and the scrapes until the
 * next one do not wait for the database again.
 */
@Component
public class EngineMetrics implements MeterBinder {

  private static final Logger LOG = LoggerFactory.getLogger(EngineMetrics.class);

  private final Map<String, Count> counts = new LinkedHashMap<>();
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private volatile Snapshot snapshot;

  @Autowired
  public EngineMetrics(RuntimeService runtimeService, TaskService taskService, ManagementService managementService,
      @Value("${shisaku.metrics.engine-counts-max-age}") Duration maxAge) {
    this(maxAge, System::nanoTime);
    count("camunda.process.instances.active", "Running process instances",
        () -> runtimeService.createProcessInstanceQuery().active().count());
    count("camunda.tasks.open", "Open user tasks", () -> taskService.createTaskQuery().count());
    count("camunda.jobs.executable", "Jobs due for execution",
        () -> managementService.createJobQuery().executable().count());
    count("camunda.jobs.failed", "Jobs with no retries left",
        () -> managementService.createJobQuery().noRetriesLeft().count());
    count("camunda.incidents.open", "Open incidents", () -> runtimeService.createIncidentQuery().count());
  }

  /** Without counts; {@link #count} adds them (tests, with their own clock). */
  EngineMetrics(Duration maxAge, LongSupplier nanoTime) {
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("shisaku.metrics.engine-counts-max-age must not be negative: " + maxAge);
    }
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  final void count(String name, String description, Supplier<Long> query) {
    counts.put(name, new Count(description, query));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counts.forEach((name, count) -> Gauge.builder(name, () -> current().value(name))
        .description(count.description() + " (refreshed at most every " + Duration.ofNanos(maxAgeNanos) + ")")
        .register(registry));
  }

  /** The counts, queried anew when the last ones are older than the maximum age. */
  Snapshot current() {
    Snapshot last = snapshot;
    if (last != null && nanoTime.getAsLong() - last.takenAt() < maxAgeNanos) {
      return last;
    }
    synchronized (this) {
      last = snapshot;
      long now = nanoTime.getAsLong();
      if (last == null || now - last.takenAt() >= maxAgeNanos) {
        last = new Snapshot(now, query());
        snapshot = last;
      }
      return last;
    }
  }

  private Map<String, Double> query() {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Map.Entry<String, Count> entry : counts.entrySet()) {
      try {
        values.put(entry.getKey(), entry.getValue().query().get().doubleValue());
      } catch (RuntimeException e) {
        // The database is gone, most likely: the others would wait for the same connection timeout. Unknown (NaN).
        LOG.warn("Could not count {} for the metrics: {}", entry.getKey(), e.getMessage());
        break;
      }
    }
    return Map.copyOf(values);
  }

  /** Forgets the counts: the next scrape queries them (tests). */
  synchronized void forget() {
    snapshot = null;
  }

  private record Count(String description, Supplier<Long> query) {}

  record Snapshot(long takenAt, Map<String, Double> values) {
    double value(String name) {
      return values.getOrDefault(name, Double.NaN);
    }
  }
}
