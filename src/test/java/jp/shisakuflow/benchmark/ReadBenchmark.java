package jp.shisakuflow.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.CityScope;
import jp.shisakuflow.progress.ProgressService;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.LocalPostgres;
import jp.shisakuflow.support.StatementCounter;
import jp.shisakuflow.support.TestUsers;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What managers and auditors wait for as the years pile up: {@code /api/progress} at growing sizes (the whole
 * year, a page of 50 and the summary; and a naive client asking the REST API per instance), the quarterly
 * report and an audit trail, a ward's task list with authorizations on and off.
 *
 * <p>Between two samples of a figure the harness writes what a working day writes to the tables that figure
 * reads (an initiative's title changed, a task's priority changed), outside the timed request: H2, run with
 * the app's own settings, would otherwise hand back its cached result of the identical previous query.
 */
class ReadBenchmark {

  static final int SAMPLES = Integer.getInteger("bench.samples", 30);
  static final int NAIVE_MAX = Integer.getInteger("bench.naive.max", 10_000);
  static final int REPORT_SIZE = Integer.getInteger("bench.report.size", 10_000);
  /** The paged and summary answers of the read model (issue #20); {@code false} measures a build without them. */
  static final boolean READ_MODEL = !"false".equals(System.getProperty("bench.read-model"));
  static final int PAGE_SIZE = 50;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final String MANAGER = "benchmanager";
  static final String WARD_USER = "benchtakatsu";
  static final int ENGINE_CHECK_SAMPLES = Integer.getInteger("bench.engine-check.samples", 3);

  @Test
  void onH2() throws Exception {
    measure(BenchDatabase.h2(Path.of("target", "benchmarks", "read-h2-" + System.currentTimeMillis())),
        sizes("bench.h2.sizes"), Integer.getInteger("bench.h2.tasks", 100_000));
  }

  @Test
  void onPostgres() throws Exception {
    try (LocalPostgres server = LocalPostgres.start()) {
      measure(BenchDatabase.postgres(server, "reads"), sizes("bench.postgres.sizes"),
          Integer.getInteger("bench.postgres.tasks", 100_000));
    }
  }

