package jp.shisakuflow.fiscalyear;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.BusinessKey;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanStore;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/** The plans imported into a fiscal year (running or finished), as the engine keeps them. */
@Service
public class YearPlans {

  private final HistoryService historyService;
  private final PlanStore planStore;

  public YearPlans(HistoryService historyService, PlanStore planStore) {
    this.historyService = historyService;
    this.planStore = planStore;
  }

  public List<Plan> of(int fiscalYear) {
    List<Plan> plans = new ArrayList<>();
    for (HistoricProcessInstance planInstance : historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(FiscalYearPlan.PROCESS_KEY).processInstanceBusinessKeyLike(BusinessKey.likeInYear(fiscalYear, Plan.KEY_PREFIX))
        .list()) {
      Map<String, Object> vars = new HashMap<>();
      historyService.createHistoricVariableInstanceQuery().processInstanceId(planInstance.getId())
          .variableNameIn(FiscalYearPlan.Var.PLAN_DEPLOYMENT_ID, FiscalYearPlan.Var.PLAN_RESOURCE).list()
          .forEach(v -> vars.put(v.getName(), v.getValue()));
      plans.add(planStore.load(FiscalYearPlan.Typed.PLAN_DEPLOYMENT_ID.from(vars),
          FiscalYearPlan.Typed.PLAN_RESOURCE.from(vars), fiscalYear));
    }
    return plans;
  }

  /** Workstream id → name, over all of the year's plans. */
  public Map<String, String> workstreamNames(int fiscalYear) {
    Map<String, String> names = new HashMap<>();
    of(fiscalYear).forEach(plan -> plan.workstreams().forEach(w -> names.put(w.id(), w.name())));
    return names;
  }
}
