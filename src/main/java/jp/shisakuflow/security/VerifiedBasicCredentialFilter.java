package jp.shisakuflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks an HTTP Basic credential before CSRF protection, so that only a credential proved on this very
 * request lets a session's request go without the CSRF token. (Spring's Basic filter runs after the CSRF
 * filter, and does not check the password again when the session already holds a user of that name.)
 * A wrong credential is answered with 401 whether there is a session or not; a right one becomes the
 * request's authentication (not stored in the session), which Spring's Basic filter then accepts as is.
 */
final class VerifiedBasicCredentialFilter extends OncePerRequestFilter {

  private static final String VERIFIED = VerifiedBasicCredentialFilter.class.getName() + ".VERIFIED";

  private final AuthenticationProvider provider;
  private final AuthenticationEntryPoint unauthorized;
  private final BasicAuthenticationConverter converter = new BasicAuthenticationConverter();
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

  VerifiedBasicCredentialFilter(AuthenticationProvider provider, AuthenticationEntryPoint unauthorized) {
    this.provider = provider;
    this.unauthorized = unauthorized;
  }

  /** Whether this request carried a Basic credential that was checked and found right. */
  static boolean isVerified(HttpServletRequest request) {
    return Boolean.TRUE.equals(request.getAttribute(VERIFIED));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      UsernamePasswordAuthenticationToken credential = converter.convert(request);
      if (credential != null) {
        Authentication authenticated = provider.authenticate(credential);
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authenticated);
        contexts.setContext(context);
        request.setAttribute(VERIFIED, Boolean.TRUE);
      }
    } catch (AuthenticationException e) {
      contexts.clearContext();
      unauthorized.commence(request, response, e);
      return;
    }
    chain.doFilter(request, response);
  }
}
