package jp.shisakuflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The engine's gauges are queried at most once per max age, all together, and not again after a failure. */
class EngineMetricsTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicInteger tasksQueried = new AtomicInteger();
  private final AtomicInteger incidentsQueried = new AtomicInteger();
  private volatile long tasks = 7;
  private volatile boolean databaseDown;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  EngineMetricsTest() {
    EngineMetrics metrics = new EngineMetrics(Duration.ofSeconds(30), now::get);
    metrics.count("camunda.tasks.open", "Open user tasks", () -> {
      tasksQueried.incrementAndGet();
      if (databaseDown) {
        throw new IllegalStateException("Connection is not available, request timed out after 5000ms");
      }
      return tasks;
    });
    metrics.count("camunda.incidents.open", "Open incidents", () -> (long) incidentsQueried.incrementAndGet());
    metrics.bindTo(registry);
  }

  @Test
  void countsAreQueriedOnceWithinTheMaxAgeAndAgainAfterIt() {
    assertThat(gauge("camunda.tasks.open")).isEqualTo(7);
    assertThat(gauge("camunda.incidents.open")).as("queried together with the tasks").isEqualTo(1);
    tasks = 8;
    now.addAndGet(Duration.ofSeconds(29).toNanos());
    assertThat(gauge("camunda.tasks.open")).as("29 s later: the cached count").isEqualTo(7);
    assertThat(gauge("camunda.incidents.open")).isEqualTo(1);
    assertThat(tasksQueried).hasValue(1);
    assertThat(incidentsQueried).hasValue(1);

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(gauge("camunda.tasks.open")).as("30 s after the first: counted anew").isEqualTo(8);
    assertThat(gauge("camunda.incidents.open")).isEqualTo(2);
    assertThat(tasksQueried).hasValue(2);
  }

  @Test
  void whenTheDatabaseIsGoneTheGaugesAreUnknownAndScrapesDoNotWaitForItAgain() {
    databaseDown = true;
    assertThat(gauge("camunda.tasks.open")).isNaN();
    assertThat(gauge("camunda.incidents.open")).as("not queried after the first failure").isNaN();
    assertThat(incidentsQueried).hasValue(0);
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(gauge("camunda.tasks.open")).isNaN();
    assertThat(tasksQueried).as("the next scrapes within the max age wait for nothing").hasValue(1);

    databaseDown = false;
    now.addAndGet(Duration.ofSeconds(20).toNanos());
    assertThat(gauge("camunda.tasks.open")).isEqualTo(7);
    assertThat(gauge("camunda.incidents.open")).isEqualTo(1);
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }
}
