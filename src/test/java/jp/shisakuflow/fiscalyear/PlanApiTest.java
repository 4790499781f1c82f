package jp.shisakuflow.fiscalyear;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code POST /api/plans} through the real HTTP stack. */
@ApiTest
class PlanApiTest {

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;

  @BeforeEach
  void users() {
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
  }

  @Test
  void aManagerImportsAPlanOnceAndAgainChangesNothing() throws IOException {
    ResponseEntity<Map> first = post("manager", StandalonePlanServices.seedYaml(), 2021);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(first.getBody()).containsEntry("planKey", "FY2021-plan-fy2019-community")
        .containsEntry("status", "STARTED").containsEntry("initiativesStarted", 29);

    ResponseEntity<Map> again = post("manager", StandalonePlanServices.seedYaml(), 2021);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody()).containsEntry("status", "UNCHANGED").containsEntry("initiativesStarted", 0);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike("FY2021-%").count())
        .isEqualTo(30);
  }

  @Test
  void anInvalidPlanIsRefusedWithEveryErrorAndItsLine() throws IOException {
    String broken = StandalonePlanServices.seedYamlReplacing(
        "counterparts: [legalAffairs]", "counterparts: [legalDept]",
        "date: 2019-07-09", "date: 2020-07-09");

    ResponseEntity<Map> response = post("manager", broken, 2022);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    List<Map<String, Object>> errors = (List<Map<String, Object>>) response.getBody().get("errors");
    // The repeal's counterpart is named, and the moved date.
    assertThat(errors).hasSize(2);
    assertThat(errors).allSatisfy(e -> assertThat((Integer) e.get("line")).isPositive());
    assertThat(errors).filteredOn(e -> e.get("message").toString().contains("legalDept")).hasSize(1);
    assertThat(errors).filteredOn(e -> e.get("message").toString().contains("outside the fiscal year")).singleElement()
        .satisfies(e -> assertThat(e.get("message").toString()).contains("2020-07-09"));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike("FY2022-%").count())
        .as("nothing imported").isZero();
  }

  @Test
  void wardStaffMayNotImportAndStrangersMustLogIn() throws IOException {
    assertThat(post("takatsu", StandalonePlanServices.seedYaml(), 2023).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.postForEntity("/api/plans", new HttpEntity<>("x", yaml()), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void anEmptyBodyIsRefused() {
    ResponseEntity<Map> response = http.withBasicAuth("manager", TestUsers.PASSWORD)
        .postForEntity("/api/plans", new HttpEntity<>("", yaml()), Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("detail")).contains("request body");
  }

  private ResponseEntity<Map> post(String user, String yaml, int fiscalYear) {
    return http.withBasicAuth(user, TestUsers.PASSWORD).postForEntity("/api/plans?fiscalYear={year}&source=fy2019-community.yaml",
        new HttpEntity<>(yaml, yaml()), Map.class, fiscalYear);
  }

  private static HttpHeaders yaml() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"));
    return headers;
  }
}
