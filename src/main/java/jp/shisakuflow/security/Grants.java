package jp.shisakuflow.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.ServiceImpl;

/** A group's grant on one resource, created or completed so that it holds the permissions. */
public final class Grants {

  private Grants() {}

  /**
   * A grant that follows from a resource just created (an initiative's instance for its owner group): none
   * can exist yet, so no lookup first; and no user operation log entries, six per grant, for what is no
   * one's decision but a consequence of the logged start.
   */
  public static void grantNew(AuthorizationService authorizations, String groupId, Resource resource,
      String resourceId, Iterable<Permission> permissions) {
    Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    permissions.forEach(authorization::addPermission);
    ((ServiceImpl) authorizations).getCommandExecutor().execute(context -> {
      context.executeWithOperationLogPrevented(quiet -> authorizations.saveAuthorization(authorization));
      return null;
    });
  }

  /** @return whether anything had to be created or added */
  public static boolean ensure(AuthorizationService authorizations, String groupId, Resource resource,
      String resourceId, Iterable<Permission> permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
    Authorization authorization = existing != null ? existing
        : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    boolean changed = existing == null;
    if (existing == null) {
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
    return changed;
  }
}
