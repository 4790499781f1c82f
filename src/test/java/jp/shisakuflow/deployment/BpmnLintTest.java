package jp.shisakuflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bpmnlint's {@code recommended} rules over every BPMN in {@code processes/}, run with this machine's Node
 * from {@code lint/} (its {@code package-lock.json} pins the linter; {@code npm ci} installs it when needed).
 */
class BpmnLintTest {

  static final Path LINT = Path.of("lint");
  static final Path PROCESSES = Path.of("processes");

  @BeforeAll
  static void installLinter() throws Exception {
    Run node = run(LINT, "node", "--version");
    if (node == null || node.exitCode() != 0) {
      fail("The BPMN lint needs Node.js and npm on the PATH: install them (Debian: apt-get install nodejs npm)."
          + (node == null ? "" : "\n" + node.output()));
    }
    Path installed = LINT.resolve("node_modules/.package-lock.json");
    Path locked = LINT.resolve("package-lock.json");
    if (!Files.exists(installed) || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(locked)) < 0) {
      Run ci = run(LINT, "npm", "ci", "--no-audit", "--no-fund");
      if (ci == null || ci.exitCode() != 0) {
        fail("npm ci in lint/ failed" + (ci == null ? ": npm is not on the PATH (Debian: apt-get install npm)" : ":\n"
            + ci.output()));
      }
    }
  }

  @Test
  void everyProcessModelPassesTheRecommendedRules() throws Exception {
    List<String> models;
    try (Stream<Path> files = Files.list(PROCESSES)) {
      models = files.filter(f -> f.toString().endsWith(".bpmn")).sorted().map(f -> f.toAbsolutePath().toString())
          .toList();
    }
    assertThat(models).as("BPMN files in processes/").hasSizeGreaterThanOrEqualTo(3);
    List<String> command = new ArrayList<>(List.of("npx", "--no", "bpmnlint"));
    command.addAll(models);

    Run lint = run(LINT, command.toArray(String[]::new));

    assertThat(lint).as("npx is on the PATH").isNotNull();
    assertThat(lint.exitCode()).as("bpmnlint over processes/*.bpmn says:\n%s", lint.output()).isZero();
  }

  /** The lint really runs with the recommended rules: a model with an implicit end fails it. */
  @Test
  void aModelWithAnImplicitEndFailsTheLint(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("implicit-end.bpmn");
    Bpmn.writeModelToFile(bad.toFile(), Bpmn.createExecutableProcess("implicit-end")
        .startEvent("StartEvent_Begun").name("開始").userTask("Task_Dangling").name("行き止まり").done());

    Run lint = run(LINT, "npx", "--no", "bpmnlint", bad.toAbsolutePath().toString());

    assertThat(lint).as("npx is on the PATH").isNotNull();
    assertThat(lint.exitCode()).as(lint.output()).isNotZero();
    assertThat(lint.output()).contains("Task_Dangling", "no-implicit-end");
  }

  /** Runs a command in a folder; null when the program is not on the PATH. */
  private static Run run(Path dir, String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException notFound) {
      return null;
    }
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish within 5 minutes");
    }
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String output) {}
}
