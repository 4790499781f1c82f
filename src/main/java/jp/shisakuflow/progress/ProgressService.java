package jp.shisakuflow.progress;

import java.time.LocalDate;
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
import jp.shisakuflow.initiative.PhasePlanCodec;
import jp.shisakuflow.progress.ProgressCalculator.Snapshot;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import org.springframework.stereotype.Service;

/**
 * Plan against actual for a whole fiscal year in one query, whatever the number of initiatives: the year's rows of
 * the progress read model (progress.model), one per instance, computed by {@link ProgressCalculator}. The same from
 * the engine's history ({@link ProgressHistory}, three queries) is the reference the model is rebuilt from and
 * checked against ({@link #fromHistory}). Also one page of the answer, or its counts alone.
 */
@Service
public class ProgressService {

  public static final List<String> VARIABLES = List.of(Var.INITIATIVE_ID, Var.TITLE, Var.WORKSTREAM, Var.OWNER_GROUP,
      Var.PHASE_PLAN, Var.DELAYED, Var.OWNER_GROUPS, Var.COUNTERPART_GROUPS, Var.PARTNERS, Var.WARD_SCOPE, Var.WARDS,
      Var.PLAN_KEY, FiscalYearPlan.Var.PLAN_DEPLOYMENT_ID, FiscalYearPlan.Var.PLAN_RESOURCE);
  private final PlanStore planStore;
  private final ProgressHistory history;
  private final ProgressSource model;

  public ProgressService(PlanStore planStore, ProgressHistory history, ProgressSource model) {
    this.planStore = planStore;
    this.history = history;
    this.model = model;
  }

  /** The year on a date, read from the progress read model: one row per instance of the year. */
  public ProgressReport report(int fiscalYear, LocalDate asOf) {
    return report(fiscalYear, asOf, model.instances(fiscalYear));
  }

  /** The year on each of these dates, from one read of the model (the dashboard's trend: a quarter's end each). */
  public Map<LocalDate, ProgressReport> reports(int fiscalYear, java.util.Collection<LocalDate> dates) {
    List<InstanceRecord> instances = model.instances(fiscalYear);
    Map<LocalDate, ProgressReport> reports = new LinkedHashMap<>();
    dates.forEach(date -> reports.computeIfAbsent(date, d -> report(fiscalYear, d, instances)));
    return reports;
  }

  /** The same, derived from the engine's history (the reference the read model is checked against). */
  public ProgressReport fromHistory(int fiscalYear, LocalDate asOf) {
    return report(fiscalYear, asOf, history.instances(BusinessKey.likeInYear(fiscalYear)));
  }

  /**
   * One page of the year ({@code page} from 0, at most {@link #MAX_PAGE_SIZE} rows) in the order of the whole
   * answer, with the whole year's counts and {@code total}.
   */
  public ProgressPage page(int fiscalYear, LocalDate asOf, int page, int size) {
    if (page < 0) {
      throw new IllegalArgumentException("page: 0 以上を指定してください (must be 0 or more, got " + page + ")");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("size: 1〜" + MAX_PAGE_SIZE + " を指定してください (must be 1-"
          + MAX_PAGE_SIZE + ", got " + size + ")");
    }
    ProgressReport year = report(fiscalYear, asOf);
    int total = year.initiatives().size();
    long from = Math.min((long) page * size, total);
    List<InitiativeProgress> rows = year.initiatives().subList((int) from, (int) Math.min(from + size, total));
    return new ProgressPage(fiscalYear, asOf, rows, year.byWorkstream(), year.byOwnerGroup(), page, size, total);
  }

  /** The year's counts per status, per workstream and per owner group, without the initiatives. */
  public ProgressSummary summary(int fiscalYear, LocalDate asOf) {
    ProgressReport year = report(fiscalYear, asOf);
    return new ProgressSummary(fiscalYear, asOf, ProgressCalculator.summarize(year.initiatives(), p -> "").stream()
        .findFirst().orElse(new ProgressReport.Summary("", 0, 0, 0, 0, 0)), year.byWorkstream(), year.byOwnerGroup());
  }

  public static final int MAX_PAGE_SIZE = 500;

  private ProgressReport report(int fiscalYear, LocalDate asOf, List<InstanceRecord> all) {
    List<InstanceRecord> instances = all.stream().filter(i -> !i.plan()).toList();
    // The year's plans (cached once read) by their instances' business keys: they hold the links.
    Map<String, Plan> plans = new LinkedHashMap<>();
    all.stream().filter(InstanceRecord::plan).forEach(i -> {
      String deployment = FiscalYearPlan.Typed.PLAN_DEPLOYMENT_ID.from(i.variables());
      String resource = FiscalYearPlan.Typed.PLAN_RESOURCE.from(i.variables());
      if (deployment != null && resource != null) {
        plans.put(i.businessKey(), planStore.load(deployment, resource, fiscalYear));
      }
    });
    Map<String, String> planKeys = new HashMap<>();
    List<InitiativeProgress> progress = ProgressCalculator.withWaiting(instances.stream()
        .map(i -> snapshot(i, plans))
        .peek(s -> planKeys.put(s.processInstanceId(), s.planKey()))
        .map(s -> ProgressCalculator.progress(s, asOf))
        .sorted(java.util.Comparator.comparing(InitiativeProgress::workstream)
            .thenComparing(InitiativeProgress::initiativeId))
        .toList(), p -> planKeys.get(p.processInstanceId()));
    return new ProgressReport(fiscalYear, asOf, progress,
        ProgressCalculator.summarize(progress, InitiativeProgress::workstream),
        ProgressCalculator.summarize(progress, InitiativeProgress::ownerGroup));
  }

  /** Where progress reads the instances of a year from (the read model). */
  public interface ProgressSource {
    List<InstanceRecord> instances(int fiscalYear);
  }

  private static Snapshot snapshot(InstanceRecord instance, Map<String, Plan> plans) {
    Map<String, Object> vars = instance.variables();
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
        instance.ended(), Boolean.TRUE.equals(vars.get(Var.DELAYED)), instance.taskRuns(), owners(vars),
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
}
