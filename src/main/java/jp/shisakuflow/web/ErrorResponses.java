package jp.shisakuflow.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.stereotype.Component;

/**
 * The one writer of error bodies. The app's API ({@code /api/**}) answers RFC 9457 problem details
 * ({@code application/problem+json}: type, title, status, detail, and {@code errors} where there is a list);
 * everything else, above all the engine's REST API that Tasklist and Cockpit read, Camunda's
 * {@code {type, message}} (plus {@code problems} where there is a list).
 */
@Component
public class ErrorResponses {

  public static final String API = "/api";
  /** The extension member listing each problem of a rejected request. */
  public static final String ERRORS = "errors";
  private static final ObjectMapper JSON = new ObjectMapper().addMixIn(ProblemDetail.class,
      ProblemDetailJacksonMixin.class);

  /** Whether the request is to the app's API, which answers problem details. */
  public static boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals(API) || path.startsWith(API + "/");
  }

  /** A problem detail for the app's API; {@code errors} is left out when empty. */
  public ProblemDetail problem(HttpServletRequest request, ProblemType type, HttpStatusCode status, String detail,
      List<?> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type.uri());
    problem.setTitle(type.title());
    problem.setInstance(URI.create(request.getRequestURI()));
    if (errors != null && !errors.isEmpty()) {
      problem.setProperty(ERRORS, errors);
    }
    return problem;
  }

  /** The same as a Spring MVC answer. */
  public ResponseEntity<Object> entity(HttpServletRequest request, ProblemType type, HttpStatusCode status,
      HttpHeaders headers, String detail, List<?> errors) {
    return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(request, type, status, detail, errors));
  }

  /**
   * Writes an error in the shape the path calls for: problem details of {@code type} on the app's API, else
   * Camunda's {@code {type: camundaType, message}} with {@code problems} when there are any.
   */
  public void write(HttpServletRequest request, HttpServletResponse response, int status, ProblemType type,
      String camundaType, String message, List<?> problems) throws IOException {
    response.setStatus(status);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    Object body;
    if (isApi(request)) {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      body = problem(request, type, HttpStatusCode.valueOf(status), message, problems);
    } else {
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      Map<String, Object> camunda = new LinkedHashMap<>();
      camunda.put("type", camundaType);
      camunda.put("message", message);
      if (problems != null && !problems.isEmpty()) {
        camunda.put("problems", problems);
      }
      body = camunda;
    }
    response.getWriter().write(JSON.writeValueAsString(body));
  }
}
