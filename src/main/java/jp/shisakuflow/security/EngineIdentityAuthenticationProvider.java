package jp.shisakuflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import jp.shisakuflow.operations.DatabaseUnavailable;
import jp.shisakuflow.organization.Cities;
import jp.shisakuflow.organization.CityAdministrators;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks user name and password against the engine's identity service; the user's groups and cities (tenants)
 * become authorities.
 * Every failure gets the same answer ({@link LoginLock#failureMessage()}); a lock that has run its time is
 * lifted first ({@link LoginLock}).
 */
@Component
public class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

  public static final String GROUP_AUTHORITY_PREFIX = "GROUP_";
  /** A city (the engine's tenant) the user is a member of, themselves or through a group. */
  public static final String TENANT_AUTHORITY_PREFIX = "TENANT_";
  /** An administrator of one of their cities ({@link CityAdministrators}). */
  public static final String CITY_ADMINISTRATOR = "CITY_ADMINISTRATOR";

  private final IdentityService identityService;
  private final LoginLock loginLock;

  public EngineIdentityAuthenticationProvider(IdentityService identityService, LoginLock loginLock) {
    this.identityService = identityService;
    this.loginLock = loginLock;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || userId.isBlank() || !(credentials instanceof String password)) {
      throw new LoginFailedException(loginLock.failureMessage());
    }
    if (!passwordMatches(userId, password)) {
      // Locked, wrong password or no such user: one answer for all.
      throw new LoginFailedException(loginLock.failureMessage());
    }
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
        .toList();
    List<String> cities = Cities.of(identityService, userId, groups);
    List<SimpleGrantedAuthority> authorities = new java.util.ArrayList<>();
    groups.forEach(id -> authorities.add(new SimpleGrantedAuthority(GROUP_AUTHORITY_PREFIX + id)));
    cities.forEach(id -> authorities.add(new SimpleGrantedAuthority(TENANT_AUTHORITY_PREFIX + id)));
    if (!CityAdministrators.citiesAdministered(groups, cities).isEmpty()) {
      authorities.add(new SimpleGrantedAuthority(CITY_ADMINISTRATOR));
    }
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
  }

  /** A directory that refuses the bind answers with an exception: that, too, is a wrong password. */
  private boolean passwordMatches(String userId, String password) {
    try {
      loginLock.releaseIfExpired(userId);
      return identityService.checkPassword(userId, password);
    } catch (ProcessEngineException e) {
      if (DatabaseUnavailable.isCause(e)) {
        throw new DatabaseUnavailable(e);
      }
      return false;
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
