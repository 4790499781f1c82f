package jp.shisakuflow.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.cluster.AppNode;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.FreePort;
import jp.shisakuflow.support.LocalPostgres;
import jp.shisakuflow.support.SigningKeyFile;
import jp.shisakuflow.support.TestUsers;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #21's scale: one city among 1,700 on one PostgreSQL, each with 50 initiatives a year and three years
 * (two finished, the current one running), against the same city alone in its database.
 *
 * <p>The city's records are made by the product (its services, as the read benchmark makes them); the database
 * is then copied, and in the copy {@link CityCloner} adds the other cities as copies of the first (records,
 * people, groups, grants). Two nodes of the packaged jar, one on each database, answer the same requests of the
 * city's people over HTTP, in pairs (alone, among many; the order alternating), so neither pays the other's
 * warm-up or the machine's moods: a ward's task list as Tasklist asks it ({@code /engine-rest}, 50 newest and the
 * count) and {@code /api/progress} (the year, a page, the summary). Start-up time and resident memory of both
 * nodes are measured in pairs too (each started {@code bench.repeats} times).
 *
 * <p>{@code ./mvnw verify -Pbench -Dit.test=CityScaleBenchmark} (defaults: 1,700 cities, 50 initiatives a year,
 * 100 request pairs); {@code -Dbench.cities=…}, {@code -Dbench.cities.initiatives=…}, {@code -Dbench.cities.samples=…}.
 */
class CityScaleBenchmark {

