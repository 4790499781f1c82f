package jp.shisakuflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;

/**
 * The engine REST API's caller as Spring Security authenticated them, with the groups and cities read at login
 * ({@link EngineIdentityAuthenticationProvider}): Camunda's container-based provider names the user only, and its
 * filter then reads their groups and cities again on every request.
 */
public class SpringEngineRestAuthentication implements AuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    return Caller.current().map(caller -> {
      AuthenticationResult result = AuthenticationResult.successful(caller.userId());
      result.setGroups(caller.groupIds());
      result.setTenants(caller.tenantIds());
      return result;
    }).orElseGet(AuthenticationResult::unsuccessful);
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    // Spring Security answers unauthenticated requests before they reach the engine's filter.
  }
}
