package jp.shisakuflow.organization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * The engine's default grants, and a city's administrators' ({@link CityAdministrators}): on the city when it is
 * created, on each person when they become the city's (themselves or through one of its groups), on each group
 * when it becomes the city's. Their removal follows the memberships' ({@link CityIdentityProvider}).
 */
public class CityAuthorizationProvider extends DefaultAuthorizationProvider {

  @Override
  public AuthorizationEntity[] newTenant(Tenant tenant) {
    return and(super.newTenant(tenant), CityAdministrators.onTheCity(tenant.getId()));
  }

  @Override
  public AuthorizationEntity[] tenantMembershipCreated(Tenant tenant, User user) {
    return and(super.tenantMembershipCreated(tenant, user), CityAdministrators.onPerson(tenant.getId(), user.getId()));
  }

  @Override
  public AuthorizationEntity[] tenantMembershipCreated(Tenant tenant, Group group) {
    List<CityAdministrators.CityGrant> grants = new ArrayList<>(CityAdministrators.onGroup(tenant.getId(),
        group.getId()));
    for (String member : withoutAuthorization(identity -> identity.createUserQuery().memberOfGroup(group.getId())
        .list().stream().map(User::getId).toList())) {
      grants.addAll(CityAdministrators.onPerson(tenant.getId(), member));
    }
    return and(super.tenantMembershipCreated(tenant, group), grants);
  }

  @Override
  public AuthorizationEntity[] groupMembershipCreated(String groupId, String userId) {
    List<CityAdministrators.CityGrant> grants = new ArrayList<>();
    for (String city : withoutAuthorization(identity -> identity.createTenantQuery().groupMember(groupId).list()
        .stream().map(Tenant::getId).toList())) {
      grants.addAll(CityAdministrators.onPerson(city, userId));
    }
    return and(super.groupMembershipCreated(groupId, userId), grants);
  }

  /**
   * A city as it is (its tenant, groups and persons), granted to its administrators: for a city created before
   * cities had administrators. Runs in a command.
   */
  public void grantTheCityAsItIs(String tenantId) {
    List<CityAdministrators.CityGrant> grants = new ArrayList<>(CityAdministrators.onTheCity(tenantId));
    withoutAuthorization(identity -> {
      identity.createUserQuery().memberOfTenant(tenantId).list()
          .forEach(user -> grants.addAll(CityAdministrators.onPerson(tenantId, user.getId())));
      for (Group group : identity.createGroupQuery().memberOfTenant(tenantId).list()) {
        grants.addAll(CityAdministrators.onGroup(tenantId, group.getId()));
        identity.createUserQuery().memberOfGroup(group.getId()).list()
            .forEach(user -> grants.addAll(CityAdministrators.onPerson(tenantId, user.getId())));
      }
      return null;
    });
    CommandContext context = Context.getCommandContext();
    context.runWithoutAuthorization((java.util.concurrent.Callable<Void>) () -> {
      for (AuthorizationEntity grant : entities(grants)) {
        if (grant.getId() == null) {
          context.getAuthorizationManager().insert(grant);
        } else {
          context.getAuthorizationManager().update(grant);
        }
      }
      return null;
    });
  }

  private AuthorizationEntity[] and(AuthorizationEntity[] engines, List<CityAdministrators.CityGrant> grants) {
    List<AuthorizationEntity> all = new ArrayList<>(engines == null ? List.of() : Arrays.asList(engines));
    all.addAll(entities(grants));
    return all.toArray(AuthorizationEntity[]::new);
  }

  /** One entity per group and resource: the existing grant completed, or a new one. */
  private List<AuthorizationEntity> entities(List<CityAdministrators.CityGrant> grants) {
    Map<String, AuthorizationEntity> byKey = new LinkedHashMap<>();
    for (CityAdministrators.CityGrant grant : grants) {
      AuthorizationEntity entity = byKey.computeIfAbsent(
          grant.groupId() + '\u0000' + grant.resource().resourceType() + '\u0000' + grant.resourceId(), key -> {
            AuthorizationEntity existing = getGrantAuthorizationByGroupId(grant.groupId(), grant.resource(),
                grant.resourceId());
            return existing != null ? existing
                : createGrantAuthorization(null, grant.groupId(), grant.resource(), grant.resourceId());
          });
      grant.permissions().forEach(entity::addPermission);
    }
    return new ArrayList<>(byKey.values());
  }

  private static <T> T withoutAuthorization(java.util.function.Function<ReadOnlyIdentityProvider, T> read) {
    CommandContext context = Context.getCommandContext();
    return context.runWithoutAuthorization(() -> read.apply(context.getReadOnlyIdentityProvider()));
  }
}
