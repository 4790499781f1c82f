package jp.shisakuflow.plan;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Errors found while reading a YAML document, in the order they were found, each at its line. */
final class YamlErrors {

  private final List<PlanError> list = new ArrayList<>();

  void add(Node node, String message) {
    list.add(new PlanError(node == null ? 0 : line(node), message));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  List<PlanError> list() {
    return List.copyOf(list);
  }

  /** The 1-based line a node starts on. */
  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
