package jp.shisakuflow.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.fiscalyear.YearPlans;
import jp.shisakuflow.initiative.BusinessKey;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Workstream names (code → 「まちのひろば」の推進) from the imported plans: a year's own plans first, then the
 * nearest other year's, so an initiative started by hand in a year without a plan still shows a name.
 */
@Component
public class WorkstreamNames {

  private final HistoryService historyService;
  private final YearPlans yearPlans;

  public WorkstreamNames(HistoryService historyService, YearPlans yearPlans) {
    this.historyService = historyService;
    this.yearPlans = yearPlans;
  }

  /** Names of every imported year's workstreams; where two years name a code, the one nearer {@code fiscalYear}. */
  public Map<String, String> names(Integer fiscalYear) {
    TreeSet<Integer> years = new TreeSet<>();
    for (HistoricProcessInstance plan : historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(FiscalYearPlan.PROCESS_KEY).list()) {
      BusinessKey.parse(plan.getBusinessKey()).ifPresent(key -> years.add(key.fiscalYear()));
    }
    int target = fiscalYear == null ? (years.isEmpty() ? 0 : years.last()) : fiscalYear;
    Map<String, String> names = new HashMap<>();
    // Farthest first, so that nearer years overwrite.
    years.stream().sorted((a, b) -> Integer.compare(Math.abs(b - target), Math.abs(a - target)))
        .forEach(year -> names.putAll(yearPlans.workstreamNames(year)));
    return names;
  }
}
