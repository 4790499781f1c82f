package jp.shisakuflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.camunda.bpm.webapp.impl.security.filter.headersec.provider.impl.ContentSecurityPolicyProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each webapp request its own Content-Security-Policy nonce. Camunda 7.24's header filter makes a
 * fresh nonce for every request under {@code /camunda/app/*} and {@code /camunda/api/*}, writes it into the
 * CSP header, and hands it to the filter that writes the webapp's index.html ({@code $CSP_NONCE} on its
 * scripts) through an attribute of the <em>servlet context</em> ({@code org.camunda.bpm.csp.nonce}), which
 * every request shares. A request served in between (an API call or script of another tab or user, or of the
 * page the browser was leaving) overwrites it, and the page then carries a nonce its header does not allow:
 * the browser refuses {@code runtime.js} and {@code deps.js}, and the webapp stays blank on its spinner.
 * Here the request's servlet context keeps that one attribute in the request instead; all else is the real
 * servlet context.
 */
public class WebappNonceFilter extends OncePerRequestFilter {

  static final String NONCE = ContentSecurityPolicyProvider.ATTR_CSP_FILTER_NONCE;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new OwnNonceRequest(request), response);
  }

  private static final class OwnNonceRequest extends HttpServletRequestWrapper {
    private final ServletContext context;

    OwnNonceRequest(HttpServletRequest request) {
      super(request);
      this.context = requestScoped(request.getServletContext(), request);
    }

    @Override
    public ServletContext getServletContext() {
      return context;
    }
  }

  /** The servlet context, but its nonce attribute is the request's. */
  static ServletContext requestScoped(ServletContext shared, HttpServletRequest request) {
    return (ServletContext) Proxy.newProxyInstance(WebappNonceFilter.class.getClassLoader(),
        new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
          if (args != null && args.length > 0 && NONCE.equals(args[0])) {
            switch (method.getName()) {
              case "getAttribute":
                return request.getAttribute(NONCE);
              case "setAttribute":
                request.setAttribute(NONCE, args[1]);
                return null;
              case "removeAttribute":
                request.removeAttribute(NONCE);
                return null;
              default:
                break;
            }
          }
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> "request-scoped nonce of " + shared;
            };
          }
          try {
            return method.invoke(shared, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
