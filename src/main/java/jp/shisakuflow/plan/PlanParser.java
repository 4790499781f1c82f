package jp.shisakuflow.plan;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jp.shisakuflow.initiative.Coded;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.Owners;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.initiative.WardScope;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.time.FiscalYear;
import jp.shisakuflow.time.ScheduleDate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a plan file and checks it whole: every error is collected with its line, and the plan is
 * returned only when there is none. Pure: the groups it accepts are given by the caller.
 */
public class PlanParser {

  private static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";
  private static final String LEAD = "lead";
  private static final String OWNER_GROUP = "ownerGroup";
  private static final String WARDS_ALL = "all";
  private static final String WARDS_DECIDED = "decided";
  private static final List<String> WARDS = Arrays.stream(OrganizationGroup.values())
      .filter(g -> g.type() == OrganizationGroup.Type.WARD).map(OrganizationGroup::id).toList();

  private final Set<String> knownGroups;

  /** A parser that accepts only owner groups from {@code knownGroups}. */
  public PlanParser(Set<String> knownGroups) {
    this.knownGroups = Set.copyOf(knownGroups);
  }

  private PlanParser() {
    this.knownGroups = null;
  }

  /** For plans already imported (and so checked): accepts any owner group. */
  public static PlanParser forImportedPlans() {
    return new PlanParser();
  }

