package jp.shisakuflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL on loopback, from Debian's packages (no Docker here): its own data directory,
 * a free port, trust authentication. Skips the test, saying why, where PostgreSQL is not installed.
 */
public final class LocalPostgres implements AutoCloseable {

  public static final String DATABASE = "shisaku";

  private final Path bin;
  private final Path dir;
  private final int port;

  private LocalPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  public static LocalPostgres start() throws IOException, InterruptedException {
    Path bin = installedBin();
    Assumptions.assumeTrue(bin != null,
        "PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it");
    Path dir = Files.createTempDirectory("shisaku-pg");
    LocalPostgres postgres = new LocalPostgres(bin, dir, FreePort.next());
    if (isRoot()) {
      run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
    }
    postgres.pg("initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
        "--locale=C.UTF-8");
    postgres.startServer();
    postgres.pg("createdb", "-h", "127.0.0.1", "-p", String.valueOf(postgres.port), "-U", "postgres", DATABASE);
    return postgres;
  }

  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Another empty database on the same server. */
  public void createDatabase(String database) throws IOException, InterruptedException {
    pg("createdb", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", database);
  }

  public void startServer() throws IOException, InterruptedException {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
  }

  /** Stops the server at once, as a crash would. */
  public void kill() throws IOException, InterruptedException {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      kill();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private void pg(String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    run(command, true);
  }

  private static void run(List<String> command, boolean fromTmp) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (fromTmp) {
      builder.directory(Path.of(System.getProperty("java.io.tmpdir")).toFile());
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("PostgreSQL command failed: " + command + "\n" + output);
    }
  }

  private static Path installedBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder()).orElse(null);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
