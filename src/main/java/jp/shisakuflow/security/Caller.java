package jp.shisakuflow.security;

import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who sends the current request, as Spring Security authenticated them: the user and their groups. */
public record Caller(String userId, List<String> groupIds) {

  /** The caller of the current request, if anyone logged in. */
  public static Optional<Caller> current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    List<String> groups = authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(EngineIdentityAuthenticationProvider.GROUP_AUTHORITY_PREFIX))
        .map(a -> a.substring(EngineIdentityAuthenticationProvider.GROUP_AUTHORITY_PREFIX.length()))
        .toList();
    return Optional.of(new Caller(authentication.getName(), groups));
  }
}
