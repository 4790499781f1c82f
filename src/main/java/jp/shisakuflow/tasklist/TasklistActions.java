package jp.shisakuflow.tasklist;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.shisakuflow.organization.PersonName;
import jp.shisakuflow.security.Caller;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Tasklist offers the logged-in user, asked of the engine's authorizations once when Tasklist starts
 * ({@code GET /api/tasklist/actions}; tasklist-plugin.js): an action the engine would refuse is not offered.
 * Also the names Tasklist shows for user ids ({@code GET /api/tasklist/user-names?ids=}), and the city's zone for
 * the dates on the cards.
 */
@RestController
public class TasklistActions {

  /** At most this many names per request (a page of history names a handful). */
  static final int MAX_NAMES = 100;

  private final AuthorizationService authorizations;
  private final IdentityService identity;
  private final RepositoryService repository;

  public TasklistActions(AuthorizationService authorizations, IdentityService identity, RepositoryService repository) {
    this.authorizations = authorizations;
    this.identity = identity;
    this.repository = repository;
  }

  /**
   * <ul>
   * <li>{@code createTask}: タスクを作成 (CREATE on tasks);
   * <li>{@code startProcess}: プロセスを開始, when some process may be started from Tasklist by this user (the same
   * question Tasklist's dialog asks);
   * <li>{@code assignTasks}: change a task's assignee, groups, due and follow-up dates (the engine asks for the
   * permission to assign, on the task or its definition); without it a user still claims, releases their own claim
   * and completes the tasks they may work;
   * <li>{@code cockpit}: the link from a task to its instance in Cockpit;
   * <li>{@code zone}: the city's time zone, in which the cards show dates.
   * </ul>
   */
  @GetMapping("/api/tasklist/actions")
  public ResponseEntity<Map<String, Object>> actions() {
    Caller caller = Caller.current().orElseThrow();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("createTask", may(caller, Permissions.CREATE, Resources.TASK, "*"));
    body.put("startProcess", startable(caller));
    body.put("assignTasks", may(caller, Permissions.TASK_ASSIGN, Resources.TASK, "*")
        || may(caller, Permissions.UPDATE, Resources.TASK, "*")
        || may(caller, Permissions.TASK_ASSIGN, Resources.PROCESS_DEFINITION, "*")
        || may(caller, Permissions.UPDATE_TASK, Resources.PROCESS_DEFINITION, "*"));
    body.put("cockpit", may(caller, Permissions.ACCESS, Resources.APPLICATION, "cockpit"));
    body.put("zone", CityTime.ZONE_ID);
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
  }

  /** Display names ({@code 姓 名}) of the given user ids; ids without a user are left out. */
  @GetMapping("/api/tasklist/user-names")
  public Map<String, String> userNames(@RequestParam String ids) {
    List<String> wanted = Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).distinct()
        .limit(MAX_NAMES).toList();
    if (wanted.isEmpty()) {
      return Map.of();
    }
    return identity.createUserQuery().userIdIn(wanted.toArray(String[]::new)).list().stream()
        .collect(Collectors.toMap(User::getId, TasklistActions::name, (a, b) -> a, LinkedHashMap::new));
  }

  static String name(User user) {
    return PersonName.of(user, user.getId());
  }

  private boolean may(Caller caller, Permission permission, Resource resource, String id) {
    return authorizations.isUserAuthorized(caller.userId(), caller.groupIds(), permission, resource, id);
  }

  private boolean startable(Caller caller) {
    var previous = identity.getCurrentAuthentication();
    identity.setAuthentication(caller.engineAuthentication());
    try {
      return jp.shisakuflow.organization.DoorCheckedCommands.withPermissionChecks(() -> repository.createProcessDefinitionQuery()
          .latestVersion().active().startableInTasklist().startablePermissionCheck().count() > 0);
    } finally {
      if (previous == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(previous);
      }
    }
  }
}
