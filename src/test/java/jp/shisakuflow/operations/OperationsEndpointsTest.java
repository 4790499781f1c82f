package jp.shisakuflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** Health for probes without a login, details and metrics for administrators only. */
@ApiTest
class OperationsEndpointsTest {

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Value("${shisaku.admin.password}") String adminPassword;

  @Test
  void probesAnswerWithoutALogin() {
    for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
      ResponseEntity<String> response = http.getForEntity(path, String.class);
      assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
      assertThat(response.getBody()).as(path).contains("\"status\":\"UP\"").doesNotContain("\"db\"");
    }
  }

  @Test
  void administratorsSeeTheDatabaseAndEngineInHealth() {
    String body = http.withBasicAuth("admin", adminPassword).getForObject("/actuator/health", String.class);
    assertThat(body).contains("\"db\"", "\"processEngine\"", "\"database\":\"H2\"");
  }

  @Test
  void prometheusShowsTheEngineGaugesToAdministratorsOnly() {
    ResponseEntity<String> metrics = http.withBasicAuth("admin", adminPassword)
        .getForEntity("/actuator/prometheus", String.class);
    assertThat(metrics.getStatusCode().value()).isEqualTo(200);
    assertThat(metrics.getBody()).contains("camunda_tasks_open", "camunda_incidents_open", "camunda_jobs_failed",
        "camunda_process_instances_active", "hikaricp_connections_active");
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    assertThat(http.withBasicAuth("manager", TestUsers.PASSWORD).getForEntity("/actuator/prometheus", String.class)
        .getStatusCode().value()).isEqualTo(403);
    assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(401);
  }
}
