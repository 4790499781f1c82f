package jp.shisakuflow.organization;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The engine's identity store, with what its permissions cannot say about a city's administrators
 * ({@link CityAdministrators}), checked where every door's write arrives (Admin, {@code /engine-rest}, Java):
 * <ul>
 * <li>a person or group they create is their city's at once (they could not see it otherwise);
 * <li>they change or delete only persons of their city alone (a person of several cities, and a system
 * administrator, are the system administrators' to change);
 * <li>they put in or take out of a group only persons of their city, and only of their city's groups and of the
 * roles every city has (a role's grant names the role, not the city).
 * </ul>
 * Grants that followed a membership go with it. Everyone else (the system administrators, the app's own work)
 * meets the engine's checks alone.
 */
public class CityIdentityProvider extends DbIdentityServiceProvider {

  @Override
  public IdentityOperationResult saveUser(User user) {
    boolean created = ((UserEntity) user).getRevision() == 0;
    List<String> administered = administeredByCaller();
    if (!created && !administered.isEmpty()) {
      requirePersonOf(administered, user.getId());
    }
    String city = created && !administered.isEmpty() ? theOneCity(administered) : null;
    IdentityOperationResult result = super.saveUser(user);
    if (city != null) {
      withoutAuthorizationDo(() -> createTenantUserMembership(city, user.getId()));
    }
    return result;
  }

  @Override
  public IdentityOperationResult deleteUser(String userId) {
    List<String> administered = administeredByCaller();
    if (!administered.isEmpty()) {
      requirePersonOf(administered, userId);
    }
    return super.deleteUser(userId);
  }

  @Override
  public IdentityOperationResult saveGroup(Group group) {
    boolean created = ((GroupEntity) group).getRevision() == 0;
    List<String> administered = administeredByCaller();
    if (created && !administered.isEmpty() && group.getId() != null
        && group.getId().endsWith(CityAdministrators.GROUP_SUFFIX)) {
      // A city's administrators' group is named by its city, and its grants follow the name: not one to create.
      throw new AuthorizationException("グループ名 " + group.getId() + " は市の管理者のグループのために予約されています "
          + "(group ids ending in " + CityAdministrators.GROUP_SUFFIX + " are the cities' administrators' groups)");
    }
    String city = created && !administered.isEmpty() ? theOneCity(administered) : null;
    IdentityOperationResult result = super.saveGroup(group);
    if (city != null) {
      withoutAuthorizationDo(() -> createTenantGroupMembership(city, group.getId()));
    }
    return result;
  }

  @Override
  public IdentityOperationResult createMembership(String userId, String groupId) {
    requireMayFill(userId, groupId);
    return super.createMembership(userId, groupId);
  }

  @Override
  public IdentityOperationResult deleteMembership(String userId, String groupId) {
    requireMayFill(userId, groupId);
    Set<String> citiesOfGroup = withoutAuthorization(() -> createTenantQuery().groupMember(groupId).list().stream()
        .map(Tenant::getId).collect(Collectors.toSet()));
    IdentityOperationResult result = super.deleteMembership(userId, groupId);
    citiesOfGroup.forEach(city -> revokeUnlessStillPerson(userId, city, false, groupId));
    return result;
  }

  @Override
  public IdentityOperationResult deleteTenantUserMembership(String tenantId, String userId) {
    IdentityOperationResult result = super.deleteTenantUserMembership(tenantId, userId);
    revokeUnlessStillPerson(userId, tenantId, true, null);
    return result;
  }

  @Override
  public IdentityOperationResult deleteTenantGroupMembership(String tenantId, String groupId) {
    List<String> members = withoutAuthorization(() -> createUserQuery().memberOfGroup(groupId).list().stream()
        .map(User::getId).toList());
    IdentityOperationResult result = super.deleteTenantGroupMembership(tenantId, groupId);
    revoke(CityAdministrators.groupId(tenantId), Resources.GROUP, groupId);
    revoke(CityAdministrators.groupId(tenantId), Resources.GROUP_MEMBERSHIP, groupId);
    members.forEach(member -> revokeUnlessStillPerson(member, tenantId, false, groupId));
    return result;
  }

  /** The cities the caller administers; none for the system administrators and work outside any person's. */
  private static List<String> administeredByCaller() {
    CommandContext context = Context.getCommandContext();
    Authentication caller = context.getAuthentication();
    if (caller == null || !context.isAuthorizationCheckEnabled() || caller.getGroupIds() == null
        || caller.getGroupIds().contains(OrganizationGroup.ADMINISTRATORS.id())) {
      return List.of();
    }
    List<String> tenants = caller.getTenantIds() != null && !caller.getTenantIds().isEmpty() ? caller.getTenantIds()
        : context.runWithoutAuthorization(() -> context.getReadOnlyIdentityProvider().createTenantQuery()
            .userMember(caller.getUserId()).includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList());
    return CityAdministrators.citiesAdministered(caller.getGroupIds(), tenants);
  }

  private static String theOneCity(List<String> administered) {
    if (administered.size() != 1) {
      throw new AuthorizationException("複数の市の管理者は、人とグループを作成できません。システム管理者に依頼してください "
          + "(an administrator of several cities cannot tell whose city a new person or group is: ask a system "
          + "administrator)");
    }
    return administered.get(0);
  }

  private void requirePersonOf(List<String> administered, String userId) {
    boolean systemAdministrator = withoutAuthorization(() -> createUserQuery().userId(userId)
        .memberOfGroup(OrganizationGroup.ADMINISTRATORS.id()).count() > 0);
    if (systemAdministrator) {
      throw new AuthorizationException("利用者 " + userId + " はシステム管理者です。市の管理者は変更できません "
          + "(user " + userId + " is a system administrator: no city's administrator changes them)");
    }
    Set<String> cities = citiesOfPerson(userId);
    if (cities.isEmpty() || !administered.containsAll(cities)) {
      throw new AuthorizationException("利用者 " + userId + " は、あなたが管理する市だけの人ではありません "
          + "(user " + userId + " is not a person of your city alone: a city's administrator changes only its own "
          + "persons)");
    }
  }

  private void requireMayFill(String userId, String groupId) {
    List<String> administered = administeredByCaller();
    if (administered.isEmpty()) {
      return;
    }
    requirePersonOf(administered, userId);
    if (CityAdministrators.ROLES_THEY_FILL.contains(groupId)) {
      return;
    }
    Set<String> groupCities = withoutAuthorization(() -> createTenantQuery().groupMember(groupId).list().stream()
        .map(Tenant::getId).collect(Collectors.toSet()));
    if (groupCities.isEmpty() || !administered.containsAll(groupCities)) {
      throw new AuthorizationException("グループ " + groupId + " は、あなたが管理する市のグループでも、各市の役割でもありません "
          + "(group " + groupId + " is neither a group of your city nor a role every city has)");
    }
  }

  private Set<String> citiesOfPerson(String userId) {
    return withoutAuthorization(() -> createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).collect(Collectors.toSet()));
  }

  /**
   * The city administrators' grant on {@code userId} goes when the person is no longer the city's: neither a
   * member themselves (unless that membership is the one leaving) nor through another group of the city. (Asked
   * of what the command has not yet written: the leaving membership is still in the tables.)
   */
  private void revokeUnlessStillPerson(String userId, String city, boolean directLeaving, String groupLeaving) {
    boolean still = withoutAuthorization(() -> (!directLeaving
        && createTenantQuery().userMember(userId).tenantId(city).count() > 0)
        || createGroupQuery().groupMember(userId).memberOfTenant(city).list().stream()
            .anyMatch(group -> !group.getId().equals(groupLeaving)));
    if (!still) {
      revoke(CityAdministrators.groupId(city), Resources.USER, userId);
    }
  }

  private void revoke(String groupId, Resources resource, String resourceId) {
    CommandContext context = Context.getCommandContext();
    AuthorizationEntity grant = context.getAuthorizationManager()
        .findAuthorizationByGroupIdAndResourceId(Authorization.AUTH_TYPE_GRANT, groupId, resource, resourceId);
    if (grant != null) {
      withoutAuthorizationDo(() -> context.getAuthorizationManager().delete(grant));
    }
  }

  private static void withoutAuthorizationDo(Runnable write) {
    Context.getCommandContext().runWithoutAuthorization((java.util.concurrent.Callable<Void>) () -> {
      write.run();
      return null;
    });
  }

  private static <T> T withoutAuthorization(java.util.concurrent.Callable<T> read) {
    return Context.getCommandContext().runWithoutAuthorization(read);
  }
}
