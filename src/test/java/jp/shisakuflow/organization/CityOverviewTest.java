package jp.shisakuflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * The overview across cities (a prefecture's): counts per city and each city's schedule through the progress API,
 * and nothing else — no engine record, no report with its comments, no audit trail, no write.
 */
@ApiTest
class CityOverviewTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int YEAR = 2057;
  static final String OVERVIEW = "overview1";
  static final Map<City, Integer> INITIATIVES = Map.of(City.KAWASAKI, 3, City.WAKABA, 2);

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;
  @Autowired CityScope cities;

  private static boolean started;

  @BeforeEach
  void initiativesInBothCities() {
    TestUsers.ensure(identityService, OVERVIEW, OrganizationGroup.OVERVIEW, City.KAWASAKI);
    Cities.addPerson(identityService, City.WAKABA, OVERVIEW);
    TestUsers.ensure(identityService, "overviewWakabaManager", OrganizationGroup.MANAGERS, City.WAKABA);
    if (started) {
      return;
    }
    INITIATIVES.forEach((city, count) -> {
      String owner = city == City.WAKABA ? OrganizationGroup.WAKABA_COMMUNITY.id()
          : OrganizationGroup.COMMUNITY_PROMOTION.id();
      for (int i = 0; i < count; i++) {
        InitiativeStart start = InitiativeStart.unplanned("overview-" + city.tenantId() + "-" + i,
            city.nameJa() + "の施策 " + i, "other", owner, YEAR);
        cities.call(city.tenantId(), () -> initiatives.startIfAbsent(start));
      }
    });
    started = true;
  }

  @Test
  void theOverviewCountsEachCitysInitiatives() throws Exception {
    JsonNode overview = read(as(OVERVIEW).getForEntity("/api/cities?fiscalYear={y}", String.class, YEAR).getBody());
    assertThat(overview.get("reports").asBoolean()).as("no report downloads for the overview").isFalse();
    assertThat(overview.get("cities")).hasSize(2);
    for (JsonNode city : overview.get("cities")) {
      City which = City.fromTenantId(city.get("city").asText()).orElseThrow();
      assertThat(city.get("name").asText()).isEqualTo(which.nameJa());
      assertThat(city.get("overall").get("total").asInt()).as(which.nameJa()).isEqualTo(INITIATIVES.get(which));
    }
    JsonNode managers = read(as("overviewWakabaManager").getForEntity("/api/cities?fiscalYear={y}", String.class, YEAR)
        .getBody());
    assertThat(managers.get("cities")).as("a city's manager: its city alone").hasSize(1);
    assertThat(managers.get("cities").get(0).get("city").asText()).isEqualTo(City.WAKABA.tenantId());
    assertThat(managers.get("reports").asBoolean()).isTrue();
  }

  @Test
  void eachCitysScheduleIsItsOwn() throws Exception {
    for (City city : City.values()) {
      JsonNode dashboard = read(as(OVERVIEW).getForEntity("/api/progress/dashboard?fiscalYear={y}&city={c}",
          String.class, YEAR, city.tenantId()).getBody());
      JsonNode items = dashboard.get("progress").get("initiatives");
      assertThat(items).as(city.nameJa()).hasSize(INITIATIVES.get(city));
      items.forEach(i -> assertThat(i.get("initiativeId").asText()).startsWith("overview-" + city.tenantId()));
    }
    JsonNode both = read(as(OVERVIEW).getForEntity("/api/progress?fiscalYear={y}", String.class, YEAR).getBody());
    assertThat(both.get("initiatives")).as("without city=: both cities").hasSize(5);
    var refused = as("overviewWakabaManager").getForEntity("/api/progress?fiscalYear={y}&city=kawasaki", String.class,
        YEAR);
    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    assertThat(refused.getBody()).contains("city");
  }

  @Test
  void theOverviewReadsNoRecordAndWritesNothing() {
    var client = as(OVERVIEW);
    String task = taskService.createTaskQuery().processInstanceBusinessKey("FY" + YEAR + "-overview-wakaba-0")
        .singleResult().getId();
    for (String path : List.of("/engine-rest/task?maxResults=5", "/engine-rest/history/process-instance?maxResults=5",
        "/engine-rest/task/" + task + "/comment", "/engine-rest/history/user-operation?maxResults=5",
        "/api/audit/instances?processDefinitionKey=initiative-lifecycle", "/api/reports/quarterly?fiscalYear=" + YEAR
            + "&quarter=1", "/api/plans?fiscalYear=" + YEAR, "/api/calendar.ics")) {
      assertThat(client.getForEntity(path, String.class).getStatusCode().value()).as(path).isEqualTo(403);
    }
    assertThat(client.postForEntity("/engine-rest/task/{id}/claim", json(Map.of("userId", OVERVIEW)), String.class,
        task).getStatusCode().value()).as("claim").isEqualTo(403);
    assertThat(client.exchange("/engine-rest/task/{id}/comment/create", HttpMethod.POST,
        json(Map.of("message", "広域から")), String.class, task).getStatusCode().value()).as("comment").isEqualTo(403);
    assertThat(client.postForEntity("/api/initiatives", json(Map.of("initiativeId", "overview-new", "title", "新規",
        "workstream", "other", "ownerGroup", "wakabaCommunity", "fiscalYear", YEAR)), String.class).getStatusCode()
        .value()).as("start").isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    assertThat(taskService.getTaskComments(task)).isEmpty();
  }

  @Test
  void everyMethodMeetsTheSameRule() {
    var client = as(OVERVIEW);
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
        HttpMethod.DELETE, HttpMethod.OPTIONS)) {
      int cities = client.exchange("/api/cities?fiscalYear=" + YEAR, method, null, String.class).getStatusCode().value();
      assertThat(cities).as(method + " /api/cities")
          .isEqualTo(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS ? 200 : 405);
      assertThat(client.exchange("/api/audit/export?fiscalYear=" + YEAR, method, null, String.class).getStatusCode()
          .value()).as(method + " /api/audit/export").isEqualTo(403);
      assertThat(client.exchange("/engine-rest/process-instance?maxResults=5", method, null, String.class)
          .getStatusCode().value()).as(method + " /engine-rest/process-instance").isEqualTo(403);
    }
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, TestUsers.PASSWORD);
  }

  private static JsonNode read(String body) throws Exception {
    return JSON.readTree(body);
  }

  static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
