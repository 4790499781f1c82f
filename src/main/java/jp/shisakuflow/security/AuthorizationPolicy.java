package jp.shisakuflow.security;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ_TASK;
import static org.camunda.bpm.engine.authorization.Permissions.TASK_ASSIGN;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE_TASK;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK;
import static org.camunda.bpm.engine.authorization.Resources.OPERATION_LOG_CATEGORY;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.shisakuflow.organization.OrganizationGroup;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * Who may do what, in one list. Created at start-up by {@link AuthorizationInitializer}. Beyond it,
 * each task's candidate group may work that task ({@code TASK_WORK}, the engine's own grant), and an
 * initiative's owner group may read it, running and in the history
 * ({@code initiative.InitiativeLifecycleService}).
 */
public final class AuthorizationPolicy {

  /** One grant: a group's permissions on a resource ({@code *} for all of its kind). */
  public record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {}

  static final String ANY = "*";

  private AuthorizationPolicy() {}

  public static List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (OrganizationGroup group : OrganizationGroup.values()) {
      if (group.type() == OrganizationGroup.Type.DEPARTMENT || group.type() == OrganizationGroup.Type.WARD) {
        // Department staff: Tasklist, and the definitions their tasks belong to. (Their filters: TasklistFilters.)
        grants.add(grant(group, APPLICATION, "tasklist", ACCESS));
        grants.add(grant(group, PROCESS_DEFINITION, ANY, READ));
      }
    }
    // Managers: read every instance and its history, reassign tasks, use Cockpit and Tasklist.
    grants.add(grant(OrganizationGroup.MANAGERS, APPLICATION, "tasklist", ACCESS));
    grants.add(grant(OrganizationGroup.MANAGERS, APPLICATION, "cockpit", ACCESS));
    grants.add(grant(OrganizationGroup.MANAGERS, PROCESS_DEFINITION, ANY, READ, READ_INSTANCE, READ_TASK, UPDATE_TASK,
        READ_HISTORY));
    grants.add(grant(OrganizationGroup.MANAGERS, PROCESS_INSTANCE, ANY, READ));
    grants.add(grant(OrganizationGroup.MANAGERS, TASK, ANY, READ, UPDATE, TASK_ASSIGN));
    grants.addAll(readEverything(OrganizationGroup.MANAGERS));
    // Auditors: read everything, the history included; change nothing.
    grants.add(grant(OrganizationGroup.AUDITORS, APPLICATION, "cockpit", ACCESS));
    grants.add(grant(OrganizationGroup.AUDITORS, PROCESS_DEFINITION, ANY, READ, READ_INSTANCE, READ_TASK, READ_HISTORY));
    grants.add(grant(OrganizationGroup.AUDITORS, PROCESS_INSTANCE, ANY, READ));
    grants.add(grant(OrganizationGroup.AUDITORS, TASK, ANY, READ));
    grants.addAll(readEverything(OrganizationGroup.AUDITORS));
    // Across cities, read-only: Cockpit for the schedule (the app's progress API); nothing of the engine's records.
    grants.add(grant(OrganizationGroup.OVERVIEW, APPLICATION, "cockpit", ACCESS));
    // Administrators: users, groups, authorizations, deployments, everything.
    for (Resources resource : Resources.values()) {
      grants.add(grant(OrganizationGroup.ADMINISTRATORS, resource, ANY, ALL));
    }
    return grants;
  }

  private static List<Grant> readEverything(OrganizationGroup group) {
    return List.of(
        grant(group, DECISION_DEFINITION, ANY, READ, READ_HISTORY),
        grant(group, DECISION_REQUIREMENTS_DEFINITION, ANY, READ),
        grant(group, DEPLOYMENT, ANY, READ),
        grant(group, HISTORIC_TASK, ANY, HistoricTaskPermissions.READ),
        grant(group, HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ),
        grant(group, OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ));
  }

  private static Grant grant(OrganizationGroup group, Resource resource, String resourceId, Permission... permissions) {
    return new Grant(group.id(), resource, resourceId, Arrays.asList(permissions));
  }
}
