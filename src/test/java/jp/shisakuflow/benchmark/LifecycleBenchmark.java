package jp.shisakuflow.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.support.LocalPostgres;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Full lifecycles per second, the product (its start with grants, listeners validating and deriving,
 * due dates, overdue timers, notifications, its configuration) against stock Camunda on the same BPMN
 * without those additions, side by side in one JVM and alternating, on H2 and on PostgreSQL.
 */
class LifecycleBenchmark {

  static final int REPEATS = Integer.getInteger("bench.repeats", 3);
  static final int H2_LIFECYCLES = Integer.getInteger("bench.lifecycles.h2", 400);
  static final int POSTGRES_LIFECYCLES = Integer.getInteger("bench.lifecycles.postgres", 200);

  @Test
  void onH2() throws Exception {
    measure(BenchDatabase.h2(Path.of("target", "benchmarks", "lifecycle-h2-" + System.currentTimeMillis())),
        H2_LIFECYCLES);
  }

  @Test
  void onPostgres() throws Exception {
    try (LocalPostgres server = LocalPostgres.start()) {
      measure(BenchDatabase.postgres(server, "lifecycle"), POSTGRES_LIFECYCLES);
    }
  }

  static final int COUNTED_LIFECYCLES = Integer.getInteger("bench.lifecycles.counted", 100);

  /**
   * Rows written per lifecycle, by table and kind (inserted, updated, deleted), product and stock, from
   * PostgreSQL's own table statistics ({@code pg_stat_user_tables}): what the engine and the product wrote,
   * whatever the statement, without a proxy in between. One thread, after a warm-up; the counts are the same
   * SQL as on H2 (the engine's mappings differ by dialect only in paging and locking).
   */
  @Test
  void rowsPerLifecycle() throws Exception {
    try (LocalPostgres server = LocalPostgres.start()) {
      BenchDatabase database = BenchDatabase.postgres(server, "rows");
      ConfigurableApplicationContext app = database.startProduct();
      ProcessEngine stock = database.startStock();
      try (Connection productDb = DriverManager.getConnection(database.productUrl(), database.user(), "");
          Connection stockDb = DriverManager.getConnection(database.stockUrl(), database.user(), "")) {
        ProcessEngine product = app.getBean(ProcessEngine.class);
        InitiativeLifecycleService initiatives = app.getBean(InitiativeLifecycleService.class);
        int year = FiscalYear.containing(LocalDate.now());
        AtomicInteger serial = new AtomicInteger();
        IntFunction<String> productStart = productStarts(initiatives, "rows-", year, serial);
        IntFunction<String> stockStart = stockStarts(stock, "rows-", year, serial);
        LifecycleRunner.run(stock, stockStart, 10, 1);
        LifecycleRunner.run(product, productStart, 10, 1);
        // A backend reports its counts at most once a second, and when idle for 10 s at the latest.
        Thread.sleep(12_000);
        Map<String, long[]> productBefore = rowStats(productDb);
        Map<String, long[]> stockBefore = rowStats(stockDb);
        java.sql.Timestamp counted = new java.sql.Timestamp(System.currentTimeMillis());
        LifecycleRunner.run(stock, stockStart, COUNTED_LIFECYCLES, 1);
        LifecycleRunner.run(product, productStart, COUNTED_LIFECYCLES, 1);
        Thread.sleep(12_000);
        Map<String, long[]> productRows = minus(rowStats(productDb), productBefore);
        Map<String, long[]> stockRows = minus(rowStats(stockDb), stockBefore);
        BenchReport report = new BenchReport("Rows per lifecycle on " + database.name() + " (" + COUNTED_LIFECYCLES
            + " lifecycles, one thread; inserted / updated / deleted; reads are the table's scans, index or sequential)")
            .line("| table | stock Camunda | product | product − stock (all rows) | reads: stock | product |")
            .line("|---|---|---|---|---|---|");
        java.util.SortedSet<String> tables = new java.util.TreeSet<>(productRows.keySet());
        tables.addAll(stockRows.keySet());
        double[] total = new double[4];
        for (String table : tables) {
          long[] p = productRows.getOrDefault(table, new long[4]);
          long[] s = stockRows.getOrDefault(table, new long[4]);
          double pAll = (p[0] + p[1] + p[2]) / (double) COUNTED_LIFECYCLES;
          double sAll = (s[0] + s[1] + s[2]) / (double) COUNTED_LIFECYCLES;
          total[0] += sAll;
          total[1] += pAll;
          if (!table.equals(TRANSACTIONS)) {
            total[2] += s[3] / (double) COUNTED_LIFECYCLES;
            total[3] += p[3] / (double) COUNTED_LIFECYCLES;
          }
          if (pAll > 0 || sAll > 0 || p[3] > 0 || s[3] > 0) {
            report.line("| %s | %s | %s | %+.2f | %.2f | %.2f |".formatted(table, perLifecycle(s), perLifecycle(p),
                pAll - sAll, s[3] / (double) COUNTED_LIFECYCLES, p[3] / (double) COUNTED_LIFECYCLES));
          }
        }
        report.line("| **all** | %.2f | %.2f | %+.2f | %.2f | %.2f |".formatted(total[0], total[1], total[1] - total[0],
            total[2], total[3]));
        report.line("").line("What the history rows of the counted lifecycles are (per lifecycle):").line("")
            .line("| rows | stock Camunda | product |").line("|---|---|---|");
        for (String[] breakdown : BREAKDOWNS) {
          Map<String, Long> s = grouped(stockDb, breakdown[0], counted);
          Map<String, Long> p = grouped(productDb, breakdown[0], counted);
          java.util.SortedSet<String> keys = new java.util.TreeSet<>(p.keySet());
          keys.addAll(s.keySet());
          for (String key : keys) {
            report.line("| %s %s | %.2f | %.2f |".formatted(breakdown[1], key,
                s.getOrDefault(key, 0L) / (double) COUNTED_LIFECYCLES, p.getOrDefault(key, 0L) / (double) COUNTED_LIFECYCLES));
          }
        }
        report.publish();
      } finally {
        app.close();
        stock.close();
      }
    }
  }