  public Plan parse(String source, String yaml) {
    YamlErrors errors = new YamlErrors();
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(options).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new InvalidPlanException(source, List.of(new PlanError(line,
          "YAML として読めません (malformed YAML): " + e.getProblem())));
    } catch (YAMLException e) {
      throw new InvalidPlanException(source, List.of(new PlanError(0, "YAML として読めません (malformed YAML): "
          + e.getMessage())));
    }
    if (!(root instanceof MappingNode)) {
      throw new InvalidPlanException(source, List.of(new PlanError(root == null ? 0 : YamlErrors.line(root),
          "計画はキーと値の組で書いてください (the plan must be a mapping of keys to values)")));
    }
    Plan plan = readPlan(new YamlFields(root, "plan", errors, Set.of("id", "title", "fiscalYear", "workstreams",
        "initiatives", "milestones")), errors);
    if (!errors.isEmpty()) {
      throw new InvalidPlanException(source, errors.list());
    }
    return plan;
  }

  private Plan readPlan(YamlFields plan, YamlErrors errors) {
    String id = id(plan, "id");
    String title = plan.text("title");
    Integer fiscalYear = plan.integer("fiscalYear", FiscalYear.FIRST_SUPPORTED, FiscalYear.LAST_SUPPORTED);
    List<Plan.Workstream> workstreams = plan.list("workstreams", true, node -> {
      YamlFields f = new YamlFields(node, "workstream", errors, Set.of("id", "name"));
      return new Plan.Workstream(id(f, "id"), f.text("name"));
    });
    Set<String> workstreamIds = new HashSet<>();
    workstreams.forEach(w -> workstreamIds.add(w.id()));
    duplicates(plan.sequence("workstreams"), Plan.Workstream::id, workstreams, "workstream", errors);

    List<Reference> references = new ArrayList<>();
    List<PlannedInitiative> initiatives = plan.list("initiatives", true,
        node -> readInitiative(node, fiscalYear, workstreamIds, references, errors));
    List<Milestone> milestones = plan.list("milestones", false,
        node -> readMilestone(node, fiscalYear, workstreamIds, references, errors));
    duplicates(plan.sequence("initiatives"), PlannedInitiative::id, initiatives, "initiative", errors);
    duplicates(plan.sequence("milestones"), Milestone::id, milestones, "milestone", errors);
    checkReferences(references, initiatives, milestones, workstreamIds, errors);
    return new Plan(id, title, fiscalYear == null ? 0 : fiscalYear, workstreams, initiatives, milestones);
  }

  private PlannedInitiative readInitiative(Node node, Integer fiscalYear, Set<String> workstreams,
      List<Reference> references, YamlErrors errors) {
    YamlFields f = new YamlFields(node, "initiative", errors, Set.of("id", "title", "workstream", LEAD, OWNER_GROUP,
        "coOwners", "counterparts", "partners", "wards", "phases", "links", "nextYear", "nextYearLabel"));
    String id = id(f, "id");
    String workstream = f.reference("workstream", workstreams, "workstream");
    Owners owners = new Owners(lead(f), groups(f, "coOwners"), groups(f, "counterparts"),
        f.optionalTextList("partners"));
    WardScope wards = wards(f);
    List<PlanLink> links = f.list("links", false, linkNode -> readLink(linkNode, id, references, errors)).stream()
        .filter(java.util.Objects::nonNull).toList();
    Outcome nextYear = f.code("nextYear", Outcome.class);
    List<PlannedPhase> phases = new ArrayList<>();
    int index = 0;
    for (Node phaseNode : f.sequenceOrEmpty("phases", true)) {
      index++;
      phases.add(readPhase(phaseNode, index, fiscalYear, errors));
    }
    checkPhaseKinds(f.sequence("phases"), phases, errors);
    if (wards.fansOut() && phases.stream().anyMatch(p -> p != null && p.stage() == null)) {
      // initiative-steps runs one task per step for the owners; only the lifecycle's stages fan out per ward.
      f.error("wards", "区ごとの実施 (wards) は標準段階 (stage) の施策にだけ書けます (wards fan out the lifecycle's"
          + " stages only; this item runs its own steps)");
    }
    return new PlannedInitiative(id, f.text("title"), workstream, owners, wards, phases, links, nextYear,
        f.optionalText("nextYearLabel", nextYear == null ? null : nextYear.labelJa()), YamlErrors.line(node));
  }

  private PlannedPhase readPhase(Node node, int index, Integer fiscalYear, YamlErrors errors) {
    YamlFields f = new YamlFields(node, "phase", errors, Set.of("stage", "step", "name", "start", "end"));
    Stage stage = null;
    String name;
    String key;
    if (f.has("stage") == f.has("step")) {
      errors.add(node, "phase: stage (調整などの標準段階) か step (計画独自の段階) のどちらか一つを書いてください"
          + " (give exactly one of 'stage' or 'step')");
      name = f.optionalText("name", "?");
      key = "step" + index;
    } else if (f.has("stage")) {
      stage = f.code("stage", Stage.class);
      key = stage == null ? "stage" + index : stage.code();
      name = f.optionalText("name", stage == null ? "?" : stage.labelJa());
    } else {
      key = "step" + index;
      name = f.text("step");
    }
    ScheduleDate start = inYear(f, "start", fiscalYear);
    ScheduleDate end = inYear(f, "end", fiscalYear);
    if (start != null && end != null && end.last().isBefore(start.first())) {
      errors.add(f.node("end"), "phase '" + name + "': 終了 " + end.code() + " が開始 " + start.code() + " より前です"
          + " (end is before start)");
    }
    return new PlannedPhase(key, stage, name, start, end);
  }

  private static void checkPhaseKinds(SequenceNode node, List<PlannedPhase> phases, YamlErrors errors) {
    if (node == null || phases.isEmpty()) {
      return;
    }
    boolean anyStep = phases.stream().anyMatch(p -> p.key().startsWith("step"));
    boolean anyStage = phases.stream().anyMatch(p -> !p.key().startsWith("step"));
    if (anyStep && anyStage) {
      errors.add(node, "phases: 標準段階 (stage) と独自段階 (step) は混在できません (phases are either all stages or"
          + " all steps)");
      return;
    }
    Stage previous = null;
    for (PlannedPhase phase : phases) {
      if (phase.stage() == null) {
        continue;
      }
      if (previous != null && phase.stage().ordinal() <= previous.ordinal()) {
        errors.add(node, "phases: 標準段階は 調整 → モデル実施 → 検証 → 継続実施 の順に一度ずつ書いてください (stage '"
            + phase.stage().code() + "' is out of order or repeated)");
      }
      previous = phase.stage();
    }
  }

  private Milestone readMilestone(Node node, Integer fiscalYear, Set<String> workstreams, List<Reference> references,
      YamlErrors errors) {
    YamlFields f = new YamlFields(node, "milestone", errors,
        Set.of("id", "title", "kind", "date", "workstream", LEAD, OWNER_GROUP, "about"));
    Milestone.Kind kind = f.code("kind", Milestone.Kind.class);
    String id = id(f, "id");
    List<String> about = f.optionalTextList("about");
    about.forEach(target -> references.add(new Reference(f.node("about"), "milestone '" + id + "': about",
        target, Set.of(Target.INITIATIVE))));
    return new Milestone(id, f.text("title"), kind, inYear(f, "date", fiscalYear),
        f.reference("workstream", workstreams, "workstream"), lead(f), about, YamlErrors.line(node));
  }

  /** The leading group: {@code lead}, or {@code ownerGroup} as plans before co-owners wrote it. */
  private String lead(YamlFields f) {
    if (f.has(LEAD) && f.has(OWNER_GROUP)) {
      f.error(OWNER_GROUP, "lead と ownerGroup は同じ意味です。どちらか一つを書いてください (give 'lead' or its old name"
          + " 'ownerGroup', not both)");
    }
    return group(f, f.has(OWNER_GROUP) ? OWNER_GROUP : LEAD);
  }

  private List<String> groups(YamlFields f, String key) {
    List<String> groups = f.optionalTextList(key);
    groups.stream().filter(g -> knownGroups != null && !knownGroups.contains(g)).forEach(g ->
        f.error(key, "不明なグループ '" + g + "' (unknown group)"));
    return groups;
  }

  /** {@code all}, {@code decided} or a list of ward groups. */
  private WardScope wards(YamlFields f) {
    if (!f.has("wards")) {
      return WardScope.NONE;
    }
    if (f.isSequence("wards")) {
      List<String> wards = f.optionalTextList("wards");
      wards.stream().filter(w -> !WARDS.contains(w)).forEach(w -> f.error("wards",
          "'" + w + "' は区ではありません (not a ward; wards: " + WARDS + ")"));
      return new WardScope(WardScope.Mode.LISTED, wards);
    }
    String value = f.text("wards");
    if (WARDS_ALL.equals(value)) {
      return new WardScope(WardScope.Mode.ALL, WARDS);
    }
    if (WARDS_DECIDED.equals(value)) {
      return new WardScope(WardScope.Mode.DECIDED_IN_YEAR, List.of());
    }
    if (value != null) {
      f.error("wards", "wards には all、decided、または区の一覧を書いてください (write all, decided or a list of wards;"
          + " got '" + value + "')");
    }
    return WardScope.NONE;
  }

  /** One link: exactly one of follows / discussedAt / alignedWith, and an optional note. */
  private static PlanLink readLink(Node node, String from, List<Reference> references, YamlErrors errors) {
    Set<String> kinds = new java.util.LinkedHashSet<>(Coded.codes(PlanLink.Kind.class));
    Set<String> allowed = new java.util.HashSet<>(kinds);
    allowed.add("note");
    YamlFields f = new YamlFields(node, "link", errors, allowed);
    List<PlanLink.Kind> given = Arrays.stream(PlanLink.Kind.values()).filter(k -> f.has(k.code())).toList();
    if (given.size() != 1) {
      errors.add(node, "link: " + kinds + " のどれか一つを書いてください (give exactly one of " + kinds + ")");
      return null;
    }
    PlanLink.Kind kind = given.get(0);
    String target = f.text(kind.code());
    if (target != null) {
      references.add(new Reference(f.node(kind.code()), "initiative '" + from + "': " + kind.code(), target,
          switch (kind) {
            case FOLLOWS -> Set.of(Target.INITIATIVE);
            case DISCUSSED_AT -> Set.of(Target.MILESTONE, Target.WORKSTREAM);
            case ALIGNED_WITH -> Set.of(Target.INITIATIVE, Target.WORKSTREAM);
          }));
      if (kind == PlanLink.Kind.FOLLOWS && target.equals(from)) {
        f.error(kind.code(), "自分自身には続けません (an item cannot follow itself)");
      }
    }
    return new PlanLink(kind, target, f.optionalText("note", null));
  }

  private enum Target { INITIATIVE, MILESTONE, WORKSTREAM }

  /** A link's target, checked once every id of the plan is known. */
  private record Reference(Node node, String what, String target, Set<Target> allowed) {}

  private static void checkReferences(List<Reference> references, List<PlannedInitiative> initiatives,
      List<Milestone> milestones, Set<String> workstreams, YamlErrors errors) {
    Map<Target, Set<String>> ids = Map.of(
        Target.INITIATIVE, initiatives.stream().filter(java.util.Objects::nonNull).map(PlannedInitiative::id)
            .collect(java.util.stream.Collectors.toSet()),
        Target.MILESTONE, milestones.stream().filter(java.util.Objects::nonNull).map(Milestone::id)
            .collect(java.util.stream.Collectors.toSet()),
        Target.WORKSTREAM, workstreams);
    for (Reference reference : references) {
      if (reference.allowed().stream().noneMatch(t -> ids.get(t).contains(reference.target()))) {
        errors.add(reference.node(), reference.what() + ": '" + reference.target() + "' はこの計画にありません"
            + " (no such " + reference.allowed().stream().map(t -> t.name().toLowerCase()).sorted().toList() + ")");
      }
    }
  }

  private static <T> void duplicates(SequenceNode sequence, Function<T, String> id, List<T> items, String what,
      YamlErrors errors) {
    if (sequence == null) {
      return;
    }
    Map<String, Integer> firstLine = new HashMap<>();
    for (int i = 0; i < items.size() && i < sequence.getValue().size(); i++) {
      String key = id.apply(items.get(i));
      if (key == null) {
        continue;
      }
      Node node = sequence.getValue().get(i);
      Integer first = firstLine.putIfAbsent(key, YamlErrors.line(node));
      if (first != null) {
        errors.add(node, what + " id '" + key + "' が重複しています (duplicate id, first at line " + first + ")");
      }
    }
  }

  /** An id of the plan: lower-case letters, digits and '-', as business keys and URLs carry them. */
  private static String id(YamlFields f, String key) {
    String value = f.text(key);
    if (value != null && !value.matches(ID_PATTERN)) {
      f.error(key, "id '" + value + "' は英小文字・数字・ハイフンで書いてください (ids are lower-case letters, digits and '-')");
    }
    return value;
  }

  /** A date of the plan ({@link ScheduleDate#FORMS}), which lies in its fiscal year. */
  private static ScheduleDate inYear(YamlFields f, String key, Integer fiscalYear) {
    String text = f.text(key);
    if (text == null) {
      return null;
    }
    int year = fiscalYear != null ? fiscalYear : FiscalYear.containing(java.time.LocalDate.now());
    ScheduleDate date;
    try {
      date = ScheduleDate.parse(text, year);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      f.error(key, "'" + key + "': " + e.getMessage());
      return null;
    }
    if (fiscalYear != null && (date.first().isBefore(FiscalYear.start(fiscalYear))
        || date.last().isAfter(FiscalYear.end(fiscalYear)))) {
      f.error(key, key + " " + date.code() + " は " + fiscalYear + " 年度 (" + FiscalYear.start(fiscalYear) + "〜"
          + FiscalYear.end(fiscalYear) + ") の外です (outside the fiscal year)");
    }
    return date;
  }

  /** A group of the organisation (any group, for a plan imported before). */
  private String group(YamlFields f, String key) {
    String value = f.text(key);
    if (value != null && knownGroups != null && !knownGroups.contains(value)) {
      f.error(key, "不明なグループ '" + value + "' (unknown group)");
    }
    return value;
  }
}
