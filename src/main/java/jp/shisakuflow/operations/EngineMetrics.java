package jp.shisakuflow.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/** The engine's state as Prometheus gauges: instances, open tasks, jobs due and failed, open incidents. */
@Component
public class EngineMetrics implements MeterBinder {

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;

  public EngineMetrics(RuntimeService runtimeService, TaskService taskService, ManagementService managementService) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "camunda.process.instances.active", "Running process instances",
        () -> runtimeService.createProcessInstanceQuery().active().count());
    gauge(registry, "camunda.tasks.open", "Open user tasks", () -> taskService.createTaskQuery().count());
    gauge(registry, "camunda.jobs.executable", "Jobs due for execution",
        () -> managementService.createJobQuery().executable().count());
    gauge(registry, "camunda.jobs.failed", "Jobs with no retries left",
        () -> managementService.createJobQuery().noRetriesLeft().count());
    gauge(registry, "camunda.incidents.open", "Open incidents", () -> runtimeService.createIncidentQuery().count());
  }

  private static void gauge(MeterRegistry registry, String name, String description, Supplier<Long> count) {
    Gauge.builder(name, () -> count.get().doubleValue()).description(description).register(registry);
  }
}