  private static int[] sizes(String property) {
    return Arrays.stream(System.getProperty(property, "1000,10000,50000").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
  }

  private void measure(BenchDatabase database, int[] sizes, int openTasks) throws Exception {
    ConfigurableApplicationContext app = database.startProduct(StatementCounter.class);
    try {
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      IdentityService identity = app.getBean(IdentityService.class);
      TestUsers.ensure(identity, MANAGER, OrganizationGroup.MANAGERS);
      TestUsers.ensure(identity, WARD_USER, OrganizationGroup.WARD_TAKATSU);
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      BenchData data = new BenchData(engine, app.getBean(InitiativeLifecycleService.class),
          FiscalYear.containing(LocalDate.now()));
      if (READ_MODEL) {
        requireReadModelApi(base, data.year);
      }

      BenchReport progress = new BenchReport("/api/progress on " + database.name() + " (" + SAMPLES
          + " requests each; the naive client: one REST call for the list page, two per instance)")
          .line("| initiatives (finished last year + running) | answer | p50 ms | p95 ms | SQL statements per request "
              + "| naive client ms (runs) | naive ÷ product (p50) |")
          .line("|---|---|---|---|---|---|---|");
      BenchReport others = new BenchReport("Reports, audit trail and task list on " + database.name())
          .line("| what | size | p50 ms | p95 ms | compared with | ratio |").line("|---|---|---|---|---|---|");
      for (int size : sizes) {
        long generating = System.nanoTime();
        data.growTo(size);
        database.settle(app);
        System.out.printf("generated %d initiatives in %.0f s%n", data.total(), (System.nanoTime() - generating) / 1e9);
        Runnable aTitleChanged = data::changeATitle;
        String progressPath = "/api/progress?fiscalYear=" + data.year;
        List<Double> latencies = latencies(() -> get(base, progressPath, 200), aTitleChanged);
        int statements = statements(base, progressPath);
        String naive = "not run (over " + NAIVE_MAX + ")";
        String ratio = "";
        if (size <= NAIVE_MAX) {
          List<Double> naiveRuns = new ArrayList<>();
          for (int run = 0; run < (size <= 1000 ? 3 : 1); run++) {
            naiveRuns.add(timed(() -> naiveProgress(base, data.year)));
          }
          naive = "%.0f (%d)".formatted(Stats.median(naiveRuns), naiveRuns.size());
          ratio = "%.0f×".formatted(Stats.median(naiveRuns) / Stats.percentile(latencies, 50));
        }
        String initiatives = "%d (%d + %d)".formatted(data.total(), data.finished, data.running);
        progress.line("| %s | whole year | %.1f | %.1f | %d | %s | %s |".formatted(initiatives,
            Stats.percentile(latencies, 50), Stats.percentile(latencies, 95), statements, naive, ratio));
        if (READ_MODEL) {
          for (String[] answer : List.of(
              new String[] {"page of " + PAGE_SIZE, progressPath + "&page=0&size=" + PAGE_SIZE},
              new String[] {"summary", "/api/progress/summary?fiscalYear=" + data.year})) {
            List<Double> answerLatencies = latencies(() -> get(base, answer[1], 200), aTitleChanged);
            progress.line("| %s | %s | %.1f | %.1f | %d | | |".formatted(initiatives, answer[0],
                Stats.percentile(answerLatencies, 50), Stats.percentile(answerLatencies, 95), statements(base, answer[1])));
          }
        } else {
          progress.line("| %s | page of %d, summary | not measured (-Dbench.read-model=false) | | | | |"
              .formatted(initiatives, PAGE_SIZE));
        }
        if (size == REPORT_SIZE) {
          List<Double> report = latencies(() -> get(base, "/api/reports/quarterly?fiscalYear=" + data.year
              + "&quarter=3", 200), aTitleChanged);
          others.line("| quarterly report (xlsx) | %d | %.1f | %.1f | | |".formatted(data.total(),
              Stats.percentile(report, 50), Stats.percentile(report, 95)));
          // The audit trail of a finished initiative reads only history written when it ran: nothing of a
          // working day writes to its rows, so a write to the same tables stands in for one.
          List<Double> trail = latencies(() -> get(base, "/api/audit/initiatives/" + data.finishedBusinessKey(), 200),
              aTitleChanged);
          others.line("| audit trail of one finished initiative | %d | %.1f | %.1f | | |".formatted(data.total(),
              Stats.percentile(trail, 50), Stats.percentile(trail, 95)));
        }
      }
      progress.publish();

      int runningBefore = data.running;
      long generating = System.nanoTime();
      data.addRunning(Math.max(0, openTasks - data.running));
      database.settle(app);
      System.out.printf("added %d running initiatives in %.0f s%n", data.running - runningBefore,
          (System.nanoTime() - generating) / 1e9);
      long open = engine.getTaskService().createTaskQuery().count();
      System.out.printf("open tasks %d (%d added)%n", open, data.running - runningBefore);
      TaskService tasks = engine.getTaskService();
      List<String> groups = List.of(OrganizationGroup.WARD_TAKATSU.id());
      // 部署のタスク as Tasklist asks it: the 50 newest tasks of the ward's candidate group, and the count.
      Callable<Object> taskList = () -> {
        tasks.createTaskQuery().taskCandidateGroupIn(groups).orderByTaskCreateTime().desc().listPage(0, 50);
        return tasks.createTaskQuery().taskCandidateGroupIn(groups).count();
      };
      // The same tasks in a query shape the product's shortcut does not apply to: the engine's own check.
      Supplier<TaskQuery> eitherOwnGroup = () -> tasks.createTaskQuery()
          .or().taskCandidateGroupIn(groups).taskCandidateGroupIn(groups).endOr();
      Callable<Object> engineChecked = () -> {
        eitherOwnGroup.get().orderByTaskCreateTime().desc().listPage(0, 50);
        return eitherOwnGroup.get().count();
      };
      Runnable aPriorityChanged = data::changeAPriority;
      // On and off alternate, sample by sample (pairs): neither pays the other's warm-up or the machine's moods.
      List<List<Double>> onOff = pairedLatencies(asWard(identity, groups, taskList), taskList, aPriorityChanged);
      List<Double> withAuthorizations = onOff.get(0);
      List<Double> withoutAuthorizations = onOff.get(1);
      List<Double> engineCheck = latencies(asWard(identity, groups, engineChecked), aPriorityChanged, 1,
          ENGINE_CHECK_SAMPLES);
      double off = Stats.percentile(withoutAuthorizations, 95);
      others.line("| a ward's task list (50 newest + count), authorizations on | %d open | %.1f | %.1f | same query, "
          .formatted(open, Stats.percentile(withAuthorizations, 50), Stats.percentile(withAuthorizations, 95))
          + "authorizations off: p50 %.1f, p95 %.1f | %.2f× (p95) |".formatted(Stats.percentile(withoutAuthorizations, 50),
          off, Stats.percentile(withAuthorizations, 95) / off));
      if (!database.postgres()) {
        // Side by side on H2: the same list through the engine's own statement (its LEFT JOIN of the identity
        // links), i.e. without the product's H2 task queries (security/H2TaskQueries).
        List<Double> leftJoin = withEnginesTaskStatements(engine,
            () -> latencies(asWard(identity, groups, taskList), aPriorityChanged));
        double on = Stats.percentile(withAuthorizations, 95);
        others.line(("| the same list through the engine's own statement (LEFT JOIN of identity links), authorizations on "
            + "| %d open | %.1f | %.1f | the product's statement: p50 %.1f, p95 %.1f | %.2f× (p95) |").formatted(open,
            Stats.percentile(leftJoin, 50), Stats.percentile(leftJoin, 95), Stats.percentile(withAuthorizations, 50), on,
            Stats.percentile(leftJoin, 95) / on));
      }
      // The tenant check (#21): the same list as a person of the city, against the check switched off, in pairs.
      ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
          .getProcessEngineConfiguration();
      Callable<Object> withoutTenantCheck = () -> {
        configuration.setTenantCheckEnabled(false);
        try {
          return asWard(identity, groups, taskList).call();
        } finally {
          configuration.setTenantCheckEnabled(true);
        }
      };
      List<List<Double>> tenantOnOff = pairedLatencies(asWard(identity, groups, taskList), withoutTenantCheck,
          aPriorityChanged);
      double tenantOff = Stats.percentile(tenantOnOff.get(1), 95);
      others.line(("| a ward's task list, tenant check on (a person of the city; the data the city's) | %d open | %.1f | %.1f"
          + " | tenant check off: p50 %.1f, p95 %.1f | %.2f× (p95) |").formatted(open,
          Stats.percentile(tenantOnOff.get(0), 50), Stats.percentile(tenantOnOff.get(0), 95),
          Stats.percentile(tenantOnOff.get(1), 50), tenantOff, Stats.percentile(tenantOnOff.get(0), 95) / tenantOff));
      // The read model's page with the city's condition (a person of the city) against none (every city).
      ProgressService progressService = app.getBean(ProgressService.class);
      CityScope cityScope = app.getBean(CityScope.class);
      java.time.LocalDate asOf = jp.shisakuflow.time.CityTime.today(new java.util.Date());
      Callable<Object> page = () -> progressService.page(data.year, asOf, 0, PAGE_SIZE);
      List<List<Double>> pageOnOff = pairedLatencies(() -> cityScope.call(City.SEED.tenantId(), () -> {
        try {
          return page.call();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }), page, aPriorityChanged);
      double pageOff = Stats.percentile(pageOnOff.get(1), 95);
      others.line(("| the year's page of %d from the read model, in the city (its condition) | %d initiatives | %.1f | %.1f"
          + " | every city (no condition): p50 %.1f, p95 %.1f | %.2f× (p95) |").formatted(PAGE_SIZE, data.total(),
          Stats.percentile(pageOnOff.get(0), 50), Stats.percentile(pageOnOff.get(0), 95),
          Stats.percentile(pageOnOff.get(1), 50), pageOff, Stats.percentile(pageOnOff.get(0), 95) / pageOff));
      others.line(("| the same list through the engine's own authorization check (%d samples) | %d open | %.1f | %.1f | "
          + "authorizations off | %.2f× (p95) |").formatted(engineCheck.size(), open, Stats.percentile(engineCheck, 50),
          Stats.percentile(engineCheck, 95), Stats.percentile(engineCheck, 95) / off));
      others.publish();
    } finally {
      app.close();
    }
  }

  /** {@code work} with this engine's task queries mapped back to the engine's own statements. */
  private static <T> T withEnginesTaskStatements(ProcessEngine engine, Callable<T> work) throws Exception {
    DbSqlSessionFactory sessions = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getDbSqlSessionFactory();
    Map<String, String> product = sessions.getStatementMappings();
    Map<String, String> engines = product == null ? new HashMap<>() : new HashMap<>(product);
    engines.remove("selectTaskByQueryCriteria");
    engines.remove("selectTaskCountByQueryCriteria");
    sessions.setStatementMappings(engines);
    try {
      return work.call();
    } finally {
      sessions.setStatementMappings(product);
    }
  }

  static Callable<Object> asWard(IdentityService identity, List<String> groups, Callable<Object> call) {
    return () -> {
      identity.setAuthentication(WARD_USER, groups, List.of(jp.shisakuflow.organization.City.SEED.tenantId()));
      try {
        return call.call();
      } finally {
        identity.clearAuthentication();
      }
    };
  }

  /** What a client without the product's API does: list the year's instances, then ask per instance. */
  private static Object naiveProgress(String base, int year) throws Exception {
    int instances = 0;
    for (int first = 0; ; first += 1000) {
      JsonNode page = JSON.readTree(get(base, "/engine-rest/process-instance?processDefinitionKey="
          + InitiativeLifecycle.PROCESS_KEY + "&businessKeyLike=FY" + year + "-%25&firstResult=" + first
          + "&maxResults=1000", 200));
      for (JsonNode instance : page) {
        String id = instance.get("id").asText();
        get(base, "/engine-rest/process-instance/" + id + "/activity-instances", 200);
        get(base, "/engine-rest/process-instance/" + id + "/variables?deserializeValues=false", 200);
        instances++;
      }
      if (page.size() < 1000) {
        return instances;
      }
    }
  }

  /**
   * Fails the run where the read model's paged and summary answers are missing (a build before issue #20's
   * read model): an explicit message rather than a table without their rows.
   */
  private static void requireReadModelApi(String base, int year) throws Exception {
    String page = "/api/progress?fiscalYear=" + year + "&page=0&size=" + PAGE_SIZE;
    String summary = "/api/progress/summary?fiscalYear=" + year;
    HttpResponse<String> paged = send(base, page);
    HttpResponse<String> summarized = send(base, summary);
    boolean pagedAnswer = paged.statusCode() == 200 && JSON.readTree(paged.body()).has("total");
    if (!pagedAnswer || summarized.statusCode() != 200) {
      throw new IllegalStateException("The read model's API is missing (" + page + " answered " + paged.statusCode()
          + (pagedAnswer ? " with" : " without") + " a total; " + summary + " answered " + summarized.statusCode()
          + "): run after the read model is merged, or with -Dbench.read-model=false to measure without it");
    }
  }

  /** SQL statements one request prepares (on the data source). */
  private static int statements(String base, String path) throws Exception {
    int before = StatementCounter.count();
    get(base, path, 200);
    return StatementCounter.count() - before;
  }

  private static List<Double> latencies(Callable<Object> call, Runnable between) throws Exception {
    return latencies(call, between, 5, SAMPLES);
  }

  /** {@code first} and {@code second} in turn, {@code between} before each, outside the time measured. */
  static List<List<Double>> pairedLatencies(Callable<Object> first, Callable<Object> second, Runnable between)
      throws Exception {
    List<Double> firstMillis = new ArrayList<>();
    List<Double> secondMillis = new ArrayList<>();
    for (int i = 0; i < 5 + SAMPLES; i++) {
      between.run();
      double a = timed(first);
      between.run();
      double b = timed(second);
      if (i >= 5) {
        firstMillis.add(a);
        secondMillis.add(b);
      }
    }
    return List.of(firstMillis, secondMillis);
  }

  /** {@code between} runs before every call, outside the time measured. */
  private static List<Double> latencies(Callable<Object> call, Runnable between, int warmUps, int samples)
      throws Exception {
    for (int i = 0; i < warmUps; i++) {
      between.run();
      call.call();
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      between.run();
      millis.add(timed(call));
    }
    return millis;
  }

  private static double timed(Callable<Object> call) throws Exception {
    long began = System.nanoTime();
    call.call();
    return (System.nanoTime() - began) / 1e6;
  }

  private static String get(String base, String path, int expected) throws Exception {
    HttpResponse<String> response = send(base, path);
    if (response.statusCode() != expected) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static HttpResponse<String> send(String base, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofMinutes(2))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (MANAGER + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
