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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shisakuflow.support.FreePort;
import org.junit.jupiter.api.Test;

/**
 * The demo app as a user starts it: what {@code ./mvnw -Prun} starts, i.e. the jar extracted into
 * {@code target/run} ({@code shisaku.run.jar}) with the demo's JVM arguments ({@code shisaku.run.jvm-arguments})
 * and the class-data archive trained at the build ({@code shisaku.run.class-data}), all three pom properties
 * handed over by failsafe; demo profile, H2 file. Measured: seconds until it is ready and its resident memory
 * then. The first start of a fresh directory seeds the demo year; a restart finds it there. Where the archive
 * is named, a start whose JVM did not map it fails the run (the JVM would silently start without it when the
 * archive does not fit the jar).
 *
 * <p>Pairs: with {@code -Dbench.startup.baseline.jar=…} (e.g. a jar built from main) and/or
 * {@code -Dbench.startup.baseline.jvm-arguments=…}, every run starts the baseline and this build one after the
 * other (first start and restart each, the order alternating from run to run), and the table gives both and
 * the ratio this ÷ baseline of each run's pair (median). {@code -Dbench.startup.jfr=true} records every start
 * with JFR's profiling settings into {@code target/benchmarks/startup-*.jfr} (the causes in BENCHMARKS.md were
 * found so).
 */
class StartupBenchmark {

  static final int REPEATS = Integer.getInteger("bench.repeats", 3);
  static final List<String> JVM_ARGUMENTS = arguments(System.getProperty("shisaku.run.jvm-arguments", ""));
  /** The class-data argument of the run command ({@code -XX:SharedArchiveFile=…}); empty without it. */
  static final List<String> CLASS_DATA = arguments(System.getProperty("shisaku.run.class-data", ""));
  private static final boolean JFR = Boolean.getBoolean("bench.startup.jfr");
  /** Minutes a start may take before the run fails (a loaded machine may need more than the default). */
  private static final Duration TIMEOUT = Duration.ofMinutes(Integer.getInteger("bench.startup.timeout-minutes", 3));
  private static final Pattern SEEDING = Pattern.compile("Demo year lived in (\\d+) ms");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A jar and the JVM arguments it is started with. */
  record Variant(String name, Path jar, List<String> jvmArguments) {
    String describe() {
      return "java " + String.join(" ", jvmArguments.stream()
          .map(a -> a.startsWith("-XX:SharedArchiveFile=") ? "-XX:SharedArchiveFile=" + Path.of(a.substring(22)).getFileName() : a)
          .toList()) + " -jar " + jar.getFileName();
    }
  }

  /**
   * One start's figures. CPU seconds: the JVM's user + system time until ready, which a busy machine inflates far
   * less than the wall clock (a shared machine's figure for direction). Seeding: the demo year's own log line (0
   * when the year was there).
   */
  record Start(double seconds, double cpuSeconds, double residentMegabytes, double seedingSeconds) {}

  @Test
  void demoAppStartsAndItsMemory() throws Exception {
    String runJar = System.getProperty("shisaku.run.jar", "").trim();
    List<String> runArguments = new ArrayList<>(JVM_ARGUMENTS);
    runArguments.addAll(CLASS_DATA);
    Variant candidate = runJar.isEmpty()
        ? new Variant("this build", Path.of(System.getProperty("shisaku.jar")), JVM_ARGUMENTS)
        : new Variant("this build", Path.of(runJar), List.copyOf(runArguments));
    String baselineJar = System.getProperty("bench.startup.baseline.jar", "").trim();
    String baselineArguments = System.getProperty("bench.startup.baseline.jvm-arguments");
    List<Variant> variants = new ArrayList<>();
    if (!baselineJar.isEmpty() || baselineArguments != null) {
      variants.add(new Variant("baseline", baselineJar.isEmpty() ? candidate.jar() : Path.of(baselineJar),
          baselineArguments == null ? JVM_ARGUMENTS : arguments(baselineArguments)));
    }
    variants.add(candidate);
    Map<Variant, List<Start>> firsts = new LinkedHashMap<>();
    Map<Variant, List<Start>> restarts = new LinkedHashMap<>();
    for (int run = 0; run < REPEATS; run++) {
      List<Variant> order = new ArrayList<>(variants);
      if (run % 2 == 1) {
        Collections.reverse(order);
      }
      for (Variant variant : order) {
        Path data = Files.createTempDirectory("shisaku-startup");
        firsts.computeIfAbsent(variant, v -> new ArrayList<>()).add(startOnce(variant, data, run + "-first"));
        restarts.computeIfAbsent(variant, v -> new ArrayList<>()).add(startOnce(variant, data, run + "-restart"));
      }
    }
    BenchReport report = new BenchReport("Demo app start-up (" + REPEATS + " runs, min / median / max)")
        .line("| variant | start | seconds until ready | CPU seconds until ready | resident memory MB when ready | of which seeding the demo year, s |")
        .line("|---|---|---|---|---|---|");
    for (Variant variant : variants) {
      String name = variants.size() == 1 ? variant.describe() : variant.name() + ": " + variant.describe();
      report.line(row(name, "first (seeds the demo year)", firsts.get(variant)))
          .line(row(name, "restart (data there)", restarts.get(variant)));
    }
    if (variants.size() == 2) {
      Variant baseline = variants.get(0);
      report.line("")
          .line("this build ÷ baseline, median of the runs' pairs: first start %s s, %s CPU s, %s MB; restart %s s, %s CPU s, %s MB"
              .formatted(
                  ratio(firsts.get(candidate), firsts.get(baseline), Start::seconds),
                  ratio(firsts.get(candidate), firsts.get(baseline), Start::cpuSeconds),
                  ratio(firsts.get(candidate), firsts.get(baseline), Start::residentMegabytes),
                  ratio(restarts.get(candidate), restarts.get(baseline), Start::seconds),
                  ratio(restarts.get(candidate), restarts.get(baseline), Start::cpuSeconds),
                  ratio(restarts.get(candidate), restarts.get(baseline), Start::residentMegabytes)));
    }
    report.publish();
  }

