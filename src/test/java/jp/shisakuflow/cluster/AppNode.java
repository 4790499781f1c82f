package jp.shisakuflow.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One application node: the packaged jar in a JVM of its own, as it runs in production. */
public final class AppNode implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int port;
  private final Path jar;
  private final Path log;
  private final Map<String, String> environment;
  private Process process;

  public AppNode(String name, int port, Path jar, Path log, Map<String, String> environment) {
    this.name = name;
    this.port = port;
    this.jar = jar;
    this.log = log;
    this.environment = environment;
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  public void start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
        "-jar", jar.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    // As docker/compose.yaml sets them: the profile, and the node's name in the job log and in every log line.
    builder.environment().put("SPRING_PROFILES_ACTIVE", "postgres");
    builder.environment().put("CAMUNDA_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME", name);
    builder.environment().put("LOGGING_STRUCTURED_ECS_SERVICE_NODENAME", name);
    builder.environment().put("SHISAKU_PORT", String.valueOf(port));
    process = builder.start();
  }

  /** Waits until the node's readiness probe answers UP (the load balancer's view). */
  public void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Node " + name + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Node " + name + " not ready after " + timeout + ":\n" + logTail());
  }

  /** The node's JVM's process id (for its memory and CPU time in {@code /proc}). */
  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no graceful close; whatever it was doing stops mid-way. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  String logTail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
