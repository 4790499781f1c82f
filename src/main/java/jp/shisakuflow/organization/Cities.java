package jp.shisakuflow.organization;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;

/** A city in the engine's identity service: its tenant, its departments and wards as members, the shared roles. */
public final class Cities {

  private Cities() {}

  /** Creates what is missing of {@code city}, its own groups and the roles; returns how many groups were created. */
  public static int ensure(IdentityService identity, City city) {
    boolean existed = identity.createTenantQuery().tenantId(city.tenantId()).count() > 0;
    if (!existed) {
      Tenant tenant = identity.newTenant(city.tenantId());
      tenant.setName(city.nameJa());
      identity.saveTenant(tenant);
    }
    int created = ensureAdministrators(identity, city, existed);
    for (OrganizationGroup organizationGroup : OrganizationGroup.values()) {
      if (organizationGroup.city().filter(c -> c != city).isPresent()) {
        continue;
      }
      if (identity.createGroupQuery().groupId(organizationGroup.id()).count() == 0) {
        Group group = identity.newGroup(organizationGroup.id());
        group.setName(organizationGroup.nameJa());
        group.setType(organizationGroup.engineType());
        identity.saveGroup(group);
        created++;
      }
      if (organizationGroup.city().isPresent()
          && identity.createGroupQuery().groupId(organizationGroup.id()).memberOfTenant(city.tenantId()).count() == 0) {
        identity.createTenantGroupMembership(city.tenantId(), organizationGroup.id());
      }
    }
    return created;
  }

  /**
   * The city's administrators' group, a group of the city ({@link CityAdministrators}). A city that existed before
   * it had one gets its administrators' grants on what it holds now; a new city's follow its memberships.
   */
  private static int ensureAdministrators(IdentityService identity, City city, boolean cityExisted) {
    String groupId = CityAdministrators.groupId(city.tenantId());
    if (identity.createGroupQuery().groupId(groupId).count() > 0) {
      return 0;
    }
    Group group = identity.newGroup(groupId);
    group.setName(CityAdministrators.groupName(city.nameJa()));
    group.setType(OrganizationGroup.ADMINISTRATORS.engineType());
    identity.saveGroup(group);
    identity.createTenantGroupMembership(city.tenantId(), groupId);
    if (cityExisted) {
      ((org.camunda.bpm.engine.impl.ServiceImpl) identity).getCommandExecutor().execute(context -> {
        if (context.getProcessEngineConfiguration().getResourceAuthorizationProvider()
            instanceof CityAuthorizationProvider cities) {
          cities.grantTheCityAsItIs(city.tenantId());
        }
        return null;
      });
    }
    return 1;
  }

  /**
   * With one city, everyone is its person: a user of no city (a manager or an auditor created before cities were
   * tenants, or in Admin since) is made a member of it. With more, nobody is guessed into a city: a person of no
   * city sees no city's records until an administrator adds them to theirs. Returns how many were added.
   */
  public static int personsOfTheOnlyCity(IdentityService identity) {
    List<Tenant> tenants = identity.createTenantQuery().list();
    if (tenants.size() != 1) {
      return 0;
    }
    String city = tenants.get(0).getId();
    // The city's persons, themselves members or through one of its groups: a few statements, not one per user.
    java.util.Set<String> persons = new java.util.HashSet<>();
    identity.createUserQuery().memberOfTenant(city).list().forEach(user -> persons.add(user.getId()));
    for (Group group : identity.createGroupQuery().memberOfTenant(city).list()) {
      identity.createUserQuery().memberOfGroup(group.getId()).list().forEach(user -> persons.add(user.getId()));
    }
    int added = 0;
    for (org.camunda.bpm.engine.identity.User user : identity.createUserQuery().list()) {
      if (!persons.contains(user.getId())) {
        identity.createTenantUserMembership(city, user.getId());
        added++;
      }
    }
    return added;
  }

  /** The cities {@code userId} is a person of: the tenants they are a member of, themselves or through a group. */
  public static List<String> of(IdentityService identity, String userId) {
    return of(identity, userId, identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
        .toList());
  }

  /**
   * As {@link #of(IdentityService, String)}, for a person whose groups are known (a login). Asked as the person's own
   * memberships and each group's, each by its index: the engine's query of both at once ({@code
   * includingGroupsOfUser}) reads every city's memberships on PostgreSQL, 2 ms at 1,700 cities (BENCHMARKS.md).
   */
  public static List<String> of(IdentityService identity, String userId, List<String> groupIds) {
    java.util.SortedSet<String> cities = new java.util.TreeSet<>();
    identity.createTenantQuery().userMember(userId).list().forEach(tenant -> cities.add(tenant.getId()));
    for (String groupId : groupIds) {
      identity.createTenantQuery().groupMember(groupId).list().forEach(tenant -> cities.add(tenant.getId()));
    }
    return List.copyOf(cities);
  }

  /** The one city the engine's current authentication names, if it names exactly one (work for that city). */
  public static java.util.Optional<String> authenticatedCity(IdentityService identity) {
    var authentication = identity.getCurrentAuthentication();
    List<String> cities = authentication == null ? null : authentication.getTenantIds();
    return cities == null || cities.size() != 1 ? java.util.Optional.empty() : java.util.Optional.of(cities.get(0));
  }

  /** Makes {@code userId} a person of {@code city} (a role's member works for one city only). */
  public static void addPerson(IdentityService identity, City city, String userId) {
    if (identity.createTenantQuery().userMember(userId).tenantId(city.tenantId()).count() == 0) {
      identity.createTenantUserMembership(city.tenantId(), userId);
    }
  }

  /** The groups a city's plan may name: its departments and wards (the engine's members of its tenant), the roles. */
  public static List<String> groupsOf(IdentityService identity, String tenantId) {
    return java.util.stream.Stream.concat(
        java.util.Arrays.stream(OrganizationGroup.values())
            .filter(g -> g.city().map(c -> c.tenantId().equals(tenantId)).orElse(true)).map(OrganizationGroup::id),
        identity.createGroupQuery().memberOfTenant(tenantId).list().stream().map(Group::getId))
        .filter(id -> !id.equals(CityAdministrators.groupId(tenantId))).distinct().toList();
  }
}
