package jp.shisakuflow.plan;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.time.FiscalYear;
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

    List<PlannedInitiative> initiatives = plan.list("initiatives", true,
        node -> readInitiative(node, fiscalYear, workstreamIds, errors));
    List<Milestone> milestones = plan.list("milestones", false,
        node -> readMilestone(node, fiscalYear, workstreamIds, errors));
    duplicates(plan.sequence("initiatives"), PlannedInitiative::id, initiatives, "initiative", errors);
    duplicates(plan.sequence("milestones"), Milestone::id, milestones, "milestone", errors);
    return new Plan(id, title, fiscalYear == null ? 0 : fiscalYear, workstreams, initiatives, milestones);
  }

  private PlannedInitiative readInitiative(Node node, Integer fiscalYear, Set<String> workstreams, YamlErrors errors) {
    YamlFields f = new YamlFields(node, "initiative", errors,
        Set.of("id", "title", "workstream", "ownerGroup", "phases", "nextYear", "nextYearLabel"));
    String id = id(f, "id");
    String workstream = f.reference("workstream", workstreams, "workstream");
    String ownerGroup = group(f, "ownerGroup");
    Outcome nextYear = f.code("nextYear", Outcome.class);
    List<PlannedPhase> phases = new ArrayList<>();
    int index = 0;
    for (Node phaseNode : f.sequenceOrEmpty("phases", true)) {
      index++;
      phases.add(readPhase(phaseNode, index, fiscalYear, errors));
    }
    checkPhaseKinds(f.sequence("phases"), phases, errors);
    return new PlannedInitiative(id, f.text("title"), workstream, ownerGroup, phases, nextYear,
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
    LocalDate start = inYear(f, "start", fiscalYear);
    LocalDate end = inYear(f, "end", fiscalYear);
    if (start != null && end != null && end.isBefore(start)) {
      errors.add(f.node("end"), "phase '" + name + "': 終了日 " + end + " が開始日 " + start + " より前です"
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

  private Milestone readMilestone(Node node, Integer fiscalYear, Set<String> workstreams, YamlErrors errors) {
    YamlFields f = new YamlFields(node, "milestone", errors, Set.of("id", "title", "kind", "date", "workstream", "ownerGroup"));
    Milestone.Kind kind = f.code("kind", Milestone.Kind.class);
    return new Milestone(id(f, "id"), f.text("title"), kind, inYear(f, "date", fiscalYear),
        f.reference("workstream", workstreams, "workstream"), group(f, "ownerGroup"), YamlErrors.line(node));
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

  /** A date of the plan, which lies in its fiscal year. */
  private static LocalDate inYear(YamlFields f, String key, Integer fiscalYear) {
    LocalDate date = f.date(key);
    if (date != null && fiscalYear != null
        && (date.isBefore(FiscalYear.start(fiscalYear)) || date.isAfter(FiscalYear.end(fiscalYear)))) {
      f.error(key, key + " " + date + " は " + fiscalYear + " 年度 (" + FiscalYear.start(fiscalYear) + "〜"
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
