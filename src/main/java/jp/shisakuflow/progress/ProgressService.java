package jp.shisakuflow.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.plan.PhasePlanCodec;
import jp.shisakuflow.progress.ProgressCalculator.Snapshot;
import jp.shisakuflow.progress.ProgressCalculator.TaskRun;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/**
 * Plan against actual for a whole fiscal year in three queries, whatever the number of initiatives:
 * the instances, the variables that describe them, and the runs of their user tasks.
 */
@Service
public class ProgressService {

  static final List<String> VARIABLES = List.of(Var.INITIATIVE_ID, Var.TITLE, Var.WORKSTREAM, Var.OWNER_GROUP,
      Var.PHASE_PLAN, Var.DELAYED);
  static final String INITIATIVE_PROCESSES = "'" + InitiativeLifecycle.PROCESS_KEY + "', '"
      + InitiativeSteps.PROCESS_KEY + "'";

  private final HistoryService historyService;
  private final ManagementService managementService;

  public ProgressService(HistoryService historyService, ManagementService managementService) {
    this.historyService = historyService;
    this.managementService = managementService;
  }

  public ProgressReport report(int fiscalYear, LocalDate asOf) {
    String businessKeys = "FY" + fiscalYear + "-%";
    List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKeyIn(InitiativeLifecycle.PROCESS_KEY, InitiativeSteps.PROCESS_KEY)
        .processInstanceBusinessKeyLike(businessKeys)
        .list();
    Map<String, Map<String, Object>> variables = new HashMap<>();
    for (HistoricVariableInstance v : historyService.createNativeHistoricVariableInstanceQuery()
        .sql("SELECT V.* FROM " + table(HistoricVariableInstance.class) + " V JOIN "
            + table(HistoricProcessInstance.class) + " P ON V.PROC_INST_ID_ = P.PROC_INST_ID_"
            + " WHERE P.BUSINESS_KEY_ LIKE #{businessKeys} AND P.PROC_DEF_KEY_ IN (" + INITIATIVE_PROCESSES + ")"
            + " AND V.NAME_ IN ('" + String.join("', '", VARIABLES) + "')")
        .parameter("businessKeys", businessKeys)
        .list()) {
      variables.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
    }
    Map<String, List<TaskRun>> runs = new HashMap<>();
    for (HistoricActivityInstance a : historyService.createNativeHistoricActivityInstanceQuery()
        .sql("SELECT A.* FROM " + table(HistoricActivityInstance.class) + " A JOIN "
            + table(HistoricProcessInstance.class) + " P ON A.PROC_INST_ID_ = P.PROC_INST_ID_"
            + " WHERE P.BUSINESS_KEY_ LIKE #{businessKeys} AND P.PROC_DEF_KEY_ IN (" + INITIATIVE_PROCESSES + ")"
            + " AND A.ACT_TYPE_ = 'userTask'")
        .parameter("businessKeys", businessKeys)
        .list()) {
      runs.computeIfAbsent(a.getProcessInstanceId(), k -> new ArrayList<>()).add(new TaskRun(a.getActivityId(),
          a.getStartTime().toInstant(), a.getEndTime() == null ? null : a.getEndTime().toInstant()));
    }

    List<InitiativeProgress> progress = instances.stream()
        .map(i -> snapshot(i, variables.getOrDefault(i.getId(), Map.of()), runs.getOrDefault(i.getId(), List.of())))
        .map(s -> ProgressCalculator.progress(s, asOf))
        .sorted(java.util.Comparator.comparing(InitiativeProgress::workstream)
            .thenComparing(InitiativeProgress::initiativeId))
        .toList();
    return new ProgressReport(fiscalYear, asOf, progress,
        ProgressCalculator.summarize(progress, InitiativeProgress::workstream),
        ProgressCalculator.summarize(progress, InitiativeProgress::ownerGroup));
  }

  private static Snapshot snapshot(HistoricProcessInstance instance, Map<String, Object> vars, List<TaskRun> runs) {
    return new Snapshot(instance.getBusinessKey(), instance.getId(), (String) vars.get(Var.INITIATIVE_ID),
        (String) vars.get(Var.TITLE), (String) vars.get(Var.WORKSTREAM), (String) vars.get(Var.OWNER_GROUP),
        PhasePlanCodec.read(vars.get(Var.PHASE_PLAN)),
        instance.getEndTime() == null ? null : instance.getEndTime().toInstant(),
        Boolean.TRUE.equals(vars.get(Var.DELAYED)), runs);
  }

  private String table(Class<?> entity) {
    return managementService.getTableName(entity);
  }
}