  /** History tables broken down by what the rows are, since {@code ?}. */
  private static final String[][] BREAKDOWNS = {
      {"SELECT CONCAT(OPERATION_TYPE_, ' ', ENTITY_TYPE_, ' ', COALESCE(PROPERTY_, '-'), ' user ',"
          + " CASE WHEN USER_ID_ IS NULL THEN 'none' ELSE 'set' END), COUNT(*) FROM ACT_HI_OP_LOG"
          + " WHERE TIMESTAMP_ >= ? GROUP BY 1", "ACT_HI_OP_LOG"},
      {"SELECT CONCAT(JOB_DEF_TYPE_, ' ', CASE WHEN JOB_STATE_ = 0 THEN 'created' WHEN JOB_STATE_ = 1 THEN 'failed'"
          + " WHEN JOB_STATE_ = 2 THEN 'successful' ELSE 'deleted' END), COUNT(*) FROM ACT_HI_JOB_LOG"
          + " WHERE TIMESTAMP_ >= ? GROUP BY 1", "ACT_HI_JOB_LOG"},
      {"SELECT NAME_, COUNT(*) FROM ACT_HI_VARINST WHERE CREATE_TIME_ >= ? GROUP BY 1", "ACT_HI_VARINST"},
      {"SELECT CONCAT(TYPE_, ' ', COALESCE(NAME_, '-')), COUNT(*) FROM ACT_HI_DETAIL WHERE TIME_ >= ? GROUP BY 1",
          "ACT_HI_DETAIL"},
      {"SELECT ACT_TYPE_, COUNT(*) FROM ACT_HI_ACTINST WHERE START_TIME_ >= ? GROUP BY 1", "ACT_HI_ACTINST"},
  };

