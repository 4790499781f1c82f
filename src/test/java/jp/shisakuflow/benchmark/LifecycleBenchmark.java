package jp.shisakuflow.benchmark;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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

  private static void measure(BenchDatabase database, int lifecycles) throws Exception {
    ConfigurableApplicationContext app = database.startProduct();
    ProcessEngine stock = database.startStock();
    try {
      ProcessEngine product = app.getBean(ProcessEngine.class);
      InitiativeLifecycleService initiatives = app.getBean(InitiativeLifecycleService.class);
      int year = FiscalYear.containing(LocalDate.now());
      AtomicInteger serial = new AtomicInteger();
      IntFunction<String> productStart = i -> initiatives.startIfAbsent(InitiativeStart.unplanned(
          "bench-" + serial.incrementAndGet(), "性能測定", "other", "wardTakatsu", year)).orElseThrow();
      IntFunction<String> stockStart = i -> {
        String id = "bench-" + serial.incrementAndGet();
        return stock.getRuntimeService().startProcessInstanceByKey(InitiativeLifecycle.PROCESS_KEY,
            InitiativeStart.businessKey(year, id), LifecycleRunner.startVariables(id, year)).getId();
      };
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
