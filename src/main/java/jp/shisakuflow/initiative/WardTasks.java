package jp.shisakuflow.initiative;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.organization.OrganizationGroup;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Who works each phase task of {@code initiative-lifecycle}: the BPMN runs each owner phase as a parallel
 * multi-instance over {@code ${wardTasks.groups(execution, 'implementModel')}}, one task per element, with
 * the element ({@link Var#TASK_GROUPS}) as the task's candidate groups.
 * <ul>
 * <li>An item in no ward: one element, the owners (lead and co-owners, {@link Var#OWNER_GROUPS}): exactly one
 * task, as before the fan-out.
 * <li>An item in wards (listed, all, or decided during the year): one element per ward, the ward's group; each
 * ward works its own task, the phase is done when all are. The lead reads the instance and watches the wards'
 * tasks in Cockpit; a ward's delay goes to the managers as any delay does.
 * <li>Wards decided during the year: coordination is the owners' (it is where the wards are chosen); the later
 * phases fan out over the chosen {@link Var#WARDS}. While none are chosen, the owners work them.
 * </ul>
 * An instance started before {@code ownerGroups} existed keeps its own (older) definition version, which names
 * {@code ${ownerGroup}}; should one ever run this version anyway (a migration), {@link #owners} falls back to
 * {@link Var#OWNER_GROUP}.
 */
@Component("wardTasks")
public class WardTasks {

  /** The seven wards' group ids, in the city's order. */
  public static final List<String> ALL_WARDS = Arrays.stream(OrganizationGroup.values())
      .filter(g -> g.type() == OrganizationGroup.Type.WARD).map(OrganizationGroup::id).toList();

  /** One element per task of the phase: each element is the candidate groups of one task (comma text). */
  public List<String> groups(VariableScope execution, String phaseKey) {
    return groups(text(execution, Var.WARD_SCOPE), text(execution, Var.WARDS), owners(execution), phaseKey);
  }

  /** The owners' candidate groups: the lead and co-owners, or the lead alone in an instance without them. */
  public String owners(VariableScope execution) {
    String groups = text(execution, Var.OWNER_GROUPS);
    return groups == null || groups.isBlank() ? text(execution, Var.OWNER_GROUP) : groups;
  }

  /**
   * Whether the item's wards are still to be chosen (decided during the year, none chosen yet): then it is
   * coordinated, where they are chosen, even when its plan (a phased rollout's next year, say) has no
   * coordination phase.
   */
  public boolean toBeChosen(VariableScope execution) {
    return mode(text(execution, Var.WARD_SCOPE)) == WardScope.Mode.DECIDED_IN_YEAR
        && split(text(execution, Var.WARDS)).isEmpty();
  }

  /** The wards whose tasks of a phase are still open (when its overdue timer fires), in the city's order. */
  public static List<String> openWards(TaskService taskService, String processInstanceId, String taskKey) {
    Set<Object> open = new LinkedHashSet<>();
    for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
        .list()) {
      open.add(taskService.getVariable(task.getId(), Var.TASK_GROUPS)); // its multi-instance element
    }
    return ALL_WARDS.stream().filter(open::contains).toList();
  }

  static List<String> groups(String wardScope, String wards, String owners, String phaseKey) {
    WardScope.Mode mode = mode(wardScope);
    if (mode == WardScope.Mode.NONE
        || (mode == WardScope.Mode.DECIDED_IN_YEAR && Stage.COORDINATE.code().equals(phaseKey))) {
      return List.of(owners);
    }
    List<String> chosen = split(wards);
    return chosen.isEmpty() ? List.of(owners) : chosen;
  }

  /** The ward a task works for, when its phase fans out over wards; empty for the owners' task. */
  public static Optional<OrganizationGroup> wardOf(VariableScope task) {
    if (mode(text(task, Var.WARD_SCOPE)) == WardScope.Mode.NONE) {
      return Optional.empty();
    }
    String element = text(task, Var.TASK_GROUPS);
    return element == null || !split(text(task, Var.WARDS)).contains(element) ? Optional.empty()
        : OrganizationGroup.fromId(element).filter(g -> g.type() == OrganizationGroup.Type.WARD);
  }

  /**
   * A task's name with the ward it works for (「モデル実施：実施（高津区役所）」), or with the late wards an
   * escalation is about (「遅延への対応：実施（高津区役所・多摩区役所）」).
   */
  public static String nameFor(String name, Optional<OrganizationGroup> ward, List<String> lateWards) {
    List<String> wards = ward.map(w -> List.of(w.nameJa())).orElseGet(() -> lateWards.stream()
        .map(w -> OrganizationGroup.fromId(w).map(OrganizationGroup::nameJa).orElse(w)).toList());
    return wards.isEmpty() ? name : name + "（" + String.join("・", wards) + "）";
  }

  /** The groups of comma text ("wardTakatsu,wardTama"), each once, in order. */
  public static List<String> split(String commaText) {
    if (commaText == null || commaText.isBlank()) {
      return List.of();
    }
    Set<String> groups = new LinkedHashSet<>();
    for (String group : commaText.split(",")) {
      if (!group.isBlank()) {
        groups.add(group.trim());
      }
    }
    return List.copyOf(groups);
  }

  static WardScope.Mode mode(String wardScope) {
    if (wardScope == null || wardScope.isBlank()) {
      return WardScope.Mode.NONE; // an instance started before ward scopes
    }
    return WardScope.Mode.valueOf(wardScope);
  }

  private static String text(VariableScope scope, String name) {
    return Variable.text(name).from(scope);
  }
}
