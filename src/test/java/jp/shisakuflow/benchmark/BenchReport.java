package jp.shisakuflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Prints a benchmark's table and appends it to {@code target/benchmarks/results.md}. */
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
    System.out.println(text);
    Files.createDirectories(FILE.getParent());
    Files.writeString(FILE, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
