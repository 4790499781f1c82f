package jp.shisakuflow.benchmark;

import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_CONTINUE_IMPLEMENTATION;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_COORDINATE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_IMPLEMENT_MODEL;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_VERIFY;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.VerificationRating;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

/**
 * Full lifecycles through the engine's service API, the same way for the product and for stock Camunda:
 * start, complete every user task with the same input, until the outcome is reached.
 */
final class LifecycleRunner {

  private LifecycleRunner() {}

  /** The variables every lifecycle starts with: the product's own, for stock Camunda too. */
  static Map<String, Object> startVariables(String initiativeId, int fiscalYear) {
    return InitiativeLifecycleService.variables(InitiativeStart.unplanned(initiativeId, "性能測定 " + initiativeId,
        "other", "wardTakatsu", fiscalYear));
  }

  static Map<String, Object> completion(String taskKey) {
    return switch (taskKey) {
      case TASK_COORDINATE -> Map.of("coordinationPartners", "高津区 地域振興課");
      case TASK_IMPLEMENT_MODEL -> Map.of("implementationSite", "モデル地区", "participantCount", 25);
      case TASK_VERIFY -> Map.of(Var.VERIFICATION_RATING, VerificationRating.GOOD.code(), Var.ACHIEVEMENT_RATE, 95,
          Var.RECOORDINATE, false);
      case TASK_DECIDE_NEXT_YEAR -> Map.of(Var.DECIDED_OUTCOME, Outcome.CONTINUE.code(), Var.DECISION_REASON, "測定");
      case TASK_CONTINUE_IMPLEMENTATION -> Map.of("implementationStatus", "順調");
      default -> throw new IllegalStateException("Unexpected task " + taskKey);
    };
  }

  /**
   * Runs {@code lifecycles} whole lifecycles on {@code threads} threads.
   *
   * @param start starts lifecycle number i and returns its process instance id
   * @return lifecycles per second
   */
  static double run(ProcessEngine engine, IntFunction<String> start, int lifecycles, int threads) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long began = System.nanoTime();
    List<Future<?>> workers = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < lifecycles; i = next.getAndIncrement()) {
          finish(engine, start.apply(i));
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    pool.shutdown();
    return lifecycles / seconds;
  }

  private static void finish(ProcessEngine engine, String instance) {
    for (int step = 0; step < 20; step++) {
      List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(instance).list();
      if (tasks.isEmpty()) {
        if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() > 0) {
          throw new IllegalStateException("Instance " + instance + " waits without a task");
        }
        return;
      }
      Task task = tasks.get(0);
      engine.getTaskService().complete(task.getId(), completion(task.getTaskDefinitionKey()));
    }
    throw new IllegalStateException("Instance " + instance + " did not end");
  }
}
