package jp.shisakuflow.progress;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.initiative.BusinessKey;
import jp.shisakuflow.initiative.OwnersText;
import jp.shisakuflow.initiative.WardScope;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanStore;
import jp.shisakuflow.plan.PlannedInitiative;
import jp.shisakuflow.progress.ProgressReport.Link;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeProcesses;
import jp.shisakuflow.initiative.PhasePlanCodec;
import jp.shisakuflow.progress.ProgressCalculator.Snapshot;
import jp.shisakuflow.progress.ProgressCalculator.TaskRun;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Plan against actual for a whole fiscal year in three queries, whatever the number of initiatives:
 * the instances, the variables that describe them, and the runs of their user tasks. Plain SQL on the
 * engine's history tables selecting only the columns needed: the engine's entity mapping of whole rows
 * cost more than everything else together (BENCHMARKS.md).
 */
@Service
public class ProgressService {

  static final List<String> VARIABLES = List.of(Var.INITIATIVE_ID, Var.TITLE, Var.WORKSTREAM, Var.OWNER_GROUP,
      Var.PHASE_PLAN, Var.DELAYED, Var.OWNER_GROUPS, Var.COUNTERPART_GROUPS, Var.PARTNERS, Var.WARD_SCOPE, Var.WARDS,
      Var.PLAN_KEY, FiscalYearPlan.Var.PLAN_DEPLOYMENT_ID, FiscalYearPlan.Var.PLAN_RESOURCE);
  static final String INITIATIVE_PROCESSES = InitiativeProcesses.sqlList();
  /** The initiatives and the plan instances of the year: the plans hold the initiatives' links. */
  static final String READ_PROCESSES = INITIATIVE_PROCESSES + ", '" + FiscalYearPlan.PROCESS_KEY + "'";

  private final ManagementService managementService;
  private final PlanStore planStore;
  private final JdbcTemplate jdbc;

  public ProgressService(ManagementService managementService, ProcessEngine engine, PlanStore planStore) {
    this.managementService = managementService;
    this.planStore = planStore;
    // The engine's own data source: inside its transactions where there are any, and its table prefix.
    this.jdbc = new JdbcTemplate(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getDataSource());
  }

  public ProgressReport report(int fiscalYear, LocalDate asOf) {
    String businessKeys = BusinessKey.likeInYear(fiscalYear);
    // A semi-join on the instance id, which both tables index; a plain join made H2 scan (BENCHMARKS.md).
    String ofTheYear = ofTheYear(INITIATIVE_PROCESSES);
    List<Instance> all = jdbc.query("SELECT ID_, BUSINESS_KEY_, END_TIME_, PROC_DEF_KEY_ FROM "
        + table(HistoricProcessInstance.class) + " WHERE BUSINESS_KEY_ LIKE ? AND PROC_DEF_KEY_ IN ("
        + READ_PROCESSES + ")", (row, n) -> new Instance(row.getString(1), row.getString(2),
        instant(row.getTimestamp(3)), row.getString(4)), businessKeys);
    List<Instance> instances = all.stream().filter(i -> !i.plan()).toList();
    Map<String, Map<String, Object>> variables = new HashMap<>();
    jdbc.query("SELECT X.PROC_INST_ID_, X.NAME_, X.VAR_TYPE_, X.TEXT_, X.LONG_ FROM " + table(HistoricVariableInstance.class)
        + " X" + ofTheYear(READ_PROCESSES)
        + " AND X.NAME_ IN ('" + String.join("', '", VARIABLES) + "')", row -> {
          // Only strings and booleans are read here (see VARIABLES): text in TEXT_, booleans as 0/1 in LONG_.
          Object value = "boolean".equals(row.getString(3)) ? Long.valueOf(1).equals(row.getObject(5, Long.class))
              : row.getString(4);
          variables.computeIfAbsent(row.getString(1), k -> new HashMap<>()).put(row.getString(2), value);
        }, businessKeys);
    Map<String, List<TaskRun>> runs = new HashMap<>();
    // The task history rather than the activity history: only user tasks are in it, a third of the rows.
    jdbc.query("SELECT X.PROC_INST_ID_, X.TASK_DEF_KEY_, X.START_TIME_, X.END_TIME_ FROM "
        + table(HistoricTaskInstance.class) + " X" + ofTheYear,
        row -> {
          runs.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(new TaskRun(row.getString(2),
              instant(row.getTimestamp(3)), instant(row.getTimestamp(4))));
        }, businessKeys);

    // The year's plans (cached once read) by their instances' business keys: they hold the links.
    Map<String, Plan> plans = new LinkedHashMap<>();
    all.stream().filter(Instance::plan).forEach(i -> {
      Map<String, Object> vars = variables.getOrDefault(i.id(), Map.of());
      String deployment = FiscalYearPlan.Typed.PLAN_DEPLOYMENT_ID.from(vars);
      String resource = FiscalYearPlan.Typed.PLAN_RESOURCE.from(vars);
      if (deployment != null && resource != null) {
        plans.put(i.businessKey(), planStore.load(deployment, resource, fiscalYear));
      }
    });
    Map<String, String> planKeys = new HashMap<>();
    List<InitiativeProgress> progress = ProgressCalculator.withWaiting(instances.stream()
        .map(i -> snapshot(i, variables.getOrDefault(i.id(), Map.of()), runs.getOrDefault(i.id(), List.of()), plans))
        .peek(s -> planKeys.put(s.processInstanceId(), s.planKey()))
        .map(s -> ProgressCalculator.progress(s, asOf))
        .sorted(java.util.Comparator.comparing(InitiativeProgress::workstream)
            .thenComparing(InitiativeProgress::initiativeId))
        .toList(), p -> planKeys.get(p.processInstanceId()));
    return new ProgressReport(fiscalYear, asOf, progress,
        ProgressCalculator.summarize(progress, InitiativeProgress::workstream),
        ProgressCalculator.summarize(progress, InitiativeProgress::ownerGroup));
  }

