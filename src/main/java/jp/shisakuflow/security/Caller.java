package jp.shisakuflow.security;

import java.util.List;
import java.util.Optional;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.OrganizationGroup;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who sends the current request, as Spring Security authenticated them: the user, their groups and their cities
 * (the engine's tenants they are a member of, themselves or through a group).
 */
public record Caller(String userId, List<String> groupIds, List<String> tenantIds) {

  public Caller {
    groupIds = List.copyOf(groupIds);
    tenantIds = List.copyOf(tenantIds);
  }

  /** The caller of the current request, if anyone logged in. */
  public static Optional<Caller> current() {
    org.springframework.security.core.Authentication authentication =
        SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    return Optional.of(new Caller(authentication.getName(),
        withPrefix(authentication, EngineIdentityAuthenticationProvider.GROUP_AUTHORITY_PREFIX),
        withPrefix(authentication, EngineIdentityAuthenticationProvider.TENANT_AUTHORITY_PREFIX)));
  }

  /**
   * The one city a request's work is for: {@code requested} (the {@code city} parameter) where the caller is its
   * person, else the caller's only city; an administrator (no city of their own) may name any, and without one works
   * for the seed city. Anything else is refused with what to do.
   */
  public String cityFor(String requested) {
    if (requested != null && !requested.isBlank()) {
      if (!administrator() && !tenantIds.contains(requested)) {
        throw new IllegalArgumentException("city: 市 '" + requested + "' の利用者ではありません (not a person of that"
            + " city)");
      }
      return requested;
    }
    if (tenantIds.size() == 1) {
      return tenantIds.get(0);
    }
    if (tenantIds.isEmpty() && administrator()) {
      return City.SEED.tenantId();
    }
    throw new IllegalArgumentException(tenantIds.isEmpty()
        ? "この利用者はどの市にも属していません。管理者に市（テナント）への追加を依頼してください (the user belongs to no city)"
        : "city: 複数の市 " + tenantIds + " に属しているため、どの市の作業か city で指定してください (name the city)");
  }

  /** A member of {@code camunda-admin}: the system's administrator, of every city (the engine checks no city). */
  public boolean administrator() {
    return groupIds.contains(OrganizationGroup.ADMINISTRATORS.id());
  }

  /**
   * The cities whose records a read may show: those the engine's authentication names (work in a {@link
   * jp.shisakuflow.organization.CityScope}: a request's, in its caller's cities or the one it names), else the
   * caller's; empty for every city — an administrator, or the application's own work outside any city. For reads
   * the engine's tenant check does not see (the app's own SQL).
   */
  public static Optional<List<String>> citiesInScope(org.camunda.bpm.engine.IdentityService identity) {
    // The engine's authentication first: a request's work runs in the caller's cities, or in the one it names.
    Authentication engine = identity.getCurrentAuthentication();
    if (engine != null) {
      boolean administrator = engine.getGroupIds() != null
          && engine.getGroupIds().contains(OrganizationGroup.ADMINISTRATORS.id());
      return administrator || engine.getTenantIds() == null ? Optional.empty()
          : Optional.of(List.copyOf(engine.getTenantIds()));
    }
    Optional<Caller> caller = current();
    return caller.isEmpty() || caller.get().administrator() ? Optional.empty()
        : Optional.of(caller.get().tenantIds());
  }

  /** The caller as the engine's authentication: its checks of permissions and of cities apply. */
  public Authentication engineAuthentication() {
    return new Authentication(userId, groupIds, tenantIds);
  }

  private static List<String> withPrefix(org.springframework.security.core.Authentication authentication,
      String prefix) {
    return authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(prefix))
        .map(a -> a.substring(prefix.length()))
        .toList();
  }
}