  static final int CITIES = Integer.getInteger("bench.cities", 1700);
  static final int INITIATIVES = Integer.getInteger("bench.cities.initiatives", 50);
  static final int SAMPLES = Integer.getInteger("bench.cities.samples", 100);
  static final int STARTS = Integer.getInteger("bench.repeats", 3);
  static final int CITIES_PER_STATEMENT = Integer.getInteger("bench.cities.per-statement", 100);
  static final String MANAGER = "benchmanager";
  static final String WARD_USER = "benchtakatsu";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void oneCityAmongManyOnPostgres() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "benchmarks", "cities"));
    try (LocalPostgres server = LocalPostgres.start()) {
      server.createDatabase("city_alone");
      int year = FiscalYear.containing(LocalDate.now());
      long generating = System.nanoTime();
      generateTheCity(server.jdbcUrl("city_alone"), year);
      System.out.printf("the city's %d initiatives generated in %.0f s%n", INITIATIVES * 3,
          (System.nanoTime() - generating) / 1e9);

      execute(server.jdbcUrl(LocalPostgres.DATABASE), "CREATE DATABASE city_among_many TEMPLATE city_alone");
      long cloning = System.nanoTime();
      Map<String, Long> copied = new CityCloner(server.jdbcUrl("city_among_many"), City.SEED.tenantId())
          .cloneTo(CITIES, CITIES_PER_STATEMENT);
      double cloneSeconds = (System.nanoTime() - cloning) / 1e9;
      System.out.printf("%d cities copied in %.0f s: %s%n", CITIES - 1, cloneSeconds, copied);
      for (String database : List.of("city_alone", "city_among_many")) {
        execute(server.jdbcUrl(database), "VACUUM ANALYZE");
      }
      String aloneSize = databaseSize(server, "city_alone");
      String manySize = databaseSize(server, "city_among_many");

      Path signingKey = SigningKeyFile.createIn(work);
      AppNode alone = node("alone", server.jdbcUrl("city_alone"), work, signingKey);
      AppNode many = node("among-many", server.jdbcUrl("city_among_many"), work, signingKey);
      BenchReport starts = new BenchReport("One city among " + CITIES + " on PostgreSQL: start-up and memory ("
          + STARTS + " starts each, in pairs)")
          .line("| node's database | seconds until ready (median, range) | CPU seconds until ready | resident MB when ready | ratio among many ÷ alone (median of pairs) |")
          .line("|---|---|---|---|---|");
      List<double[]> aloneStarts = new ArrayList<>();
      List<double[]> manyStarts = new ArrayList<>();
      for (int run = 0; run < STARTS; run++) {
        boolean aloneFirst = run % 2 == 0;
        (aloneFirst ? aloneStarts : manyStarts).add(startAndStop(aloneFirst ? alone : many));
        (aloneFirst ? manyStarts : aloneStarts).add(startAndStop(aloneFirst ? many : alone));
      }
      starts.line(startLine("the city alone (" + aloneSize + ")", aloneStarts, null));
      starts.line(startLine(CITIES + " cities (" + manySize + ")", manyStarts, aloneStarts));
      starts.publish();

      BenchReport requests = new BenchReport("One city among " + CITIES + " on PostgreSQL: its people's requests ("
          + SAMPLES + " pairs; " + INITIATIVES + " initiatives a year × 3 years per city; " + copiedSummary(copied)
          + ")")
          .line("| request (as whom) | alone p50 ms | alone p95 ms | among " + CITIES + " p50 ms | among " + CITIES
              + " p95 ms | ratio of p95 (many ÷ alone) |")
          .line("|---|---|---|---|---|---|");
      try (alone; many) {
        alone.start();
        many.start();
        alone.awaitReady(Duration.ofMinutes(5));
        many.awaitReady(Duration.ofMinutes(5));
        String ward = OrganizationGroup.WARD_TAKATSU.id();
        List<String[]> asked = List.of(
            new String[] {"a ward's task list: 50 newest (" + WARD_USER + ")", WARD_USER,
                "/engine-rest/task?candidateGroup=" + ward + "&sortBy=created&sortOrder=desc&firstResult=0&maxResults=50"},
            new String[] {"a ward's task count (" + WARD_USER + ")", WARD_USER,
                "/engine-rest/task/count?candidateGroup=" + ward},
            new String[] {"/api/progress, the year (" + MANAGER + ")", MANAGER, "/api/progress?fiscalYear=" + year},
            new String[] {"/api/progress, a page of 50", MANAGER, "/api/progress?fiscalYear=" + year + "&page=0&size=50"},
            new String[] {"/api/progress/summary", MANAGER, "/api/progress/summary?fiscalYear=" + year});
        for (String[] request : asked) {
          requireSameAnswer(alone, many, request[1], request[2]);
          List<List<Double>> pairs = pairs(alone, many, request[1], request[2]);
          double aloneP95 = Stats.percentile(pairs.get(0), 95);
          double manyP95 = Stats.percentile(pairs.get(1), 95);
          requests.line("| %s | %.1f | %.1f | %.1f | %.1f | %.2f× |".formatted(request[0],
              Stats.percentile(pairs.get(0), 50), aloneP95, Stats.percentile(pairs.get(1), 50), manyP95,
              manyP95 / aloneP95));
        }
      }
      requests.line("").line("Copying %d cities took %.0f s; the databases: alone %s, among many %s.".formatted(
          CITIES - 1, cloneSeconds, aloneSize, manySize));
      tenantCheck(server.jdbcUrl("city_among_many"), requests);
      requests.publish();
    }
  }

  /**
   * The tenant check's cost among the cities, side by side like the authorization figure: the ward's task list as
   * Tasklist asks it (in the product's JVM, as {@link ReadBenchmark} measures it) with the engine's tenant check on
   * and off, in pairs.
   */
  private static void tenantCheck(String url, BenchReport report) throws Exception {
    ConfigurableApplicationContext app = new BenchDatabase("PostgreSQL", url, url, "postgres", "org.postgresql.Driver",
        true).startProduct();
    try {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      IdentityService identity = engine.getIdentityService();
      org.camunda.bpm.engine.TaskService tasks = engine.getTaskService();
      List<String> groups = List.of(OrganizationGroup.WARD_TAKATSU.id());
      java.util.concurrent.Callable<Object> taskList = ReadBenchmark.asWard(identity, groups, () -> {
        tasks.createTaskQuery().taskCandidateGroupIn(groups).orderByTaskCreateTime().desc().listPage(0, 50);
        return tasks.createTaskQuery().taskCandidateGroupIn(groups).count();
      });
      var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine
          .getProcessEngineConfiguration();
      java.util.concurrent.Callable<Object> withoutTenantCheck = () -> {
        configuration.setTenantCheckEnabled(false);
        try {
          return taskList.call();
        } finally {
          configuration.setTenantCheckEnabled(true);
        }
      };
      List<List<Double>> onOff = ReadBenchmark.pairedLatencies(taskList, withoutTenantCheck, () -> { });
      double on = Stats.percentile(onOff.get(0), 95);
      double off = Stats.percentile(onOff.get(1), 95);
      report.line("").line("The tenant check among %d cities (a ward's task list, 50 newest + count, in the product's JVM,"
          .formatted(CITIES) + " %d pairs): on p50 %.1f / p95 %.1f ms, off p50 %.1f / p95 %.1f ms, on ÷ off (p95) %.2f×."
          .formatted(onOff.get(0).size(), Stats.percentile(onOff.get(0), 50), on, Stats.percentile(onOff.get(1), 50),
              off, on / off));
    } finally {
      app.close();
    }
  }

  /** The product makes the city's records: two finished years and the running one, as the read benchmark does. */
  private static void generateTheCity(String url, int year) throws Exception {
    BenchDatabase database = new BenchDatabase("PostgreSQL", url, url, "postgres", "org.postgresql.Driver", true);
    ConfigurableApplicationContext app = database.startProduct();
    try {
      IdentityService identity = app.getBean(IdentityService.class);
      TestUsers.ensure(identity, MANAGER, OrganizationGroup.MANAGERS);
      TestUsers.ensure(identity, WARD_USER, OrganizationGroup.WARD_TAKATSU);
      BenchData data = new BenchData(app.getBean(ProcessEngine.class), app.getBean(InitiativeLifecycleService.class),
          year);
      data.addFinished(year - 2, INITIATIVES);
      data.addFinished(year - 1, INITIATIVES);
      data.addRunning(INITIATIVES);
    } finally {
      app.close();
    }
  }

  private static AppNode node(String name, String url, Path work, Path signingKey) throws Exception {
    Path log = work.resolve(name + ".log");
    Files.deleteIfExists(log);
    return new AppNode(name, FreePort.next(), Path.of(System.getProperty("shisaku.jar")), log, Map.of(
        "SHISAKU_DB_URL", url,
        "SHISAKU_DB_USER", "postgres",
        "SHISAKU_DB_PASSWORD", "",
        "SHISAKU_ADMIN_PASSWORD", TestUsers.PASSWORD,
        "SHISAKU_SIGNING_KEY_FILE", signingKey.toAbsolutePath().toString()));
  }

  /** Seconds until ready, CPU seconds until then and resident megabytes then; the node stopped after. */
  private static double[] startAndStop(AppNode node) throws Exception {
    long began = System.nanoTime();
    node.start();
    try {
      node.awaitReady(Duration.ofMinutes(5));
      return new double[] {(System.nanoTime() - began) / 1e9, StartupBenchmark.cpuSeconds(node.pid()),
          StartupBenchmark.residentMegabytes(node.pid())};
    } finally {
      node.close();
    }
  }

  private static String startLine(String what, List<double[]> starts, List<double[]> baseline) {
    List<Double> seconds = starts.stream().map(s -> s[0]).toList();
    List<Double> cpu = starts.stream().map(s -> s[1]).toList();
    List<Double> resident = starts.stream().map(s -> s[2]).toList();
    String ratio = "";
    if (baseline != null) {
      List<Double> secondRatios = new ArrayList<>();
      List<Double> memoryRatios = new ArrayList<>();
      for (int i = 0; i < starts.size(); i++) {
        secondRatios.add(starts.get(i)[0] / baseline.get(i)[0]);
        memoryRatios.add(starts.get(i)[2] / baseline.get(i)[2]);
      }
      ratio = "time %.2f×, memory %.2f×".formatted(Stats.median(secondRatios), Stats.median(memoryRatios));
    }
    return "| %s | %.1f (%s) | %.1f | %.0f (%s) | %s |".formatted(what, Stats.median(seconds), Stats.range(seconds),
        Stats.median(cpu), Stats.median(resident), Stats.range(resident), ratio);
  }

  /** Both nodes answer the request alike (the city's own records): the copies add nothing to what it sees. */
  private static void requireSameAnswer(AppNode alone, AppNode many, String user, String path) throws Exception {
    String a = get(alone, user, path);
    String b = get(many, user, path);
    if (!a.equals(b)) {
      throw new IllegalStateException(path + " answers differently among many cities:\nalone: "
          + a.substring(0, Math.min(400, a.length())) + "\nmany:  " + b.substring(0, Math.min(400, b.length())));
    }
  }

  private static List<List<Double>> pairs(AppNode alone, AppNode many, String user, String path) throws Exception {
    List<Double> aloneMillis = new ArrayList<>();
    List<Double> manyMillis = new ArrayList<>();
    for (int i = 0; i < 10 + SAMPLES; i++) {
      boolean aloneFirst = i % 2 == 0;
      double first = timed(aloneFirst ? alone : many, user, path);
      double second = timed(aloneFirst ? many : alone, user, path);
      if (i >= 10) {
        aloneMillis.add(aloneFirst ? first : second);
        manyMillis.add(aloneFirst ? second : first);
      }
    }
    return List.of(aloneMillis, manyMillis);
  }

  private static double timed(AppNode node, String user, String path) throws Exception {
    long began = System.nanoTime();
    get(node, user, path);
    return (System.nanoTime() - began) / 1e6;
  }

  private static String get(AppNode node, String user, String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + path))
        .timeout(Duration.ofMinutes(1))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + " on " + node.base() + ": "
          + response.body());
    }
    return response.body();
  }

  private static String copiedSummary(Map<String, Long> copied) {
    return "copied: " + copied.getOrDefault("act_hi_procinst", 0L) + " historic instances, "
        + copied.getOrDefault("act_ru_task", 0L) + " open tasks, " + copied.getOrDefault("act_hi_actinst", 0L)
        + " activity instances, " + copied.getOrDefault("act_ru_authorization", 0L) + " grants";
  }

  private static String databaseSize(LocalPostgres server, String database) throws Exception {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), "postgres", "");
        Statement sql = connection.createStatement();
        ResultSet size = sql.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database()))")) {
      size.next();
      return size.getString(1);
    }
  }

  private static void execute(String url, String statement) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        Statement sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }
}
