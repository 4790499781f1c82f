package jp.shisakuflow.security;

import jp.shisakuflow.organization.OrganizationGroup;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, in every profile: the organisation's groups and {@link AuthorizationPolicy}'s grants,
 * each created when missing and completed when it lacks a permission. Runs before anything else that
 * starts work.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AuthorizationInitializer implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AuthorizationInitializer.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;

  public AuthorizationInitializer(IdentityService identityService, AuthorizationService authorizationService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
  }

  @Override
  public void run(ApplicationArguments args) {
    apply();
  }

  public void apply() {
    int groups = 0;
    int grants = 0;
    for (OrganizationGroup organizationGroup : OrganizationGroup.values()) {
      if (identityService.isReadOnly()
          || identityService.createGroupQuery().groupId(organizationGroup.id()).count() > 0) {
        continue;
      }
      Group group = identityService.newGroup(organizationGroup.id());
      group.setName(organizationGroup.nameJa());
      group.setType(organizationGroup.engineType());
      identityService.saveGroup(group);
      groups++;
    }
    for (AuthorizationPolicy.Grant grant : AuthorizationPolicy.grants()) {
      grants += ensure(grant) ? 1 : 0;
    }
    log.info("Authorizations: {} groups and {} grants created or completed", groups, grants);
  }

  private boolean ensure(AuthorizationPolicy.Grant grant) {
    return Grants.ensure(authorizationService, grant.groupId(), grant.resource(), grant.resourceId(),
        grant.permissions());
  }
}
