package jp.shisakuflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jp.shisakuflow.support.FreePort;
import jp.shisakuflow.support.LocalPostgres;
import jp.shisakuflow.support.SigningKeyFile;
import jp.shisakuflow.time.FiscalYear;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes (separate JVMs, the packaged jar) on one PostgreSQL, on loopback: concurrent
 * clients drive initiatives through whole lifecycles over REST while one node is SIGKILLed and restarted
 * and PostgreSQL is restarted; then the history in the database is checked record by record. In the same run a
 * browser behind the shipped nginx ({@link NginxFront}, {@link FrontDoorBrowser}) keeps its login and completes
 * a task while node-b is dead, and the daily digest reaches each ward once ({@link ClusterDigest}).
 * Run alone with {@code ./mvnw verify -DskipUnitTests}; sizes via {@code -Dcluster.initiatives=…}.
 */
class ClusterIT {

  static final int INITIATIVES = Integer.getInteger("cluster.initiatives", 200);
  static final int CLIENTS = Integer.getInteger("cluster.clients", 8);
  static final Duration READY = Duration.ofMinutes(3);
  /** Errors just after an outage ends still count as inside it: pools notice dead connections on use. */
  static final Duration GRACE = Duration.ofSeconds(10);

  record Window(String name, Instant from, Instant to) {
    boolean contains(Instant at) {
      return !at.isBefore(from) && !at.isAfter(to.plus(GRACE));
    }
  }

  record Check(String name, Object expected, Object actual) {
    boolean passed() {
      return String.valueOf(expected).equals(String.valueOf(actual));
    }
  }

