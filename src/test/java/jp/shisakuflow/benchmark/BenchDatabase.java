package jp.shisakuflow.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import jp.shisakuflow.ShisakuFlowApplication;
import jp.shisakuflow.support.LocalPostgres;
import jp.shisakuflow.support.SigningKeyFile;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a benchmark runs: H2 files or a PostgreSQL of Debian's package, one database for the product and
 * one for stock Camunda, of the same kind on the same machine.
 */
record BenchDatabase(String name, String productUrl, String stockUrl, String user, String driver, boolean postgres) {

  /**
   * H2 files, with the app's own settings (nothing added to the URL). H2 hands back the previous result of
   * an identical query while none of the tables it reads changed, without running it; a benchmark that
   * repeats one request measures that cache unless something is written in between, as on a working day.
   * The read benchmark therefore writes between samples ({@link ReadBenchmark}). Switching the cache off
   * instead ({@code OPTIMIZE_REUSE_RESULTS=FALSE}) is not how the app runs: it also makes H2 re-run an
   * uncorrelated {@code IN (SELECT …)} for every outer row, figures that describe no user's H2.
   */
  static BenchDatabase h2(Path dir) throws Exception {
    Files.createDirectories(dir);
    return new BenchDatabase("H2", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("product"),
        "jdbc:h2:file:" + dir.toAbsolutePath().resolve("stock"), "sa", "org.h2.Driver", false);
  }

  static BenchDatabase postgres(LocalPostgres server, String prefix) throws Exception {
    server.createDatabase(prefix + "_product");
    server.createDatabase(prefix + "_stock");
    return new BenchDatabase("PostgreSQL", server.jdbcUrl(prefix + "_product"), server.jdbcUrl(prefix + "_stock"),
        "postgres", "org.postgresql.Driver", true);
  }

  /** The product as it runs: its Spring Boot application and configuration (profile {@code postgres} there). */
  ConfigurableApplicationContext startProduct(Class<?>... extraSources) {
    List<Class<?>> sources = new ArrayList<>(List.of(ShisakuFlowApplication.class));
    sources.addAll(List.of(extraSources));
    String[] profiles = postgres ? new String[] {"bench", "postgres"} : new String[] {"bench"};
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + productUrl,
        "--spring.datasource.username=" + user, "--spring.datasource.password=",
        "--shisaku.audit.signing-key-file=" + signingKeyFile()));
    // Experiments: -Dbench.product.args="--some.property=value --other=value"
    String extra = System.getProperty("bench.product.args", "").trim();
    if (!extra.isEmpty()) {
      args.addAll(List.of(extra.split("\\s+")));
    }
    return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).profiles(profiles)
        .run(args.toArray(String[]::new));
  }

  /** The bench profile is not the demo's: like production, it is given a key file. */
  private static Path signingKeyFile() {
    try {
      return SigningKeyFile.createIn(Path.of("target", "benchmarks")).toAbsolutePath();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * After generating data in bulk: PostgreSQL's planner statistics brought up to date, as autovacuum does
   * within a minute or so of such a change; measuring before that measures plans made for empty tables.
   */
  void settle(ConfigurableApplicationContext product) {
    if (postgres) {
      new JdbcTemplate(product.getBean(DataSource.class)).execute("ANALYZE");
    }
  }

  /** Stock Camunda: a standalone engine with the engine's defaults (history full, as the product). */
  ProcessEngine startStock() throws Exception {
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("stock-" + name.toLowerCase());
    configuration.setJdbcUrl(stockUrl);
    configuration.setJdbcDriver(driver);
    configuration.setJdbcUsername(user);
    configuration.setJdbcPassword("");
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setHistory("full");
    configuration.setJobExecutorActivate(false);
    ProcessEngine engine = configuration.buildProcessEngine();
    engine.getRepositoryService().createDeployment().name("stock")
        .addInputStream("initiative-lifecycle.bpmn", new java.io.ByteArrayInputStream(StockModel.lifecycle()))
        .addInputStream("continuation-decision.dmn", new java.io.ByteArrayInputStream(StockModel.decision()))
        .deploy();
    return engine;
  }
}
