package jp.shisakuflow.plan;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
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
    Errors errors = new Errors();
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
      throw new InvalidPlanException(source, List.of(new PlanError(root == null ? 0 : line(root),
          "計画はキーと値の組で書いてください (the plan must be a mapping of keys to values)")));
    }
    Plan plan = readPlan(new Fields(root, "plan", errors, Set.of("id", "title", "fiscalYear", "workstreams",
        "initiatives", "milestones")), errors);
    if (!errors.list.isEmpty()) {
      throw new InvalidPlanException(source, errors.list);
    }
    return plan;
  }

  private Plan readPlan(Fields plan, Errors errors) {
    String id = plan.id("id");
    String title = plan.text("title");
    Integer fiscalYear = plan.integer("fiscalYear", FiscalYear.FIRST_SUPPORTED, FiscalYear.LAST_SUPPORTED);
    List<Plan.Workstream> workstreams = plan.list("workstreams", true, node -> {
      Fields f = new Fields(node, "workstream", errors, Set.of("id", "name"));
      return new Plan.Workstream(f.id("id"), f.text("name"));
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

  private PlannedInitiative readInitiative(Node node, Integer fiscalYear, Set<String> workstreams, Errors errors) {
    Fields f = new Fields(node, "initiative", errors,
        Set.of("id", "title", "workstream", "ownerGroup", "phases", "nextYear", "nextYearLabel"));
    String id = f.id("id");
    String workstream = f.reference("workstream", workstreams, "workstream");
    String ownerGroup = f.group("ownerGroup", knownGroups);
    Outcome nextYear = f.code("nextYear", Outcome::fromCode, Outcome.values());
    List<PlannedPhase> phases = new ArrayList<>();
    int index = 0;
    for (Node phaseNode : f.sequenceOrEmpty("phases", true)) {
      index++;
      phases.add(readPhase(phaseNode, index, fiscalYear, errors));
    }
    checkPhaseKinds(f.sequence("phases"), phases, errors);
    return new PlannedInitiative(id, f.text("title"), workstream, ownerGroup, phases, nextYear,
        f.optionalText("nextYearLabel", nextYear == null ? null : nextYear.labelJa()), line(node));
  }

  private PlannedPhase readPhase(Node node, int index, Integer fiscalYear, Errors errors) {
    Fields f = new Fields(node, "phase", errors, Set.of("stage", "step", "name", "start", "end"));
    Stage stage = null;
    String name;
    String key;
    if (f.has("stage") == f.has("step")) {
      errors.add(node, "phase: stage (調整などの標準段階) か step (計画独自の段階) のどちらか一つを書いてください"
          + " (give exactly one of 'stage' or 'step')");
      name = f.optionalText("name", "?");
      key = "step" + index;
    } else if (f.has("stage")) {
      stage = f.code("stage", Stage::fromCode, Stage.values());
      key = stage == null ? "stage" + index : stage.code();
      name = f.optionalText("name", stage == null ? "?" : stage.labelJa());
    } else {
      key = "step" + index;
      name = f.text("step");
    }
    LocalDate start = f.date("start", fiscalYear);
    LocalDate end = f.date("end", fiscalYear);
    if (start != null && end != null && end.isBefore(start)) {
      errors.add(f.node("end"), "phase '" + name + "': 終了日 " + end + " が開始日 " + start + " より前です"
          + " (end is before start)");
    }
    return new PlannedPhase(key, stage, name, start, end);
  }

  private static void checkPhaseKinds(SequenceNode node, List<PlannedPhase> phases, Errors errors) {
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

  private Milestone readMilestone(Node node, Integer fiscalYear, Set<String> workstreams, Errors errors) {
    Fields f = new Fields(node, "milestone", errors, Set.of("id", "title", "kind", "date", "workstream", "ownerGroup"));
    Milestone.Kind kind = f.code("kind", Milestone.Kind::fromCode, Milestone.Kind.values());
    return new Milestone(f.id("id"), f.text("title"), kind, f.date("date", fiscalYear),
        f.reference("workstream", workstreams, "workstream"), f.group("ownerGroup", knownGroups), line(node));
  }

  private static <T> void duplicates(SequenceNode sequence, Function<T, String> id, List<T> items, String what,
      Errors errors) {
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
      Integer first = firstLine.putIfAbsent(key, line(node));
      if (first != null) {
        errors.add(node, what + " id '" + key + "' が重複しています (duplicate id, first at line " + first + ")");
      }
    }
  }

  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  /** Errors in the order they were found, each at its line. */
  static final class Errors {
    final List<PlanError> list = new ArrayList<>();

    void add(Node node, String message) {
      list.add(new PlanError(node == null ? 0 : line(node), message));
    }
  }

  /** The fields of one mapping node, read with the errors they cause. */
  static final class Fields {
    private final Node node;
    private final String what;
    private final Errors errors;
    private final Map<String, Node> values = new LinkedHashMap<>();

    Fields(Node node, String what, Errors errors, Set<String> allowed) {
      this.node = node;
      this.what = what;
      this.errors = errors;
      if (!(node instanceof MappingNode mapping)) {
        errors.add(node, what + ": キーと値の組で書いてください (must be a mapping)");
        return;
      }
      for (NodeTuple tuple : mapping.getValue()) {
        String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
        if (!allowed.contains(key)) {
          errors.add(tuple.getKeyNode(), what + ": 不明な項目 '" + key + "' (unknown field; allowed: "
              + allowed.stream().sorted().toList() + ")");
        }
        values.put(key, tuple.getValueNode());
      }
    }

    boolean has(String key) {
      return values.containsKey(key);
    }

    Node node(String key) {
      return values.getOrDefault(key, node);
    }

    private String scalar(String key, boolean required) {
      Node value = values.get(key);
      if (value == null) {
        if (required) {
          errors.add(node, what + ": 項目 '" + key + "' がありません (missing field '" + key + "')");
        }
        return null;
      }
      if (!(value instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
        errors.add(value, what + ": 項目 '" + key + "' には値を一つ書いてください (field '" + key
            + "' must be a single non-empty value)");
        return null;
      }
      return scalar.getValue().trim();
    }

    String text(String key) {
      return scalar(key, true);
    }

    String optionalText(String key, String fallback) {
      String value = scalar(key, false);
      return value == null ? fallback : value;
    }

    String id(String key) {
      String value = scalar(key, true);
      if (value != null && !value.matches(ID_PATTERN)) {
        errors.add(values.get(key), what + ": id '" + value + "' は英小文字・数字・ハイフンで書いてください"
            + " (ids are lower-case letters, digits and '-')");
      }
      return value;
    }

    Integer integer(String key, int min, int max) {
      String value = scalar(key, true);
      if (value == null) {
        return null;
      }
      try {
        int number = Integer.parseInt(value);
        if (number < min || number > max) {
          throw new NumberFormatException();
        }
        return number;
      } catch (NumberFormatException e) {
        errors.add(values.get(key), what + ": '" + key + "' は " + min + "〜" + max + " の整数です (got '" + value + "')");
        return null;
      }
    }

    LocalDate date(String key, Integer fiscalYear) {
      String value = scalar(key, true);
      if (value == null) {
        return null;
      }
      LocalDate date;
      try {
        date = LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        errors.add(values.get(key), what + ": '" + key + "' は YYYY-MM-DD の日付です (not a date: '" + value + "')");
        return null;
      }
      if (fiscalYear != null && (date.isBefore(FiscalYear.start(fiscalYear)) || date.isAfter(FiscalYear.end(fiscalYear)))) {
        errors.add(values.get(key), what + ": " + key + " " + date + " は " + fiscalYear + " 年度 ("
            + FiscalYear.start(fiscalYear) + "〜" + FiscalYear.end(fiscalYear) + ") の外です (outside the fiscal year)");
      }
      return date;
    }

    String reference(String key, Set<String> known, String kind) {
      String value = scalar(key, true);
      if (value != null && !known.contains(value)) {
        errors.add(values.get(key), what + ": 不明な " + kind + " '" + value + "' (unknown " + kind + "; known: "
            + known.stream().sorted().toList() + ")");
      }
      return value;
    }

    String group(String key, Set<String> knownGroups) {
      String value = scalar(key, true);
      if (value != null && knownGroups != null && !knownGroups.contains(value)) {
        errors.add(values.get(key), what + ": 不明なグループ '" + value + "' (unknown group)");
      }
      return value;
    }

    <E extends Enum<E> & jp.shisakuflow.initiative.Coded> E code(String key,
        Function<String, java.util.Optional<E>> lookup, E[] all) {
      String value = scalar(key, true);
      if (value == null) {
        return null;
      }
      return lookup.apply(value).orElseGet(() -> {
        errors.add(values.get(key), what + ": '" + key + "' に '" + value + "' は使えません (must be one of "
            + java.util.Arrays.stream(all).map(jp.shisakuflow.initiative.Coded::code).toList() + ")");
        return null;
      });
    }

    SequenceNode sequence(String key) {
      return values.get(key) instanceof SequenceNode s ? s : null;
    }

    List<Node> sequenceOrEmpty(String key, boolean required) {
      Node value = values.get(key);
      if (value == null) {
        if (required) {
          errors.add(node, what + ": 項目 '" + key + "' がありません (missing field '" + key + "')");
        }
        return List.of();
      }
      if (!(value instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
        errors.add(value, what + ": '" + key + "' は一つ以上の項目の並びです (must be a non-empty list)");
        return List.of();
      }
      return sequence.getValue();
    }

    <T> List<T> list(String key, boolean required, Function<Node, T> reader) {
      return sequenceOrEmpty(key, required).stream().map(reader).toList();
    }
  }
}