  private static String row(String variant, String start, List<Start> starts) {
    return "| %s | %s | %s | %s | %s | %s |".formatted(variant, start,
        Stats.range(starts.stream().map(Start::seconds).toList()),
        Stats.range(starts.stream().map(Start::cpuSeconds).toList()),
        Stats.range(starts.stream().map(Start::residentMegabytes).toList()),
        Stats.range(starts.stream().map(Start::seedingSeconds).toList()));
  }

  private static String ratio(List<Start> candidate, List<Start> baseline, ToDoubleFunction<Start> figure) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < candidate.size(); i++) {
      ratios.add(figure.applyAsDouble(candidate.get(i)) / figure.applyAsDouble(baseline.get(i)));
    }
    return "%.2f×".formatted(Stats.median(ratios));
  }

  private static List<String> arguments(String line) {
    return List.of(line.trim().split("\\s+")).stream().filter(a -> !a.isEmpty()).toList();
  }

  /** Starts the variant on {@code data} until readiness answers 200, then stops it. */
  private static Start startOnce(Variant variant, Path data, String label) throws Exception {
    int port = FreePort.next();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(variant.jvmArguments());
    if (JFR) {
      Path recording = Path.of("target", "benchmarks", "startup-" + variant.name().replace(' ', '-') + "-" + label + ".jfr");
      Files.createDirectories(recording.getParent());
      command.add("-XX:StartFlightRecording=settings=profile,filename=" + recording.toAbsolutePath());
    }
    command.addAll(List.of("-jar", variant.jar().toString()));
    Path log = data.resolve("app-" + label + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SHISAKU_PORT", String.valueOf(port));
    builder.environment().put("SHISAKU_DB_URL", "jdbc:h2:file:" + data.resolve("shisaku-flow"));
    // The demo creates its signing key on the first start: here, next to the run's database.
    builder.environment().put("SHISAKU_SIGNING_KEY_FILE", data.resolve("audit-signing-key.pem").toString());
    long began = System.nanoTime();
    Process process = builder.start();
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("The app exited: " + Files.readString(log));
        }
        if (ready(port)) {
          double seconds = (System.nanoTime() - began) / 1e9;
          double cpu = cpuSeconds(process.pid());
          double resident = residentMegabytes(process.pid());
          assertArchiveMapped(variant, process.pid());
          Matcher seeding = SEEDING.matcher(Files.readString(log));
          return new Start(seconds, cpu, resident, seeding.find() ? Long.parseLong(seeding.group(1)) / 1e3 : 0);
        }
        if (System.nanoTime() - began > TIMEOUT.toNanos()) {
          throw new IllegalStateException("Not ready after " + TIMEOUT.toMinutes() + " minutes; see " + log);
        }
        Thread.sleep(100);
      }
    } finally {
      process.destroy();
      // A stop during start-up can hang (seen: the shutdown hook and WebappApisAtStart waiting for each other).
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** Where the variant names a class-data archive, the JVM has it mapped ({@code /proc/PID/maps}). */
  private static void assertArchiveMapped(Variant variant, long pid) throws IOException {
    for (String argument : variant.jvmArguments()) {
      if (argument.startsWith("-XX:SharedArchiveFile=")) {
        String archive = Path.of(argument.substring("-XX:SharedArchiveFile=".length())).toAbsolutePath().normalize().toString();
        if (!Files.readString(Path.of("/proc", String.valueOf(pid), "maps")).contains(archive)) {
          throw new IllegalStateException("The JVM did not map the class-data archive " + archive
              + " (older than the jar, or another JVM): ./mvnw -Prun or -Pbench trains it again");
        }
      }
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

  /** utime + stime of /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s). */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  static double residentMegabytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("No VmRSS for " + pid);
  }
}