  @Test
  void twoNodesKeepEveryRecordThroughANodeCrashAndAPostgresRestart() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "cluster"));
    String password = "Cl#" + UUID.randomUUID().toString().substring(0, 13) + "-Aa9";
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
    int year = FiscalYear.containing(today);
    // Both nodes sign audit exports with the one key, as compose.yaml mounts one secret into both.
    Path signingKey = SigningKeyFile.createIn(work);
    try (LocalPostgres postgres = LocalPostgres.start();
        ClusterDigest digest = ClusterDigest.start();
        AppNode a = node("node-a", work, postgres, password, signingKey, digest.environment());
        AppNode b = node("node-b", work, postgres, password, signingKey, digest.environment())) {
      NginxFront front = null;
      FrontDoorBrowser browser = null;
      try {
        // One after the other: the first creates the schema and deploys, the second finds both done.
        a.start();
        a.awaitReady(READY);
        b.start();
        b.awaitReady(READY);
        ClusterClient client = new ClusterClient(List.of(a, b), password);
        ClusterUsers.create(client, "admin", password);
        digest.startOverdueInitiatives(client, year, today);
        // The front door as shipped (docker/nginx.conf) and a browser behind it; the REST clients call the nodes.
        front = NginxFront.start(work, FreePort.next(), a, b);
        browser = new FrontDoorBrowser(front, client, password);
        browser.prepare("admin");
        // Logged in through nginx, Tasklist open and the task claimed before the load starts (both nodes up).
        browser.claimBeforeTheKill();

        InitiativeDriver driver = new InitiativeDriver(client);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Queue<String> gaveUp = new ConcurrentLinkedQueue<>();
        Instant began = Instant.now();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
          int home = c % 2;
          clients.submit(() -> {
            for (int i = next.getAndIncrement(); i < INITIATIVES; i = next.getAndIncrement()) {
              Scenario scenario = new Scenario(i, year, today);
              try {
                driver.drive(scenario, home);
                finished.incrementAndGet();
              } catch (Exception e) {
                gaveUp.add(scenario.businessKey() + ": " + e.getMessage());
              }
            }
          });
        }
        clients.shutdown();

        List<Window> outages = new ArrayList<>();
        List<Integer> finishedAtFault = new ArrayList<>();
        awaitFinished(finished, INITIATIVES / 4, clients);
        finishedAtFault.add(finished.get());
        Instant stopped = Instant.now();
        postgres.kill();
        Thread.sleep(5000);
        postgres.startServer();
        a.awaitReady(READY);
        b.awaitReady(READY);
        outages.add(new Window("PostgreSQL restart", stopped, Instant.now()));

        // The node kill comes second: a node's restart on this 2-core machine under the load and a browser may
        // take two minutes, which would outlast the rest of the load if a fault were still to come after it.
        awaitFinished(finished, INITIATIVES * 11 / 20, clients);
        finishedAtFault.add(finished.get());
        // The digest's timer due now: whichever node takes it, node-b is killed right after and restarts.
        digest.makeDue(client, "admin", today);
        Instant killed = Instant.now();
        b.kill();
        Thread.sleep(3000);
        b.start();
        // While node-b starts again: the browser completes its task through nginx, with the session node-b served too.
        browser.completeAfterTheKill(b);
        b.awaitReady(READY);
        outages.add(new Window("SIGKILL node-b → restarted", killed, Instant.now()));
        Map<String, Long> digests = digest.digestsPerAddress(60_000);
        browser.reopenAfterTheNodeIsBack();

        assertThat(clients.awaitTermination(15, TimeUnit.MINUTES)).as("clients finished").isTrue();
        Duration run = Duration.between(began, Instant.now());
        ClusterLedger ledger = ClusterLedger.read(postgres.jdbcUrl(), "FY" + year + "-cluster-");

        List<Check> checks = checks(year, today, ledger, driver, client, gaveUp, outages, finishedAtFault);
        checks.add(new Check("digests per ward, once (GreenMail; due at the kill)", digest.expected(), digests));
        checks.add(new Check("digests per ward at the end (none late or doubled)", digest.expected(),
            digest.digestsPerAddress(0)));
        checks.addAll(frontDoorChecks(browser, front, a, b));
        Files.write(work.resolve("client-failures.log"), client.failures.stream().map(Object::toString).toList());
        System.out.println(summary(run, finished.get(), client, driver, ledger, outages, checks));
        assertThat(checks).as("failed checks (summary above)").allMatch(Check::passed);
      } finally {
        if (browser != null) {
          browser.close();
        }
        if (front != null) {
          front.close();
        }
      }
    }
  }

  /** The browser behind nginx: one login, its task completed while node-b was down, both nodes served it. */
  private static List<Check> frontDoorChecks(FrontDoorBrowser browser, NginxFront front, AppNode a, AppNode b)
      throws java.io.IOException {
    Map<String, Long> byNode = browser.answersByNode();
    System.out.println("front door: the browser's requests by node " + byNode + "; all requests by node "
        + front.answersByNode() + "; node-b still down when the task was completed: " + browser.killedNodeStillDown
        + "; browser problems " + browser.problems);
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("browser (nginx): logins", 1, browser.logins));
    checks.add(new Check("browser (nginx): task completed after node-b's kill", true, browser.completedAfterKill));
    checks.add(new Check("browser (nginx): retries (at most 1)", true, browser.retries <= 1));
    checks.add(new Check("browser (nginx): still logged in after node-b is back", true, browser.loggedInAfterNodeBack));
    checks.add(new Check("browser (nginx): its session answered by both nodes", true,
        byNode.keySet().stream().anyMatch(n -> n.endsWith(":" + a.port))
            && byNode.keySet().stream().anyMatch(n -> n.endsWith(":" + b.port))));
    return checks;
  }

  private static List<Check> checks(int year, LocalDate today, ClusterLedger ledger, InitiativeDriver driver,
      ClusterClient client, Queue<String> gaveUp, List<Window> outages, List<Integer> finishedAtFault) {
    List<Scenario> scenarios = IntStream.range(0, INITIATIVES).mapToObj(i -> new Scenario(i, year, today)).toList();
    List<String> wrongOutcome = new ArrayList<>();
    List<String> wrongCompletions = new ArrayList<>();
    List<String> wrongTimers = new ArrayList<>();
    List<String> wrongCity = new ArrayList<>();
    int overdueFiredOnce = 0;
    for (Scenario scenario : scenarios) {
      ClusterLedger.Instance instance = ledger.byBusinessKey.get(scenario.businessKey());
      if (instance == null) {
        continue;
      }
      if (!scenario.city().tenantId().equals(instance.tenantId())) {
        wrongCity.add(scenario.businessKey() + " in " + instance.tenantId());
      }
      if (!instance.endEvents().equals(scenario.expectedEndEvents())) {
        wrongOutcome.add(scenario.businessKey() + " " + instance.endEvents());
      }
      if (!instance.completedTasks().equals(scenario.expectedCompletions()) || instance.openOrCancelledTasks() > 0) {
        wrongCompletions.add(scenario.businessKey() + " " + instance.completedTasks());
      }
      long fired = ledger.timerJobs.stream()
          .filter(j -> j.processInstanceId().equals(instance.id()) && j.successes() > 0).count();
      int expectedFired = scenario.overdue() ? 1 : 0;
      if (fired != expectedFired || instance.overdueEvents() != expectedFired) {
        wrongTimers.add(scenario.businessKey() + " fired " + fired + ", overdue events " + instance.overdueEvents());
      } else if (scenario.overdue()) {
        overdueFiredOnce++;
      }
    }
    List<String> lostAcknowledged = driver.acknowledged.keySet().stream()
        .filter(id -> !ledger.completedTaskIds.containsKey(id)).toList();
    List<String> lostRetried = driver.completedBeforeRetry.stream()
        .filter(id -> !ledger.completedTaskIds.containsKey(id)).toList();
    long outsideWindows = client.failures.stream()
        .filter(f -> outages.stream().noneMatch(w -> w.contains(f.at()))).count();
    long failedJobsOutside = ledger.failedJobs.stream()
        .filter(f -> outages.stream().noneMatch(w -> w.contains(f.at()))).count();
    long overdueCount = scenarios.stream().filter(Scenario::overdue).count();

    List<Check> checks = new ArrayList<>();
    checks.add(new Check("initiatives in the database", INITIATIVES, ledger.byBusinessKey.size()));
    checks.add(new Check("instances per business key (most)", 1, ledger.instancesPerBusinessKeyMax));
    checks.add(new Check("instances completed", INITIATIVES,
        ledger.byBusinessKey.values().stream().filter(i -> "COMPLETED".equals(i.state())).count()));
    checks.add(new Check("instances with the wrong outcome", 0, sample(wrongOutcome)));
    checks.add(new Check("instances of another city than their owner's", 0, sample(wrongCity)));
    for (jp.shisakuflow.organization.City city : List.of(jp.shisakuflow.organization.City.KAWASAKI,
        jp.shisakuflow.organization.City.WAKABA)) {
      long own = scenarios.stream().filter(s -> s.city() == city).count();
      checks.add(new Check(ClusterUsers.managerOf(city) + " sees its city's initiatives only (REST)", own,
          visibleInitiatives(client, ClusterUsers.managerOf(city), year)));
    }
    checks.add(new Check("instances with completions lost, doubled or open", 0, sample(wrongCompletions)));
    checks.add(new Check("acknowledged completions missing in history", 0, sample(lostAcknowledged)));
    checks.add(new Check("retried completions missing in history", 0, sample(lostRetried)));
    checks.add(new Check("completions acknowledged twice", 0,
        driver.acknowledged.values().stream().filter(n -> n > 1).count()));
    checks.add(new Check("overdue timers fired exactly once", overdueCount, overdueFiredOnce));
    checks.add(new Check("instances whose timers fired other than expected", 0, sample(wrongTimers)));
    checks.add(new Check("timer jobs executed more than once", 0,
        ledger.timerJobs.stream().filter(j -> j.successes() > 1).count()));
    checks.add(new Check("jobs left in the runtime", 0, ledger.remainingJobs));
    checks.add(new Check("incidents (history / open)", "0 / 0", ledger.historicIncidents + " / " + ledger.openIncidents));
    checks.add(new Check("failed job attempts outside outage windows", 0, failedJobsOutside));
    checks.add(new Check("client errors outside outage windows", 0, outsideWindows));
    checks.add(new Check("unexpected answers", 0, sample(List.copyOf(driver.unexpected))));
    checks.add(new Check("initiatives a client gave up on", 0, sample(List.copyOf(gaveUp))));
    checks.add(new Check("faults hit a running load (finished < " + INITIATIVES + " at each)", true,
        finishedAtFault.stream().allMatch(n -> n < INITIATIVES)));
    return checks;
  }

  /** How many of the run's initiatives {@code user} finds in the history over REST (its city's, if isolation holds). */
  private static Object visibleInitiatives(ClusterClient client, String user, int year) {
    try {
      ClusterClient.Answer answer = client.get(0, user, "/engine-rest/history/process-instance/count"
          + "?processDefinitionKey=initiative-lifecycle&processInstanceBusinessKeyLike=FY" + year + "-cluster-%25");
      return answer.status() == 200
          ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).get("count").asLong()
          : "HTTP " + answer.status();
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** A count, with the first offenders when there are any. */
  private static Object sample(List<String> offenders) {
    return offenders.isEmpty() ? 0
        : offenders.size() + " e.g. " + offenders.subList(0, Math.min(3, offenders.size()));
  }

  private static String summary(Duration run, int finished, ClusterClient client, InitiativeDriver driver,
      ClusterLedger ledger,
      List<Window> outages, List<Check> checks) {
    StringBuilder out = new StringBuilder("\n=== Cluster run: 2 nodes, 1 PostgreSQL, ").append(CLIENTS)
        .append(" clients ===\n");
    out.append("initiatives finished %d in %ds; answers by node %s; requests retried %d%n".formatted(finished,
        run.toSeconds(), new java.util.TreeMap<>(client.answersByNode), client.retriedRequests.get()));
    Map<String, Long> firedOn = ledger.timerJobs.stream().filter(j -> j.successes() > 0)
        .collect(Collectors.groupingBy(j -> String.valueOf(j.firedOn()), java.util.TreeMap::new, Collectors.counting()));
    out.append("timers fired by node %s; failed job attempts %d; completions whose answer was lost and that a retry"
        .formatted(firedOn, ledger.failedJobs.size()) + " found applied %d%n".formatted(driver.completedBeforeRetry.size()));
    for (Window window : outages) {
      Map<String, Long> byNode = client.failures.stream()
          .filter(f -> !f.at().isBefore(window.from()) && !f.at().isAfter(window.to()))
          .collect(Collectors.groupingBy(ClusterClient.Failure::node, java.util.TreeMap::new, Collectors.counting()));
      out.append("outage %-28s %5.1fs  failed attempts by node %s%n".formatted(window.name(),
          Duration.between(window.from(), window.to()).toMillis() / 1000.0, byNode));
    }
    out.append("%-58s %-10s %-10s %s%n".formatted("check", "expected", "actual", "result"));
    for (Check check : checks) {
      out.append("%-58s %-10s %-10s %s%n".formatted(check.name(), check.expected(), check.actual(),
          check.passed() ? "ok" : "FAILED"));
    }
    return out.toString();
  }

  private static void awaitFinished(AtomicInteger finished, int count, ExecutorService clients)
      throws InterruptedException {
    while (finished.get() < count && !clients.isTerminated()) {
      Thread.sleep(200);
    }
  }

  private static AppNode node(String name, Path work, LocalPostgres postgres, String password, Path signingKey,
      Map<String, String> mail) throws Exception {
    Path log = work.resolve(name + ".log");
    Files.deleteIfExists(log);
    Map<String, String> environment = new java.util.HashMap<>(mail);
    environment.putAll(Map.of(
        "SHISAKU_DB_URL", postgres.jdbcUrl(),
        "SHISAKU_DB_USER", "postgres",
        "SHISAKU_DB_PASSWORD", "",
        "SHISAKU_ADMIN_PASSWORD", password,
        "SHISAKU_SIGNING_KEY_FILE", signingKey.toAbsolutePath().toString(),
        "SHISAKU_DB_CONNECT_TIMEOUT_MS", "2000",
        // A crashed node's locked jobs are taken over after 20 s instead of 5 min.
        "SHISAKU_JOB_LOCK_TIME_MS", "20000",
        "SHISAKU_LOG_FORMAT", "ecs"));
    return new AppNode(name, FreePort.next(), Path.of(System.getProperty("shisaku.jar")), log, environment);
  }
}
