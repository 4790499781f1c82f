package jp.shisakuflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prints a benchmark's table and appends it to {@code target/benchmarks/results.md}, each table under its
 * date and the machine it ran on (CPU, memory, OS, Java, H2 and PostgreSQL versions).
 */
final class BenchReport {

  private static final Path FILE = Path.of("target", "benchmarks", "results.md");

  private final StringBuilder text = new StringBuilder();

  BenchReport(String title) {
    text.append("\n### ").append(title).append("\n\n");
  }

  BenchReport line(String line) {
    text.append(line).append('\n');
    return this;
  }

  void publish() throws IOException {
    text.append('\n').append(ranOn()).append('\n');
    System.out.println(text);
    Files.createDirectories(FILE.getParent());
    Files.writeString(FILE, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** "Run 2026-12-02 10:15 UTC on …": the date and the machine, for the line under each table. */
  static String ranOn() {
    return "_Run " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
        + " on " + machine() + "._";
  }

  static String machine() {
    return String.join(", ", cpu(), memory(), System.getProperty("os.name") + " " + System.getProperty("os.version"),
        "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")",
        "H2 " + org.h2.engine.Constants.FULL_VERSION, postgres());
  }

  private static String cpu() {
    List<String> info = lines(Path.of("/proc/cpuinfo"));
    long cores = info.stream().filter(l -> l.startsWith("processor")).count();
    String model = info.stream().filter(l -> l.startsWith("model name")).findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("CPU unknown");
    return cores + " × " + model;
  }

  private static String memory() {
    return lines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
        .map(l -> "%.0f GB RAM".formatted(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
        .orElse("RAM unknown");
  }

  /** Debian's PostgreSQL, the one the harness starts (LocalPostgres): the newest installed. */
  private static String postgres() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      Path bin = versions.map(v -> v.resolve("bin").resolve("postgres")).filter(Files::isExecutable)
          .max(java.util.Comparator.comparing(Path::toString)).orElse(null);
      if (bin == null) {
        return "no PostgreSQL";
      }
      Process process = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true).start();
      String version = new String(process.getInputStream().readAllBytes()).trim();
      process.waitFor();
      return version.replace("postgres (PostgreSQL) ", "PostgreSQL ");
    } catch (IOException e) {
      return "no PostgreSQL";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "PostgreSQL unknown";
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
