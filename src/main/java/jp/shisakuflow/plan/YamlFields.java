package jp.shisakuflow.plan;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jp.shisakuflow.initiative.Coded;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The fields of one YAML mapping, read with the errors they cause: each value is checked for its shape
 * (text, integer, date, a code, a reference, a list) and a wrong one is reported at its line, named by
 * {@code what} and its key. Knows nothing of plans; {@link PlanParser} adds the plan's own rules.
 */
final class YamlFields {

  private final Node node;
  private final String what;
  private final YamlErrors errors;
  private final Map<String, Node> values = new LinkedHashMap<>();

  YamlFields(Node node, String what, YamlErrors errors, Set<String> allowed) {
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

  /** The value's node, or the mapping's when the key is absent: where an error about it is reported. */
  Node node(String key) {
    return values.getOrDefault(key, node);
  }

  /** Reports an error about a field, at its line, prefixed with what is being read. */
  void error(String key, String message) {
    errors.add(node(key), what + ": " + message);
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
      error(key, "'" + key + "' は " + min + "〜" + max + " の整数です (got '" + value + "')");
      return null;
    }
  }

  LocalDate date(String key) {
    String value = scalar(key, true);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      error(key, "'" + key + "' は YYYY-MM-DD の日付です (not a date: '" + value + "')");
      return null;
    }
  }

  /** A value that must be one of {@code known}, named {@code kind} in the error. */
  String reference(String key, Set<String> known, String kind) {
    String value = scalar(key, true);
    if (value != null && !known.contains(value)) {
      error(key, "不明な " + kind + " '" + value + "' (unknown " + kind + "; known: " + known.stream().sorted().toList() + ")");
    }
    return value;
  }

  /** The value of a coded enumeration with that code. */
  <E extends Enum<E> & Coded> E code(String key, Class<E> type) {
    String value = scalar(key, true);
    if (value == null) {
      return null;
    }
    return Coded.fromCode(type, value).orElseGet(() -> {
      error(key, "'" + key + "' に '" + value + "' は使えません (must be one of " + Coded.codes(type) + ")");
      return null;
    });
  }

  boolean isSequence(String key) {
    return values.get(key) instanceof SequenceNode;
  }

  /** A list of single values, empty when the key is absent. */
  List<String> optionalTextList(String key) {
    Node value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof SequenceNode sequence)) {
      errors.add(value, what + ": '" + key + "' は [a, b] の形の並びです (must be a list)");
      return List.of();
    }
    List<String> texts = new java.util.ArrayList<>();
    for (Node item : sequence.getValue()) {
      if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
        texts.add(scalar.getValue().trim());
      } else {
        errors.add(item, what + ": '" + key + "' の項目には値を一つずつ書いてください (each item must be a single value)");
      }
    }
    return texts;
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
