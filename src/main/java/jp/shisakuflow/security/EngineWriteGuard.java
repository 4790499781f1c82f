package jp.shisakuflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shisakuflow.security.EngineWriteRules.EngineRequest;
import jp.shisakuflow.security.EngineWriteRules.Refusal;
import jp.shisakuflow.web.ErrorResponses;
import jp.shisakuflow.web.ProblemType;
import org.camunda.bpm.engine.AuthorizationException;
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
  private static final Pattern TASK = Pattern.compile("/task/[^/]+");
  private static final String FORM_REF = "camundaFormRef";

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
    JsonNode json = json(body);
    EngineRequest engineRequest = new EngineRequest(request.getMethod().toUpperCase(Locale.ROOT), engine.group(1),
        request.getParameterMap(), json);
    Optional<Refusal> refusal = rules.check(engineRequest, caller.get());
    if (refusal.isPresent()) {
      Refusal refused = refusal.get();
      errors.write(request, response, refused.status(), ProblemType.forStatus(refused.status()), refused.type(),
          refused.message(), refused.problems());
      return;
    }
    Optional<String> release = rules.ownClaimToRelease(engineRequest, caller.get());
    boolean webapps = request.getRequestURI().startsWith(request.getContextPath() + SecurityConfiguration.WEBAPPS + "/");
    if (release.isPresent() && (!webapps || SecurityConfiguration.carriesCamundaCsrfToken(request))) {
      // The engine's unclaim asks for the permission to assign; releasing one's own claim is done here as a claim
      // for nobody, which asks only that the caller may work the task. The webapps' door is answered only with
      // Camunda's CSRF token (without it the request goes on, and Camunda's filter refuses it); the REST API's
      // session callers have passed Spring's CSRF check before this filter.
      try {
        rules.releaseOwnClaim(release.get(), caller.get());
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      } catch (AuthorizationException refused) {
        errors.write(request, response, 403, ProblemType.forStatus(403), "AuthorizationException",
            "タスク " + release.get() + " を担当できないため、担当を解除できません (the task's claim cannot be released by"
                + " someone who may not work it)", List.of());
      }
      return;
    }
    if (json != null && json.isObject() && json.has(FORM_REF) && "PUT".equals(engineRequest.method())
        && TASK.matcher(engine.group(1)).matches()) {
      // the engine's REST API answers its own task (GET /task/{id}) with camundaFormRef, and cannot read it back
      // (Jackson cannot construct the interface CamundaFormRef): Tasklist sends the task back as it got it to
      // change its due date. The form reference is not a property an update changes anyway.
      ((ObjectNode) json).remove(FORM_REF);
      forward = new RequestGuardFilter.CachedBodyRequest(request, JSON.writeValueAsBytes(json));
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
