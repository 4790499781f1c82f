package jp.shisakuflow.progress;

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
   * answer, with the whole year's counts and {@code total}: the counts from {@link #summary}'s query, the page's rows
   * (and the rows of the predecessors they may wait for) read and computed alone, all in one snapshot of the model.
   */
  public ProgressPage page(int fiscalYear, LocalDate asOf, int page, int size) {
    if (page < 0) {
      throw new IllegalArgumentException("page: 0 以上を指定してください (must be 0 or more, got " + page + ")");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("size: 1〜" + MAX_PAGE_SIZE + " を指定してください (must be 1-"
          + MAX_PAGE_SIZE + ", got " + size + ")");
    }
    List<ModelRow> behind = new ArrayList<>();
    ProgressPage answer = model.inSnapshot(() -> {
      YearCounts counts = counts(fiscalYear, asOf, behind);
      long from = (long) page * size;
      List<InstanceRecord> rows = from >= counts.overall().total() ? List.of()
          : model.initiatives(fiscalYear, (int) from, size);
      List<InitiativeProgress> initiatives = rows.isEmpty() ? List.of() : pageRows(fiscalYear, asOf, rows);
      return new ProgressPage(fiscalYear, asOf, initiatives, counts.byWorkstream(), counts.byOwnerGroup(), page, size,
          counts.overall().total());
    });
    model.keepStatus(behind);
    return answer;
  }

  /** The year's counts per status, per workstream and per owner group, without the initiatives. */
  public ProgressSummary summary(int fiscalYear, LocalDate asOf) {
    List<ModelRow> behind = new ArrayList<>();
    YearCounts counts = model.inSnapshot(() -> counts(fiscalYear, asOf, behind));
    model.keepStatus(behind);
    return new ProgressSummary(fiscalYear, asOf, counts.overall(), counts.byWorkstream(), counts.byOwnerGroup());
  }

  /** The order of the answer's initiatives: workstream, id, and the instance (ids of two instances may repeat). */
  static final java.util.Comparator<InitiativeProgress> ORDER = java.util.Comparator
      .comparing(InitiativeProgress::workstream).thenComparing(InitiativeProgress::initiativeId)
      .thenComparing(InitiativeProgress::processInstanceId);

  private record YearCounts(ProgressReport.Summary overall, List<ProgressReport.Summary> byWorkstream,
      List<ProgressReport.Summary> byOwnerGroup) {}

  /**
   * The counts as {@link ProgressCalculator#summarize} gives them for the whole answer: one {@code GROUP BY} of the
   * rows' status on the day; the rows without current intervals (changed since they were computed, or too many of
   * them) read and computed here, and those behind added to {@code behind} (their intervals, to be written).
   */
  private YearCounts counts(int fiscalYear, LocalDate asOf, List<ModelRow> behind) {
    List<StatusCount> counts = new ArrayList<>();
    boolean missing = false;
    for (StatusCount count : model.statusCounts(fiscalYear, asOf)) {
      if (count.status() == null) {
        missing = true;
      } else {
        counts.add(count);
      }
    }
    if (missing) {
      for (ModelRow row : model.withoutStatus(fiscalYear)) {
        ProgressStatus status;
        if (row.current()) {
          status = ProgressCalculator.progress(ProgressTimeline.statusSnapshot(row.instance()), asOf).status();
        } else {
          status = ProgressTimeline.statusOn(ProgressTimeline.of(row.instance()), asOf);
          behind.add(row);
        }
        Map<String, Object> vars = row.instance().variables();
        counts.add(new StatusCount(InitiativeLifecycle.Typed.WORKSTREAM.from(vars),
            InitiativeLifecycle.Typed.OWNER_GROUP.from(vars), status, 1));
      }
    }
    Map<String, int[]> overall = new java.util.TreeMap<>();
    Map<String, int[]> byWorkstream = new java.util.TreeMap<>();
    Map<String, int[]> byOwnerGroup = new java.util.TreeMap<>();
    for (StatusCount count : counts) {
      ProgressCalculator.tally(overall, "", count.status(), count.count());
      ProgressCalculator.tally(byWorkstream, count.workstream() != null ? count.workstream()
          : ProgressReport.NO_WORKSTREAM, count.status(), count.count());
      // An initiative without an owner (started by hand) is counted under no one's name (ProgressCalculator.summarize).
      ProgressCalculator.tally(byOwnerGroup, count.ownerGroup() != null ? count.ownerGroup() : "", count.status(),
          count.count());
    }
    return new YearCounts(ProgressCalculator.summaries(overall).stream().findFirst()
        .orElse(new ProgressReport.Summary("", 0, 0, 0, 0, 0)), ProgressCalculator.summaries(byWorkstream),
        ProgressCalculator.summaries(byOwnerGroup));
  }

  /**
   * A page's rows as the whole answer has them: computed with the year's plans (their links), and each with the
   * predecessors it waits for, read by their ids (every row of the year with such an id: the one the whole answer
   * would pick among them is found the same way, {@link ProgressCalculator#withWaiting} over them).
   */
  private List<InitiativeProgress> pageRows(int fiscalYear, LocalDate asOf, List<InstanceRecord> rows) {
    Map<String, Plan> plans = plans(fiscalYear, model.plans(fiscalYear));
    Map<String, String> planKeys = new HashMap<>();
    Map<String, InitiativeProgress> computed = new LinkedHashMap<>();
    java.util.function.Consumer<InstanceRecord> compute = instance -> computed.computeIfAbsent(instance.id(), id -> {
      Snapshot s = snapshot(instance, plans);
      planKeys.put(s.processInstanceId(), s.planKey());
      return ProgressCalculator.progress(s, asOf);
    });
    rows.forEach(compute);
    List<InitiativeProgress> page = List.copyOf(computed.values());
    java.util.Set<String> predecessors = new java.util.TreeSet<>();
    page.forEach(p -> {
      if (planKeys.get(p.processInstanceId()) != null) {
        p.links().stream().filter(l -> l.kind().equals(jp.shisakuflow.plan.PlanLink.Kind.FOLLOWS.code()))
            .forEach(l -> predecessors.add(l.target()));
      }
    });
    model.initiativesWithIds(fiscalYear, predecessors).forEach(compute);
    List<InitiativeProgress> waiting = ProgressCalculator.withWaiting(computed.values().stream().sorted(ORDER)
        .toList(), p -> planKeys.get(p.processInstanceId()));
    Map<String, InitiativeProgress> byId = new HashMap<>();
    waiting.forEach(p -> byId.put(p.processInstanceId(), p));
    return page.stream().map(p -> byId.get(p.processInstanceId())).toList();
  }

  public static final int MAX_PAGE_SIZE = 500;

  private ProgressReport report(int fiscalYear, LocalDate asOf, List<InstanceRecord> all) {
    List<InstanceRecord> instances = all.stream().filter(i -> !i.plan()).toList();
    Map<String, Plan> plans = plans(fiscalYear, all);
    Map<String, String> planKeys = new HashMap<>();
    List<InitiativeProgress> progress = ProgressCalculator.withWaiting(instances.stream()
        .map(i -> snapshot(i, plans))
        .peek(s -> planKeys.put(s.processInstanceId(), s.planKey()))
        .map(s -> ProgressCalculator.progress(s, asOf))
        .sorted(ORDER)
        .toList(), p -> planKeys.get(p.processInstanceId()));
    return new ProgressReport(fiscalYear, asOf, progress,
        ProgressCalculator.summarize(progress, InitiativeProgress::workstream),
        ProgressCalculator.summarize(progress, InitiativeProgress::ownerGroup));
  }

  /** The year's plans (cached once read) by their instances' business keys: they hold the links. */
  private Map<String, Plan> plans(int fiscalYear, List<InstanceRecord> all) {
    Map<String, Plan> plans = new LinkedHashMap<>();
    all.stream().filter(InstanceRecord::plan).forEach(i -> {
      String deployment = FiscalYearPlan.Typed.PLAN_DEPLOYMENT_ID.from(i.variables());
      String resource = FiscalYearPlan.Typed.PLAN_RESOURCE.from(i.variables());
      if (deployment != null && resource != null) {
        plans.put(i.businessKey(), planStore.load(deployment, resource, fiscalYear));
      }
    });
    return plans;
  }

  /** Where progress reads the instances of a year from (the read model). */
  public interface ProgressSource {

    /** Every instance of the year (initiatives and plans), in no particular order. */
    List<InstanceRecord> instances(int fiscalYear);

    /** These reads in one snapshot of the database (one transaction, repeatable read): counts and rows agree. */
    <T> T inSnapshot(java.util.function.Supplier<T> reads);

    /** The year's initiatives counted by workstream, owner group and status on the day; status null: not kept. */
    List<StatusCount> statusCounts(int fiscalYear, LocalDate asOf);

    /** The year's initiatives whose status the model does not keep as they are (counted with status null). */
    List<ModelRow> withoutStatus(int fiscalYear);

    /** The year's initiatives in the answer's order ({@link #ORDER}), from {@code offset}, at most {@code limit}. */
    List<InstanceRecord> initiatives(int fiscalYear, int offset, int limit);

    /** The year's plans' instances. */
    List<InstanceRecord> plans(int fiscalYear);

    /** The year's initiatives with these ids (variable, else the business key's). */
    List<InstanceRecord> initiativesWithIds(int fiscalYear, java.util.Collection<String> ids);

    /** Keeps the status of rows read behind their version (where they are still at it). */
    void keepStatus(List<ModelRow> rows);
  }

  /** A row of the model: the instance, its version, and whether its kept status is of that version. */
  public record ModelRow(InstanceRecord instance, int version, boolean current) {}

  /** How many initiatives of a workstream and owner group (as stored: null where none) have a status. */
  public record StatusCount(String workstream, String ownerGroup, ProgressStatus status, int count) {}

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
