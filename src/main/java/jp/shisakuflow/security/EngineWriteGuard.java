package jp.shisakuflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shisakuflow.security.EngineWriteRules.EngineRequest;
import jp.shisakuflow.security.EngineWriteRules.Refusal;
import jp.shisakuflow.web.ErrorResponses;
import jp.shisakuflow.web.ProblemType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the engine's REST API, every door of it ({@code /engine-rest}, {@code /engine-rest/engine/{name}}
 * and the webapps' {@code /camunda/api/engine/engine/{name}}): hands each request with its caller to
 * {@link EngineWriteRules} and answers a refusal itself, as JSON like the engine's own errors. Runs after
 * {@link RequestGuardFilter}, which has already bounded the body.
 */
public class EngineWriteGuard extends OncePerRequestFilter {

  /** The engine's REST root: the default engine, or one named (both under /engine-rest, the webapps' always named). */
  static final Pattern ENGINE_ROOT = Pattern.compile("(?:" + SecurityConfiguration.ENGINE_REST + "(?:/engine/[^/]+)?|"
      + SecurityConfiguration.WEBAPPS + "/api/engine/engine/[^/]+)(/.*?)/?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineWriteRules rules;
  private final ErrorResponses errors;

  public EngineWriteGuard(EngineWriteRules rules, ErrorResponses errors) {
    this.rules = rules;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher engine = ENGINE_ROOT.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    Optional<Caller> caller = Caller.current();
    if (!engine.matches() || caller.isEmpty()) {
      chain.doFilter(request, response); // not the engine's API, or nobody logged in (Spring Security answers)
      return;
    }
    byte[] body = null;
    HttpServletRequest forward = request;
    if (hasJsonBody(request)) {
      Optional<byte[]> read = RequestGuardFilter.CachedBodyRequest.of(request);
      body = read.isPresent() ? read.get() : request.getInputStream().readAllBytes();
      forward = read.isPresent() ? request : new RequestGuardFilter.CachedBodyRequest(request, body);
    }
    Optional<Refusal> refusal = rules.check(new EngineRequest(request.getMethod().toUpperCase(Locale.ROOT),
        engine.group(1), request.getParameterMap(), json(body)), caller.get());
    if (refusal.isPresent()) {
      Refusal refused = refusal.get();
      errors.write(request, response, refused.status(), ProblemType.forStatus(refused.status()), refused.type(),
          refused.message(), refused.problems());
      return;
    }
    chain.doFilter(forward, response);
  }

  private static boolean hasJsonBody(HttpServletRequest request) {
    return request.getContentType() != null && request.getContentType().toLowerCase(Locale.ROOT).contains("json")
        && !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
  }

  private static JsonNode json(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException unreadable) {
      return null; // the engine answers a body it cannot read
    }
  }
}
