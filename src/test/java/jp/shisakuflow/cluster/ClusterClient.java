package jp.shisakuflow.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a well-behaved client of the cluster does: sends to its home node, fails over to the other node
 * when its own does not answer, backs off and retries while the service is unavailable (503), and
 * remembers when an earlier attempt may have been applied (the answer was lost), so that the caller can
 * read a later conflict as "already done". Every failed attempt is logged with its time and node.
 */
final class ClusterClient {

  /** A failed attempt: no answer, or the service unavailable. */
  record Failure(Instant at, String node, String request, String what) {}

  /** The answer that ended the retries; {@code mayHaveBeenApplied}: an earlier attempt's fate is unknown. */
  record Answer(int status, String body, boolean mayHaveBeenApplied, int attempts) {}

  private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(180);
  /** Answers that mean "not now": a node without its database, or a proxy without a node. */
  private static final java.util.Set<Integer> UNAVAILABLE = java.util.Set.of(502, 503, 504);

  private final List<AppNode> nodes;
  private final String password;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Long> downUntil = new ConcurrentHashMap<>();
  final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
  final Map<String, AtomicLong> answersByNode = new ConcurrentHashMap<>();
  final AtomicLong retriedRequests = new AtomicLong();

  ClusterClient(List<AppNode> nodes, String password) {
    this.nodes = nodes;
    this.password = password;
  }

  Answer get(int home, String user, String path) throws InterruptedException {
    return send(home, user, "GET", path, null);
  }

  Answer post(int home, String user, String path, String json) throws InterruptedException {
    return send(home, user, "POST", path, json);
  }

  Answer put(int home, String user, String path) throws InterruptedException {
    return send(home, user, "PUT", path, "");
  }

  Answer put(int home, String user, String path, String json) throws InterruptedException {
    return send(home, user, "PUT", path, json);
  }

  private Answer send(int home, String user, String method, String path, String json) throws InterruptedException {
    long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    boolean uncertain = false;
    long backoff = 200;
    for (int attempt = 1; ; attempt++) {
      AppNode node = pick(home);
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.base() + path))
          .timeout(Duration.ofSeconds(20))
          .header("Authorization", "Basic " + Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
      if (json != null) {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      String what;
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        answersByNode.computeIfAbsent(node.name, n -> new AtomicLong()).incrementAndGet();
        if (!UNAVAILABLE.contains(response.statusCode())) {
          if (attempt > 1) {
            retriedRequests.incrementAndGet();
          }
          return new Answer(response.statusCode(), response.body(), uncertain, attempt);
        }
        what = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
      } catch (IOException noAnswer) {
        // The node is gone (refused, reset): try the other one at once.
        downUntil.put(node.name, System.currentTimeMillis() + 3000);
        what = noAnswer.getClass().getSimpleName() + " " + noAnswer.getMessage();
      }
      failures.add(new Failure(Instant.now(), node.name, method + " " + path, what));
      uncertain |= !"GET".equals(method);
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Gave up on " + method + " " + path + " after " + attempt + " attempts: " + what);
      }
      Thread.sleep(backoff);
      backoff = Math.min(2000, backoff * 2);
    }
  }

  private AppNode pick(int home) {
    AppNode preferred = nodes.get(home % nodes.size());
    Long down = downUntil.get(preferred.name);
    return down != null && down > System.currentTimeMillis() ? nodes.get((home + 1) % nodes.size()) : preferred;
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "…" : body;
  }
}
