package jp.shisakuflow.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.task.Task;

/**
 * Generates initiatives through the product's own services, in transactions of a few hundred: finished
 * lifecycles of the previous fiscal year and running ones of the current year spread over the stages and
 * over the seven ward offices.
 */
final class BenchData {

  static final List<String> WARDS = Arrays.stream(OrganizationGroup.values())
      .filter(g -> g.type() == OrganizationGroup.Type.WARD).map(OrganizationGroup::id).toList();
  private static final int BATCH = 250;

  private final ProcessEngine engine;
  private final InitiativeLifecycleService initiatives;
  private final CommandExecutor transaction;
  final int year;
  int finished;
  int running;
  private long changes;

  BenchData(ProcessEngine engine, InitiativeLifecycleService initiatives, int year) {
    this.engine = engine;
    this.initiatives = initiatives;
    this.year = year;
    this.transaction = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  int total() {
    return finished + running;
  }

  /** Grows to {@code total} initiatives, two in five of them finished last year. */
  void growTo(int total) {
    int finishedTarget = total * 2 / 5;
    addFinished(year - 1, finishedTarget - finished);
    addRunning(total - total());
  }

  /** Adds {@code count} initiatives of {@code fiscalYear} whose lifecycles ran to their end. */
  void addFinished(int fiscalYear, int count) {
    for (int added = 0; added < count; ) {
      int batch = Math.min(BATCH, count - added);
      List<String> ids = start(fiscalYear, "done", finished, batch);
      for (int stage = 0; stage < 5; stage++) {
        completeOpenTasks(ids);
      }
      finished += batch;
      added += batch;
    }
  }

  /**
   * Adds running initiatives of the current year: one open task each, a third at each of the first three
   * stages. Two transactions at a time (two cores).
   */
  void addRunning(int count) {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<?>> batches = new ArrayList<>();
      for (int from = running; from < running + count; from += BATCH) {
        int first = from;
        int batch = Math.min(BATCH, running + count - from);
        batches.add(pool.submit(() -> {
          List<String> ids = start(year, "open", first, batch);
          completeOpenTasks(ids.subList(0, batch / 3 * 2));
          completeOpenTasks(ids.subList(0, batch / 3));
        }));
      }
      for (java.util.concurrent.Future<?> batch : batches) {
        batch.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("Generating running initiatives failed", e);
    } finally {
      pool.shutdown();
    }
    running += count;
  }

  /**
   * What a working day writes between two requests: an initiative's title changed (through the engine:
   * the runtime variable, its history and what else the product keeps of it), back and forth.
   */
  void changeATitle() {
    changes++;
    String instance = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(InitiativeStart.businessKey(year, "open-0")).singleResult().getId();
    engine.getRuntimeService().setVariable(instance, InitiativeLifecycle.Var.TITLE,
        "性能測定の施策 0" + (changes % 2 == 0 ? "" : "（改）"));
  }

  /** What a working day writes to the open tasks between two task lists: a task's priority changed. */
  void changeAPriority() {
    changes++;
    Task task = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(InitiativeStart.businessKey(year, "open-0")).singleResult();
    engine.getTaskService().setPriority(task.getId(), Task.PRIORITY_NORMAL + (int) (changes % 2));
  }

  String finishedBusinessKey() {
    return InitiativeStart.businessKey(year - 1, "done-0");
  }

  /** Started for the seed city, as the product starts a plan's initiatives (each instance carries the tenant). */
  private List<String> start(int fiscalYear, String prefix, int from, int count) {
    return new jp.shisakuflow.organization.CityScope(engine).call(
        jp.shisakuflow.organization.City.SEED.tenantId(), () -> startAll(fiscalYear, prefix, from, count));
  }

  private List<String> startAll(int fiscalYear, String prefix, int from, int count) {
    return transaction.execute(context -> {
      List<String> ids = new ArrayList<>();
      for (int i = from; i < from + count; i++) {
        ids.add(initiatives.startIfAbsent(InitiativeStart.unplanned(prefix + "-" + i, "性能測定の施策 " + i, "other",
            WARDS.get(i % WARDS.size()), fiscalYear)).orElseThrow());
      }
      return ids;
    });
  }

  private void completeOpenTasks(List<String> instances) {
    if (instances.isEmpty()) {
      return;
    }
    transaction.execute(context -> {
      List<Task> tasks = engine.getTaskService().createTaskQuery()
          .processInstanceIdIn(instances.toArray(String[]::new)).listPage(0, instances.size() * 2);
      for (Task task : tasks) {
        engine.getTaskService().complete(task.getId(), LifecycleRunner.completion(task.getTaskDefinitionKey()));
      }
      return null;
    });
  }
}
