package jp.shisakuflow.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import jp.shisakuflow.web.ErrorResponses;
import jp.shisakuflow.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Outermost: whatever fails because the database is gone answers 503 with a message and Retry-After, as
 * JSON to programs and as a page to browsers. The webapps' own API ({@code /camunda/api/}) turns every
 * engine error into a 500 of its own before it gets here; such a 500 while the database cannot be
 * reached is the same outage and answers 503 too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

  static final String WEBAPP_API = "/camunda/api/";
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);
  private static final String PAGE = """
      <!DOCTYPE html>
      <html lang="ja"><head><meta charset="utf-8"><title>一時的に利用できません | 施策フロー</title>
      <link rel="stylesheet" href="/login.css"></head>
      <body><main class="login"><h1>施策フロー</h1>
      <p class="error" role="alert">%s</p>
      <p><a href="javascript:location.reload()">再読み込み (reload)</a></p>
      </main></body></html>
      """;

  private final ObjectProvider<DataSource> dataSource;
  private final ErrorResponses errors;

  public DatabaseUnavailableFilter(ObjectProvider<DataSource> dataSource, ErrorResponses errors) {
    this.dataSource = dataSource;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean webappApi = request.getRequestURI().startsWith(WEBAPP_API);
    ContentCachingResponseWrapper cached = webappApi ? new ContentCachingResponseWrapper(response) : null;
    HttpServletResponse target = webappApi ? cached : response;
    try {
      chain.doFilter(request, target);
      if (webappApi && cached.getStatus() == HttpServletResponse.SC_INTERNAL_SERVER_ERROR && !databaseReachable()) {
        LOG.warn("Database unavailable for {} {}: the webapp answered 500", request.getMethod(), request.getRequestURI());
        write(request, target);
      }
    } catch (IOException | ServletException | RuntimeException e) {
      if (!DatabaseUnavailable.isCause(e) || target.isCommitted()) {
        throw e;
      }
      LOG.warn("Database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
      write(request, target);
    } finally {
      if (webappApi) {
        cached.copyBodyToResponse();
      }
    }
  }

  private boolean databaseReachable() {
    try (Connection connection = dataSource.getObject().getConnection()) {
      return connection.isValid(2);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.resetBuffer();
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
    if (wantsPage(request)) {
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.setContentType(MediaType.TEXT_HTML_VALUE);
      response.getWriter().write(PAGE.formatted(DatabaseUnavailable.MESSAGE));
    } else {
      errors.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, ProblemType.DATABASE_UNAVAILABLE,
          DatabaseUnavailable.class.getSimpleName(), DatabaseUnavailable.MESSAGE, List.of());
    }
    response.flushBuffer();
  }

  /** A browser navigating (a page or the login form), not a script asking for data. */
  private static boolean wantsPage(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE) && !request.getRequestURI().startsWith(WEBAPP_API);
  }
}