  private static Map<String, Long> grouped(Connection db, String sql, java.sql.Timestamp since) throws Exception {
    Map<String, Long> rows = new HashMap<>();
    try (java.sql.PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setTimestamp(1, since);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.put(result.getString(1), result.getLong(2));
        }
      }
    }
    return rows;
  }

  /** Not a table: the database's transactions (commits and rollbacks), in the scans' place. */
  private static final String TRANSACTIONS = "(transactions)";

  private static String perLifecycle(long[] rows) {
    return "%.2f / %.2f / %.2f".formatted(rows[0] / (double) COUNTED_LIFECYCLES,
        rows[1] / (double) COUNTED_LIFECYCLES, rows[2] / (double) COUNTED_LIFECYCLES);
  }

  private static Map<String, long[]> rowStats(Connection db) throws Exception {
    Map<String, long[]> rows = new HashMap<>();
    try (Statement statement = db.createStatement()) {
      statement.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet result = statement.executeQuery(
          "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del, COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0)"
              + " FROM pg_stat_user_tables")) {
        while (result.next()) {
          rows.put(result.getString(1).toUpperCase(java.util.Locale.ROOT),
              new long[] {result.getLong(2), result.getLong(3), result.getLong(4), result.getLong(5)});
        }
      }
      try (ResultSet result = statement.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database"
          + " WHERE datname = current_database()")) {
        result.next();
        rows.put(TRANSACTIONS, new long[] {0, 0, 0, result.getLong(1)});
      }
    }
    return rows;
  }

  private static Map<String, long[]> minus(Map<String, long[]> after, Map<String, long[]> before) {
    Map<String, long[]> delta = new HashMap<>();
    after.forEach((table, rows) -> {
      long[] was = before.getOrDefault(table, new long[4]);
      delta.put(table, new long[] {rows[0] - was[0], rows[1] - was[1], rows[2] - was[2], rows[3] - was[3]});
    });
    return delta;
  }

  /** Starts lifecycle after lifecycle of the product through its own service, ids {@code prefix} + serial. */
  private static IntFunction<String> productStarts(InitiativeLifecycleService initiatives, String prefix, int year,
      AtomicInteger serial) {
    return i -> initiatives.startIfAbsent(InitiativeStart.unplanned(prefix + serial.incrementAndGet(), "性能測定",
        "other", "wardTakatsu", year)).orElseThrow();
  }

  /** The same on stock Camunda: the same process and start variables through its runtime service. */
  private static IntFunction<String> stockStarts(ProcessEngine stock, String prefix, int year, AtomicInteger serial) {
    return i -> {
      String id = prefix + serial.incrementAndGet();
      return stock.getRuntimeService().startProcessInstanceByKey(InitiativeLifecycle.PROCESS_KEY,
          InitiativeStart.businessKey(year, id), LifecycleRunner.startVariables(id, year)).getId();
    };
  }

  private static void measure(BenchDatabase database, int lifecycles) throws Exception {
    ConfigurableApplicationContext app = database.startProduct();
    ProcessEngine stock = database.startStock();
    try {
      ProcessEngine product = app.getBean(ProcessEngine.class);
      InitiativeLifecycleService initiatives = app.getBean(InitiativeLifecycleService.class);
      int year = FiscalYear.containing(LocalDate.now());
      AtomicInteger serial = new AtomicInteger();
      IntFunction<String> productStart = productStarts(initiatives, "bench-", year, serial);
      IntFunction<String> stockStart = stockStarts(stock, "bench-", year, serial);
      LifecycleRunner.run(stock, stockStart, lifecycles / 4, 1);
      LifecycleRunner.run(product, productStart, lifecycles / 4, 1);

      BenchReport report = new BenchReport("Lifecycles per second on " + database.name() + " (" + lifecycles
          + " per run, " + REPEATS + " runs, min / median / max)")
          .line("| threads | stock Camunda | product | product ÷ stock per run | median ratio |")
          .line("|---|---|---|---|---|");
      for (int threads : new int[] {1, 4}) {
        List<Double> stockRates = new ArrayList<>();
        List<Double> productRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int run = 0; run < REPEATS; run++) {
          double stockRate;
          double productRate;
          if (run % 2 == 0) {
            stockRate = LifecycleRunner.run(stock, stockStart, lifecycles, threads);
            productRate = LifecycleRunner.run(product, productStart, lifecycles, threads);
          } else {
            productRate = LifecycleRunner.run(product, productStart, lifecycles, threads);
            stockRate = LifecycleRunner.run(stock, stockStart, lifecycles, threads);
          }
          stockRates.add(stockRate);
          productRates.add(productRate);
          ratios.add(productRate / stockRate);
        }
        report.line("| %d | %s | %s | %s | **%.2f** |".formatted(threads, Stats.range(stockRates),
            Stats.range(productRates), ratios.stream().map(r -> "%.2f".formatted(r)).toList(), Stats.median(ratios)));
      }
      report.publish();
    } finally {
      app.close();
      stock.close();
    }
  }
}
