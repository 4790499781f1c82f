package jp.shisakuflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes every request say it came to the configured public URL ({@code shisaku.public-url}): scheme, host,
 * port, {@code isSecure}, {@code getRequestURL} and the {@code Host} header. Whatever builds an absolute
 * URL from the request (Spring Security's redirects, the REST API's links) then uses that address and
 * never one a client wrote into its {@code Host} header. Where the property is empty (development) the
 * request is left as it is. The property is resolved at the first request, so that it may refer to the
 * port the server started on ({@code ${local.server.port}}, in tests).
 */
public class PublicUrlFilter extends OncePerRequestFilter {

  static final String PROPERTY = "shisaku.public-url";

  private final Environment environment;
  private volatile PublicUrl publicUrl;

  public PublicUrlFilter(Environment environment) {
    this.environment = environment;
  }

  /** Refuses a public URL that is not {@code http(s)://host[:port]}; checks the value now where it is complete. */
  static PublicUrl parse(String value) {
    URI uri;
    try {
      uri = URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(PROPERTY + " is not a URL: " + value, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
        || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new IllegalStateException(PROPERTY + " must be http(s)://host[:port], without a path: " + value);
    }
    int defaultPort = scheme.equals("https") ? 443 : 80;
    return new PublicUrl(scheme, uri.getHost(), uri.getPort() == -1 ? defaultPort : uri.getPort(),
        uri.getPort() == -1 || uri.getPort() == defaultPort);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    PublicUrl url = publicUrl();
    chain.doFilter(url == null ? request : new PublicUrlRequest(request, url), response);
  }

  private PublicUrl publicUrl() {
    PublicUrl url = publicUrl;
    if (url == null) {
      String value = environment.getProperty(PROPERTY, "");
      if (value.isBlank()) {
        return null;
      }
      url = parse(value);
      publicUrl = url;
    }
    return url;
  }

  /** The configured address, as a request reports it. */
  record PublicUrl(String scheme, String host, int port, boolean defaultPort) {
    String origin() {
      return scheme + "://" + authority();
    }

    String authority() {
      return defaultPort ? host : host + ":" + port;
    }
  }

  static final class PublicUrlRequest extends HttpServletRequestWrapper {
    private final PublicUrl url;

    PublicUrlRequest(HttpServletRequest request, PublicUrl url) {
      super(request);
      this.url = url;
    }

    @Override
    public String getScheme() {
      return url.scheme();
    }

    @Override
    public String getServerName() {
      return url.host();
    }

    @Override
    public int getServerPort() {
      return url.port();
    }

    @Override
    public boolean isSecure() {
      return url.scheme().equals("https");
    }

    @Override
    public StringBuffer getRequestURL() {
      return new StringBuffer(url.origin()).append(getRequestURI());
    }

    @Override
    public String getHeader(String name) {
      return "host".equalsIgnoreCase(name) ? url.authority() : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return "host".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(url.authority()))
          : super.getHeaders(name);
    }
  }
}
