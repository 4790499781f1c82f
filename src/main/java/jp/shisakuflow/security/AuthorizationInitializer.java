package jp.shisakuflow.security;

import jp.shisakuflow.organization.Cities;
import jp.shisakuflow.organization.City;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, in every profile: the seed city (a tenant), its departments and wards as members of it, the roles
 * every city has, and {@link AuthorizationPolicy}'s grants,
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
    int persons = 0;
    if (!identityService.isReadOnly()) {
      for (City city : City.values()) {
        if (!city.demoOnly()) {
          groups += Cities.ensure(identityService, city);
        }
      }
      persons = Cities.personsOfTheOnlyCity(identityService);
    }
    for (AuthorizationPolicy.Grant grant : AuthorizationPolicy.grants()) {
      grants += ensure(grant) ? 1 : 0;
    }
    log.info("Authorizations: {} groups and {} grants created or completed; {} users made persons of the only city",
        groups, grants, persons);
  }

  private boolean ensure(AuthorizationPolicy.Grant grant) {
    return Grants.ensure(authorizationService, grant.groupId(), grant.resource(), grant.resourceId(),
        grant.permissions());
  }
}