  /** One instance of the year, an initiative's or a plan's: the columns progress needs, no more. */
  private record Instance(String id, String businessKey, Instant ended, String processKey) {

    boolean plan() {
      return FiscalYearPlan.PROCESS_KEY.equals(processKey);
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Snapshot snapshot(Instance instance, Map<String, Object> vars, List<TaskRun> runs,
      Map<String, Plan> plans) {
    // An instance started by hand (engine REST) may lack the plan's variables: listed by its key, never dropped.
    String initiativeId = Optional.ofNullable(InitiativeLifecycle.Typed.INITIATIVE_ID.from(vars))
        .or(() -> BusinessKey.parse(instance.businessKey()).map(BusinessKey::id)).orElse(instance.businessKey());
    // Started by a plan: that plan; carried over from last year (no plan key): the year's plan that has the item.
    String planKey = text(vars, Var.PLAN_KEY);
    if (planKey == null || !plans.containsKey(planKey)) {
      planKey = plans.entrySet().stream().filter(e -> e.getValue().initiative(initiativeId).isPresent())
          .map(Map.Entry::getKey).findFirst().orElse(null);
    }
    Plan plan = planKey == null ? null : plans.get(planKey);
    String title = InitiativeLifecycle.Typed.TITLE.from(vars);
    String workstream = InitiativeLifecycle.Typed.WORKSTREAM.from(vars);
    return new Snapshot(instance.businessKey(), instance.id(), initiativeId,
        title != null ? title : ProgressReport.NO_TITLE + instance.businessKey(),
        workstream != null ? workstream : ProgressReport.NO_WORKSTREAM,
        InitiativeLifecycle.Typed.OWNER_GROUP.from(vars),
        PhasePlanCodec.read(vars.get(Var.PHASE_PLAN)),
        instance.ended(), Boolean.TRUE.equals(vars.get(Var.DELAYED)), runs, owners(vars),
        plan == null ? List.of() : links(plan, initiativeId), planKey);
  }

  /** Who it belongs to, from the variables it was started with (instances started before these: the lead alone). */
  static ProgressReport.Owners owners(Map<String, Object> vars) {
    String lead = InitiativeLifecycle.Typed.OWNER_GROUP.from(vars);
    List<String> coOwners = OwnersText.groups(text(vars, Var.OWNER_GROUPS)).stream()
        .filter(g -> !g.equals(lead)).toList();
    List<String> counterparts = OwnersText.groups(text(vars, Var.COUNTERPART_GROUPS));
    List<String> partners = OwnersText.partners(text(vars, Var.PARTNERS));
    String wardScope = text(vars, Var.WARD_SCOPE) == null ? WardScope.Mode.NONE.name() : text(vars, Var.WARD_SCOPE);
    List<String> wards = OwnersText.groups(text(vars, Var.WARDS));
    return new ProgressReport.Owners(lead, coOwners, counterparts, partners, wardScope, wards,
        OwnersText.of(lead, coOwners, counterparts, partners, wardScope, wards));
  }

  /** The item's links in its plan, each with what it points at by name. */
  static List<Link> links(Plan plan, String initiativeId) {
    return plan.initiative(initiativeId).map(item -> item.links().stream()
        .map(l -> new Link(l.kind().code(), l.kind().labelJa(), l.target(), targetTitle(plan, l.target()), l.note()))
        .toList()).orElse(List.of());
  }

  /** The title of an initiative, milestone or workstream of the plan; the id itself if none has it. */
  static String targetTitle(Plan plan, String target) {
    return plan.initiative(target).map(PlannedInitiative::title)
        .or(() -> plan.milestones().stream().filter(m -> m.id().equals(target)).findFirst()
            .map(m -> m.title() + "（" + m.date().textJa() + "）"))
        .or(() -> plan.workstream(target).map(Plan.Workstream::name))
        .orElse(target);
  }

  private static String text(Map<String, Object> vars, String name) {
    return vars.get(name) instanceof String s ? s : null;
  }

  /** Rows of the year's instances of these processes. */
  private String ofTheYear(String processes) {
    return " WHERE X.PROC_INST_ID_ IN (SELECT P.PROC_INST_ID_ FROM " + table(HistoricProcessInstance.class)
        + " P WHERE P.BUSINESS_KEY_ LIKE ? AND P.PROC_DEF_KEY_ IN (" + processes + "))";
  }

  private String table(Class<?> entity) {
    return managementService.getTableName(entity);
  }
}
