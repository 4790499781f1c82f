package jp.shisakuflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shisakuflow.web.ErrorResponses;
import jp.shisakuflow.web.ProblemType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the engine's REST API (ours and the webapps'): refuses what Camunda 7.24 no longer
 * defends against. No request may carry an expression for the engine to evaluate — a query parameter
 * or a JSON field named {@code …Expression} (at any depth, so nested {@code orQueries} too) or an
 * {@code expressions} map, or, in a filter, any value with {@code ${} or {@code #{}. The app's own
 * filters are created through the Java API and are not affected. Oversized bodies are refused with 413
 * however they are sent: with a Content-Length or chunked, JSON, YAML or multipart. The body is read
 * here (up to the limit and one byte more) and handed on from memory, so the engine's Jersey and Spring
 * MVC read the very bytes that were counted. Two kinds of body Tomcat parses itself are left to its own
 * limits: forms ({@code server.tomcat.max-http-form-post-size}) and Spring MVC's multipart parts
 * ({@code spring.servlet.multipart.*}).
 */
public class RequestGuardFilter extends OncePerRequestFilter {

  static final String EXPRESSION_SUFFIX = "expression";
  static final String EXPRESSIONS_FIELD = "expressions";
  /** Set by Tomcat when it could not parse a form body, with its reason. */
  private static final String PARAMETER_PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String REFUSED = "RequestRefused";

  private final long maxBodyBytes;
  private final ErrorResponses errors;

  public RequestGuardFilter(long maxBodyBytes, ErrorResponses errors) {
    this.maxBodyBytes = maxBodyBytes;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBodyBytes) {
      refuseTooLarge(request, response);
      return;
    }
    // Parses a form body too (Tomcat, within its own limit).
    for (String parameter : request.getParameterMap().keySet()) {
      if (isExpressionName(parameter)) {
        refuseExpression(request, response, expressionMessage(parameter));
        return;
      }
    }
    if ("POST_TOO_LARGE".equals(String.valueOf(request.getAttribute(PARAMETER_PARSE_FAILED_REASON)))) {
      refuseTooLarge(request, response);
      return;
    }
    if (!hasBodyToRead(request)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    if (body.length > maxBodyBytes) {
      refuseTooLarge(request, response);
      return;
    }
    if (isJson(request)) {
      Optional<String> offending = offendingField(body, request.getRequestURI().contains("/filter"));
      if (offending.isPresent()) {
        refuseExpression(request, response, expressionMessage(offending.get()));
        return;
      }
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private void refuseTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    errors.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, ProblemType.REQUEST_TOO_LARGE,
        REFUSED, "リクエストが大きすぎます (request body over " + maxBodyBytes + " bytes)", List.of());
  }

  private void refuseExpression(HttpServletRequest request, HttpServletResponse response, String message)
      throws IOException {
    errors.write(request, response, HttpServletResponse.SC_BAD_REQUEST, ProblemType.REQUEST_REFUSED, REFUSED, message,
        List.of());
  }

  static boolean isExpressionName(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(EXPRESSION_SUFFIX) || lower.equals(EXPRESSIONS_FIELD);
  }

  /** The first field of a JSON body that carries an expression, if any. Bodies that are not JSON pass. */
  static Optional<String> offendingField(byte[] body, boolean isFilter) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    return root == null ? Optional.empty() : find(root, "", isFilter);
  }

  private static Optional<String> find(JsonNode node, String path, boolean isFilter) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (isExpressionName(field.getKey())) {
          return Optional.of(fieldPath);
        }
        Optional<String> nested = find(field.getValue(), fieldPath, isFilter);
        if (nested.isPresent()) {
          return nested;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> nested = find(node.get(i), path + "[" + i + "]", isFilter);
        if (nested.isPresent()) {
          return nested;
        }
      }
    } else if (isFilter && node.isTextual() && (node.asText().contains("${") || node.asText().contains("#{"))) {
      return Optional.of(path);
    }
    return Optional.empty();
  }

  /**
   * A body announced by its length or sent chunked, of any method and content type, except those Tomcat
   * parses itself: a form (read above, by {@code getParameterMap}) and Spring MVC's multipart.
   */
  private static boolean hasBodyToRead(HttpServletRequest request) {
    if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
      return false;
    }
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return false;
    }
    return !(type.startsWith("multipart/") && request.getRequestURI().startsWith(SecurityConfiguration.APP_API + "/"));
  }

  private static boolean isJson(HttpServletRequest request) {
    return request.getContentType() != null && request.getContentType().toLowerCase(java.util.Locale.ROOT)
        .contains("json");
  }

  private static String expressionMessage(String field) {
    return "式 (expression) はリクエストで指定できません: " + field + " (expressions in requests are refused)";
  }

  /** The request with its body read once, for the engine to read again. */
  static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    /** The body this filter already read, for the filters after it (no second read, no second copy). */
    static java.util.Optional<byte[]> of(HttpServletRequest request) {
      CachedBodyRequest cached = org.springframework.web.util.WebUtils.getNativeRequest(request, CachedBodyRequest.class);
      return java.util.Optional.ofNullable(cached).map(c -> c.body);
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
