package jp.shisakuflow.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.shisakuflow.support.FreePort;
import org.junit.jupiter.api.Test;

/**
 * The demo app as a user starts it (the packaged jar with the JVM arguments of {@code ./mvnw spring-boot:run},
 * pom property {@code shisaku.run.jvm-arguments}; demo profile, H2 file): seconds until it is ready and its
 * resident memory then. The first start of a fresh directory seeds the demo year; a restart finds
 * it there.
 */
class StartupBenchmark {

  static final int REPEATS = Integer.getInteger("bench.repeats", 3);
  static final List<String> JVM_ARGUMENTS = List.of(System.getProperty("shisaku.run.jvm-arguments", "").trim()
      .split("\\s+")).stream().filter(a -> !a.isEmpty()).toList();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void demoAppStartsAndItsMemory() throws Exception {
    Path jar = Path.of(System.getProperty("shisaku.jar"));
    List<Double> firstSeconds = new ArrayList<>();
    List<Double> firstRss = new ArrayList<>();
    List<Double> restartSeconds = new ArrayList<>();
    List<Double> restartRss = new ArrayList<>();
    for (int run = 0; run < REPEATS; run++) {
      Path data = Files.createTempDirectory("shisaku-startup");
      double[] first = startOnce(jar, data);
      firstSeconds.add(first[0]);
      firstRss.add(first[1]);
      double[] again = startOnce(jar, data);
      restartSeconds.add(again[0]);
      restartRss.add(again[1]);
    }
    new BenchReport("Demo app start-up (java " + String.join(" ", JVM_ARGUMENTS) + " -jar, " + REPEATS + " runs, min / median / max)")
        .line("| start | seconds until ready | resident memory MB when ready |").line("|---|---|---|")
        .line("| first (seeds the demo year) | %s | %s |".formatted(Stats.range(firstSeconds), Stats.range(firstRss)))
        .line("| restart (data there) | %s | %s |".formatted(Stats.range(restartSeconds), Stats.range(restartRss)))
        .publish();
  }

  /** @return seconds until readiness answered 200, and VmRSS in MB at that moment */
  private static double[] startOnce(Path jar, Path data) throws Exception {
    int port = FreePort.next();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JVM_ARGUMENTS);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(data.resolve("app.log").toFile());
    builder.environment().put("SHISAKU_PORT", String.valueOf(port));
    builder.environment().put("SHISAKU_DB_URL", "jdbc:h2:file:" + data.resolve("shisaku-flow"));
    // The demo creates its signing key on the first start: here, next to the run's database.
    builder.environment().put("SHISAKU_SIGNING_KEY_FILE", data.resolve("audit-signing-key.pem").toString());
    long began = System.nanoTime();
    Process process = builder.start();
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("The app exited: " + Files.readString(data.resolve("app.log")));
        }
        if (ready(port)) {
          double seconds = (System.nanoTime() - began) / 1e9;
          return new double[] {seconds, residentMegabytes(process.pid())};
        }
        if (System.nanoTime() - began > Duration.ofMinutes(3).toNanos()) {
          throw new IllegalStateException("Not ready after 3 minutes");
        }
        Thread.sleep(100);
      }
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  private static boolean ready(int port) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException | InterruptedException notYet) {
      return false;
    }
  }

  private static double residentMegabytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("No VmRSS for " + pid);
  }
}
