package jp.shisakuflow.organization;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.DELETE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * A city's administrators: the members of the city's group {@code <city>Admins} (川崎市の管理者), a group of the
 * city. In Camunda Admin they keep the city's people and groups and nothing else: they see its persons and groups
 * only, create persons and groups (made the city's at once), change and delete its persons, and put its persons in
 * its groups and in the roles every city has (managers, auditors); they import the city's plans. Their grants
 * follow the city's memberships ({@link CityAuthorizationProvider}); what the engine's permissions cannot say (a
 * role group is every city's) is checked where the engine writes ({@link CityIdentityProvider}).
 */
public final class CityAdministrators {

  static final String GROUP_SUFFIX = "Admins";
  /** The roles a city's administrators give and take, for their city's persons only. */
  static final Set<String> ROLES_THEY_FILL = Set.of(OrganizationGroup.MANAGERS.id(), OrganizationGroup.AUDITORS.id());

  /** One grant of a city's administrators' group. */
  record CityGrant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {}

  private CityAdministrators() {}

  public static String groupId(String tenantId) {
    return tenantId + GROUP_SUFFIX;
  }

  public static String groupName(String cityName) {
    return cityName + "の管理者";
  }

  /** The cities among {@code tenantIds} whose administrators' group is among {@code groupIds}. */
  public static List<String> citiesAdministered(Collection<String> groupIds, Collection<String> tenantIds) {
    if (groupIds == null || tenantIds == null) {
      return List.of();
    }
    return tenantIds.stream().filter(tenant -> groupIds.contains(groupId(tenant))).toList();
  }

  /**
   * What the city's administrators hold from the city's creation: Admin, creating persons and groups, the roles.
   * (The city itself they read as its group, by the engine's own grant to a tenant's groups.)
   */
  static List<CityGrant> onTheCity(String tenantId) {
    String admins = groupId(tenantId);
    List<CityGrant> grants = new ArrayList<>(List.of(
        new CityGrant(admins, Resources.APPLICATION, "admin", List.of(ACCESS)),
        // Cockpit for the city's plans (計画の取込み) and schedule; the engine's records stay the managers'.
        new CityGrant(admins, Resources.APPLICATION, "cockpit", List.of(ACCESS)),
        new CityGrant(admins, Resources.USER, "*", List.of(CREATE)),
        new CityGrant(admins, Resources.GROUP, "*", List.of(CREATE))));
    for (String role : ROLES_THEY_FILL) {
      grants.add(new CityGrant(admins, Resources.GROUP, role, List.of(READ)));
      grants.add(new CityGrant(admins, Resources.GROUP_MEMBERSHIP, role, List.of(CREATE, DELETE)));
    }
    return grants;
  }

  /** On a person of the city: see, change, delete. */
  static List<CityGrant> onPerson(String tenantId, String userId) {
    return List.of(new CityGrant(groupId(tenantId), Resources.USER, userId, List.of(READ, UPDATE, DELETE)));
  }

  /** On a group of the city (a department, a ward, the administrators): see it, put its persons in and out. */
  static List<CityGrant> onGroup(String tenantId, String groupId) {
    return List.of(new CityGrant(groupId(tenantId), Resources.GROUP, groupId, List.of(READ)),
        new CityGrant(groupId(tenantId), Resources.GROUP_MEMBERSHIP, groupId, List.of(CREATE, DELETE)));
  }
}
