package jp.shisakuflow.tasklist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jp.shisakuflow.initiative.InitiativeProcesses;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.organization.PersonName;
import jp.shisakuflow.security.Caller;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Service;

/**
 * What happens next in a process instance: its open tasks, with the Japanese names of who has them (the
 * organisation's own labels, {@link OrganizationGroup}; the engine's group and user names otherwise), or that it
 * has ended, or what it waits for.
 */
@Service
public class NextSteps {

  /** Whether a caller may read an instance, as the engine's authorization decides. */
  public enum Access { READABLE, DENIED, NOT_FOUND }

  static final String LIST_SEPARATOR = "、";

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final RepositoryService repositoryService;

  public NextSteps(RuntimeService runtimeService, HistoryService historyService, TaskService taskService,
      IdentityService identityService, RepositoryService repositoryService) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.repositoryService = repositoryService;
  }

  /**
   * May the caller read the instance? Asked of the engine as the caller (its queries leave out what the caller
   * may not read): the running instance, or, once ended, its history.
   */
  public Access access(Caller caller, String processInstanceId) {
    boolean readable = asCaller(caller, () ->
        runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0
            || historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0);
    if (readable) {
      return Access.READABLE;
    }
    boolean exists = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
        .count() > 0 || runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    return exists ? Access.DENIED : Access.NOT_FOUND;
  }

  /** The next step of an instance the caller may read ({@link #access}). */
  public NextStep of(String processInstanceId) {
    List<NextStep.OpenTask> tasks = taskService.createTaskQuery().processInstanceId(processInstanceId)
        .orderByTaskCreateTime().desc().list().stream().map(this::openTask).toList();
    ProcessInstance running = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult();
    if (!tasks.isEmpty()) {
      return new NextStep(processInstanceId, false, "次は" + tasks.stream()
          .map(t -> "「" + t.name() + "」" + (t.whoText().isEmpty() ? "" : "（" + t.whoText() + "）"))
          .collect(Collectors.joining(LIST_SEPARATOR)) + "です", tasks);
    }
    if (running != null) {
      List<String> waiting = runtimeService.getActiveActivityIds(processInstanceId).stream()
          .map(id -> activityName(running.getProcessDefinitionId(), id)).flatMap(Optional::stream).distinct().toList();
      return new NextStep(processInstanceId, false, "次のタスクはまだありません" + (waiting.isEmpty() ? ""
          : "（待機中: " + String.join(LIST_SEPARATOR, waiting) + "）"), tasks);
    }
    HistoricProcessInstance ended = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    String what = ended != null && InitiativeProcesses.KEYS.contains(ended.getProcessDefinitionKey()) ? "この取組"
        : "この手続き";
    Optional<String> end = ended == null || ended.getEndActivityId() == null ? Optional.empty()
        : activityName(ended.getProcessDefinitionId(), ended.getEndActivityId());
    return new NextStep(processInstanceId, true, what + "は完了しました" + end.map(n -> "（" + n + "）").orElse(""),
        tasks);
  }

  private NextStep.OpenTask openTask(Task task) {
    List<IdentityLink> links = taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .sorted(Comparator.comparing(link -> link.getGroupId() == null ? 1 : 0))
        .toList();
    List<String> candidates = new ArrayList<>();
    for (IdentityLink link : links) {
      candidates.add(link.getGroupId() != null ? groupName(link.getGroupId()) : userName(link.getUserId()));
    }
    String assignee = task.getAssignee() == null ? null : userName(task.getAssignee());
    String who = assignee != null ? "担当: " + assignee : String.join(LIST_SEPARATOR, candidates.stream().distinct()
        .toList());
    return new NextStep.OpenTask(task.getId(), task.getName(), assignee, candidates, who);
  }

  /** A group's name for people: the organisation's label (高津区役所), else the engine's group name. */
  private String groupName(String groupId) {
    return OrganizationGroup.fromId(groupId).map(OrganizationGroup::nameJa).orElseGet(() -> {
      Group group = identityService.createGroupQuery().groupId(groupId).singleResult();
      return group == null || group.getName() == null ? groupId : group.getName();
    });
  }

  /** A person's name as the directory holds it (family name first), else the user id. */
  private String userName(String userId) {
    return PersonName.of(identityService.createUserQuery().userId(userId).singleResult(), userId);
  }

  private Optional<String> activityName(String processDefinitionId, String activityId) {
    FlowElement element = repositoryService.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
    return Optional.ofNullable(element).map(FlowElement::getName).filter(Objects::nonNull).filter(n -> !n.isBlank());
  }

  private <T> T asCaller(Caller caller, Supplier<T> read) {
    Authentication previous = identityService.getCurrentAuthentication();
    identityService.setAuthentication(caller.engineAuthentication());
    try {
      return jp.shisakuflow.organization.DoorCheckedCommands.withPermissionChecks(read);
    } finally {
      if (previous == null) {
        identityService.clearAuthentication();
      } else {
        identityService.setAuthentication(previous);
      }
    }
  }
}
