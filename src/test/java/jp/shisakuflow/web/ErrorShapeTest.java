package jp.shisakuflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import jp.shisakuflow.fiscalyear.StandalonePlanServices;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Every kind of error of the app's API answers RFC 9457 problem details; the engine's REST API keeps Camunda's shape. */
@ApiTest
class ErrorShapeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JAPANESE = "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]";

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;

  @BeforeEach
  void users() {
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
  }

  @Test
  void aBadParameterIsAProblem() throws IOException {
    JsonNode problem = problem(manager().getForEntity("/api/progress?asOf=2019-13-45", String.class), 400,
        "bad-parameter");
    assertThat(problem.path("detail").asText()).contains("asOf", "2019-13-45");
  }

  @Test
  void anInvalidPlanIsAProblemWithEveryErrorAndItsLine() throws IOException {
    String broken = StandalonePlanServices.seedYamlReplacing("counterparts: [legalAffairs]",
        "counterparts: [legalDept]");
    JsonNode problem = problem(manager().postForEntity("/api/plans?fiscalYear=2024&source=broken.yaml",
        new HttpEntity<>(broken, contentType("application/yaml")), String.class), 400, "invalid-plan");
    assertThat(problem.path("detail").asText()).contains("broken.yaml");
    assertThat(problem.path("errors")).isNotEmpty().allSatisfy(error -> {
      assertThat(error.path("line").asInt()).isPositive();
      assertThat(error.path("message").asText()).contains("legalDept");
    });
  }

  @Test
  void noLoginIsAProblem() throws IOException {
    ResponseEntity<String> response = http.getForEntity("/api/progress", String.class);
    problem(response, 401, "unauthorized");
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
  }

  @Test
  void aRoleThatMayNotIsAProblem() throws IOException {
    problem(http.withBasicAuth("takatsu", TestUsers.PASSWORD).postForEntity("/api/plans",
        new HttpEntity<>("id: x", contentType("application/yaml")), String.class), 403, "forbidden");
  }

  @Test
  void anUnknownPathIsAProblem() throws IOException {
    problem(manager().getForEntity("/api/no-such-thing", String.class), 404, "not-found");
  }

  @Test
  void aMethodThePathDoesNotTakeIsAProblem() throws IOException {
    ResponseEntity<String> response = manager().exchange("/api/progress", HttpMethod.DELETE, null, String.class);
    JsonNode problem = problem(response, 405, "method-not-allowed");
    assertThat(problem.path("detail").asText()).contains("DELETE");
    assertThat(response.getHeaders().getAllow()).contains(HttpMethod.GET);
  }

  @Test
  void anOversizedBodyIsAProblem() throws IOException {
    JsonNode problem = problem(manager().postForEntity("/api/plans", new HttpEntity<>("# " + "x".repeat(1_100_000),
        contentType("application/yaml")), String.class), 413, "request-too-large");
    assertThat(problem.path("detail").asText()).contains("リクエストが大きすぎます");
  }

  @Test
  void anUnsupportedContentTypeIsAProblem() throws IOException {
    JsonNode problem = problem(manager().postForEntity("/api/plans", new HttpEntity<>("%PDF",
        contentType("application/pdf")), String.class), 415, "unsupported-media-type");
    assertThat(problem.path("detail").asText()).contains("application/pdf");
  }

  @Test
  void theEngineRestApiKeepsCamundasShape() throws IOException {
    ResponseEntity<String> unbounded = manager().getForEntity("/engine-rest/task", String.class);
    assertCamundaShape(unbounded, 400);
    ResponseEntity<String> refused = manager().getForEntity("/engine-rest/task?maxResults=1&assigneeExpression=x",
        String.class);
    assertThat(assertCamundaShape(refused, 400).path("type").asText()).isEqualTo("RequestRefused");
    ResponseEntity<String> stranger = http.withBasicAuth("takatsu", "not-the-password")
        .getForEntity("/engine-rest/task?maxResults=1", String.class);
    assertCamundaShape(stranger, 401);
  }

  private TestRestTemplate manager() {
    return http.withBasicAuth("manager", TestUsers.PASSWORD);
  }

  private static HttpHeaders contentType(String type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType(type));
    return headers;
  }

  private static JsonNode problem(ResponseEntity<String> response, int status, String type) throws IOException {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).as(response.getBody()).isNotNull()
        .satisfies(contentType -> assertThat(contentType.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
    JsonNode body = JSON.readTree(response.getBody());
    assertThat(body.path("type").asText()).isEqualTo("urn:shisaku:problem:" + type);
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("title").asText()).containsPattern(JAPANESE);
    assertThat(body.path("detail").asText()).containsPattern(JAPANESE);
    assertThat(body.has("message")).as("detail, not message").isFalse();
    return body;
  }

  private static JsonNode assertCamundaShape(ResponseEntity<String> response, int status) throws IOException {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).as(response.getBody()).isNotNull()
        .satisfies(contentType -> assertThat(contentType.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
    JsonNode body = JSON.readTree(response.getBody());
    assertThat(body.path("type").asText()).isNotBlank();
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(body.has("detail")).isFalse();
    assertThat(body.has("title")).isFalse();
    return body;
  }
}
