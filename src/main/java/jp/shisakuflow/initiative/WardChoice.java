package jp.shisakuflow.initiative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.organization.OrganizationGroup;

/**
 * The wards chosen at coordination of an item whose wards are decided during the year ({@code
 * DECIDED_IN_YEAR}): the coordination form's checklist {@code wards}. Tasklist sends a checklist bound to an
 * existing text variable as the JSON text of the list ({@code ["wardTakatsu","wardTama"]}); a REST client may
 * send the comma text the process keeps ({@code wardTakatsu,wardTama}). Either way the process keeps the
 * earlier years' wards ({@code previousWards}) and the chosen ones, as comma text in the city's ward order.
 */
final class WardChoice {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WardChoice() {}

  /** Whether the coordination of this instance chooses wards. */
  static boolean applies(Map<String, Object> variables) {
    return WardScope.Mode.DECIDED_IN_YEAR.name().equals(variables.get(Var.WARD_SCOPE));
  }

  static void validate(Map<String, Object> variables, List<String> problems) {
    Optional<List<String>> chosen = chosen(variables.get(Var.WARDS));
    if (chosen.isEmpty()) {
      problems.add(Var.WARDS + ": 実施区は区の一覧から選んでください (must be a list of ward groups, got "
          + variables.get(Var.WARDS) + ")");
      return;
    }
    List<String> unknown = chosen.get().stream().filter(w -> !WardTasks.ALL_WARDS.contains(w)).toList();
    if (!unknown.isEmpty()) {
      problems.add(Var.WARDS + ": " + unknown + " は区ではありません。次の区から選んでください " + WardTasks.ALL_WARDS
          + " (not wards: " + unknown + ")");
      return;
    }
    List<String> previous = WardTasks.split(text(variables.get(Var.PREVIOUS_WARDS)));
    if (chosen.get().stream().allMatch(previous::contains)) {
      problems.add(Var.WARDS + (previous.isEmpty()
          ? ": 実施する区を一つ以上選んでください (choose at least one ward)"
          : ": 前年度までの実施区 (" + names(previous) + ") のほかに、今年度新たに実施する区を一つ以上選んでください"
              + " (choose at least one ward besides the earlier years' " + previous + ")"));
    }
  }

  /** The wards the item runs in from now on: the earlier years' and the chosen, in the city's order. */
  static String decided(Map<String, Object> variables) {
    Set<String> wards = new LinkedHashSet<>(WardTasks.split(text(variables.get(Var.PREVIOUS_WARDS))));
    wards.addAll(chosen(variables.get(Var.WARDS)).orElse(List.of()));
    return String.join(",", WardTasks.ALL_WARDS.stream().filter(wards::contains).toList());
  }

  /** The chosen wards, or empty when the value is no list at all. */
  static Optional<List<String>> chosen(Object value) {
    if (value == null) {
      return Optional.of(List.of());
    }
    if (value instanceof Collection<?> list) {
      return Optional.of(list.stream().map(String::valueOf).distinct().toList());
    }
    if (!(value instanceof String text)) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    if (!trimmed.startsWith("[")) {
      return Optional.of(WardTasks.split(trimmed));
    }
    try {
      JsonNode array = JSON.readTree(trimmed);
      List<String> wards = new ArrayList<>();
      for (JsonNode ward : array) {
        if (!ward.isTextual()) {
          return Optional.empty();
        }
        wards.add(ward.asText());
      }
      return Optional.of(wards.stream().distinct().toList());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static String names(List<String> wards) {
    return String.join("・", wards.stream().map(w -> OrganizationGroup.fromId(w).map(OrganizationGroup::nameJa)
        .orElse(w)).toList());
  }

  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }
}
