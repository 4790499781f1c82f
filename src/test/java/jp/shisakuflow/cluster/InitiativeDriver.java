package jp.shisakuflow.cluster;

import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_COORDINATE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_HANDLE_DELAY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Drives one initiative from start to end over the REST API, as its staff and manager would: reads the
 * open tasks, completes them one by one, and for an overdue initiative waits until the overdue timer has
 * escalated before finishing coordination. Records every completion the cluster acknowledged.
 */
final class InitiativeDriver {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WAIT_FOR_END_MS = 240_000;

  private final ClusterClient client;
  /** Task id → completions acknowledged with 204 (must never exceed one). */
  final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
  /** Tasks whose completion answer was lost and whose retry found them done. */
  final Queue<String> completedBeforeRetry = new ConcurrentLinkedQueue<>();
  /** Answers no well-behaved client should ever get (4xx other than a conflict after a lost answer). */
  final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

  InitiativeDriver(ClusterClient client) {
    this.client = client;
  }

  /** @return the process instance id */
  String drive(Scenario scenario, int home) throws Exception {
    ClusterClient.Answer started = client.post(home, scenario.manager(), "/api/initiatives", scenario.startRequest());
    boolean created = started.status() == 201;
    boolean retriedAfterLostAnswer = started.status() == 200 && started.mayHaveBeenApplied();
    if (!created && !retriedAfterLostAnswer) {
      unexpected.add(scenario.businessKey() + " start: HTTP " + started.status() + " " + started.body());
      throw new IllegalStateException("Start of " + scenario.businessKey() + " answered " + started.status());
    }
    String instance = JSON.readTree(started.body()).get("processInstanceId").asText();
    Map<String, Integer> rounds = new HashMap<>();
    boolean escalated = false;
    long deadline = System.currentTimeMillis() + WAIT_FOR_END_MS;
    while (System.currentTimeMillis() < deadline) {
      JsonNode tasks = read(scenario, client.get(home, scenario.manager(),
          "/engine-rest/task?processInstanceId=" + instance + "&sortBy=created&sortOrder=asc&maxResults=20"));
      if (tasks.isEmpty()) {
        if (client.get(home, scenario.manager(), "/engine-rest/process-instance/" + instance).status() == 404) {
          return instance;
        }
        Thread.sleep(200);
        continue;
      }
      JsonNode task = pick(tasks);
      String key = task.get("taskDefinitionKey").asText();
      escalated |= TASK_HANDLE_DELAY.equals(key);
      if (scenario.overdue() && !escalated && TASK_COORDINATE.equals(key)) {
        Thread.sleep(300); // the overdue timer has not fired yet
        continue;
      }
      int round = rounds.getOrDefault(key, 0) + 1;
      if (complete(scenario, home, task.get("id").asText(), key, round)) {
        rounds.put(key, round);
      }
      Thread.sleep(ThreadLocalRandom.current().nextInt(300, 600)); // a person reading the next task
    }
    throw new IllegalStateException(scenario.businessKey() + " did not end within " + WAIT_FOR_END_MS + " ms");
  }

  private boolean complete(Scenario scenario, int home, String taskId, String key, int round) throws Exception {
    ClusterClient.Answer answer = client.post(home, scenario.user(key), "/engine-rest/task/" + taskId + "/complete",
        scenario.completion(key, round));
    if (answer.status() == 204) {
      acknowledged.merge(taskId, 1, Integer::sum);
      return true;
    }
    if (answer.status() == 409 && answer.mayHaveBeenApplied()) {
      completedBeforeRetry.add(taskId);
      return true;
    }
    unexpected.add(scenario.businessKey() + " " + key + ": HTTP " + answer.status() + " " + answer.body());
    return false;
  }

  private JsonNode read(Scenario scenario, ClusterClient.Answer answer) throws Exception {
    if (answer.status() != 200) {
      unexpected.add(scenario.businessKey() + " task list: HTTP " + answer.status() + " " + answer.body());
      throw new IllegalStateException("Task list of " + scenario.businessKey() + " answered " + answer.status());
    }
    return JSON.readTree(answer.body());
  }

  /** The delay escalation first (it must not wait behind the overdue task), else the oldest task. */
  private static JsonNode pick(JsonNode tasks) {
    for (JsonNode task : tasks) {
      if (TASK_HANDLE_DELAY.equals(task.get("taskDefinitionKey").asText())) {
        return task;
      }
    }
    return tasks.get(0);
  }
}
