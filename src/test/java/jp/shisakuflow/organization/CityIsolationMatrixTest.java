package jp.shisakuflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Two cities on one deployment: every role of one city against the other city's initiative, through every door
 * (the engine's REST API, the webapps' own API, the app's {@code /api}), reads and writes, with ids taken from the
 * other city as if guessed. 川崎市 (the seed city) and 若葉市 each run an initiative; a person of one sees and writes
 * nothing of the other's, and the other's record stays as it was.
 */
@ApiTest
class CityIsolationMatrixTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int YEAR = 2087;
  /** The year each city's plan is imported into (both cities, the same year). */
  static final int PLAN_YEAR = 2088;
  static final String KAWASAKI_PLAN = "processes/plans/fy2019-community.yaml";
  static final String WAKABA_PLAN = "processes/plans/fy2019-wakaba.yaml";

  /** A person of one city, and the city whose initiative they try. */
  enum Role {
    WAKABA_STAFF("wakabaStaff1", OrganizationGroup.WAKABA_COMMUNITY, City.WAKABA, City.KAWASAKI),
    WAKABA_MANAGER("wakabaManager1", OrganizationGroup.MANAGERS, City.WAKABA, City.KAWASAKI),
    WAKABA_AUDITOR("wakabaAuditor1", OrganizationGroup.AUDITORS, City.WAKABA, City.KAWASAKI),
    KAWASAKI_STAFF("kawasakiStaff1", OrganizationGroup.COMMUNITY_PROMOTION, City.KAWASAKI, City.WAKABA),
    KAWASAKI_MANAGER("kawasakiManager1", OrganizationGroup.MANAGERS, City.KAWASAKI, City.WAKABA),
    KAWASAKI_AUDITOR("kawasakiAuditor1", OrganizationGroup.AUDITORS, City.KAWASAKI, City.WAKABA);

    final String user;
    final OrganizationGroup group;
    final City city;
    final City other;

    Role(String user, OrganizationGroup group, City city, City other) {
      this.user = user;
      this.group = group;
      this.city = city;
      this.other = other;
    }
  }

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired CityScope cities;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;
  @Autowired org.camunda.bpm.engine.FilterService filterService;
  @Autowired jp.shisakuflow.fiscalyear.PlanImportService plans;
  @LocalServerPort int port;

  /** Each city's initiative: its instance, its open task, its business key. */
  private final Map<City, String[]> initiativeOf = new java.util.EnumMap<>(City.class);

  @BeforeEach
  void anInitiativeInEachCity() {
    for (Role role : Role.values()) {
      TestUsers.ensure(identityService, role.user, role.group, role.city);
    }
    startIn(City.KAWASAKI, OrganizationGroup.COMMUNITY_PROMOTION);
    startIn(City.WAKABA, OrganizationGroup.WAKABA_COMMUNITY);
    importPlan(City.KAWASAKI, KAWASAKI_PLAN);
    importPlan(City.WAKABA, WAKABA_PLAN);
  }

  private void importPlan(City city, String file) {
    cities.call("admin", List.of(city.tenantId()), () -> plans.importPlan(file, text(file), PLAN_YEAR, "admin"));
  }

  private static String text(String file) {
    try (var in = new org.springframework.core.io.ClassPathResource(file).getInputStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The ids (UID prefix) of the calendar's events for a city's plan of the plan year. */
  private static String milestonesOf(City city) {
    return "milestone-" + PLAN_YEAR + "-" + (city == City.WAKABA ? "fy2019-wakaba" : "fy2019-community") + "-";
  }

  private static String planKey(City city) {
    return "FY" + PLAN_YEAR + "-plan-" + (city == City.WAKABA ? "fy2019-wakaba" : "fy2019-community");
  }

  @ParameterizedTest(name = "{0}: the other city's plan")
  @MethodSource("roles")
  void theOtherCitysPlanIsNotThere(Role role) throws Exception {
    var client = as(role);
    // The plans' downloads are the managers' (others: 403 whoever's the plan); a manager finds no other city's.
    boolean manager = role.group == OrganizationGroup.MANAGERS;
    var listed = client.getForEntity("/api/plans?fiscalYear={y}", String.class, PLAN_YEAR);
    assertThat(listed.getStatusCode().value()).as(listed.getBody()).isEqualTo(manager ? 200 : 403);
    if (manager) {
      assertThat(listed.getBody()).as("the year's plans").contains(planKey(role.city))
          .doesNotContain(planKey(role.other));
      assertThat(client.getForEntity("/api/plans/{key}/chart.pdf", byte[].class, planKey(role.city)).getStatusCode()
          .value()).as("its own city's A3 sheet").isEqualTo(200);
      // A manager's calendar has every milestone of the city's plans, none of the other city's.
      String calendar = client.getForEntity("/api/calendar.ics", String.class).getBody();
      // (By the milestones' ids of this year's plans: other tests' plans of no city are every city's.)
      assertThat(calendar).as("calendar").contains(milestonesOf(role.city)).doesNotContain(milestonesOf(role.other));
    }
    assertThat(client.getForEntity("/api/plans/{key}/chart.pdf", byte[].class, planKey(role.other)).getStatusCode()
        .value()).as("the other city's A3 sheet").isEqualTo(manager ? 404 : 403);
    assertThat(client.getForEntity("/api/plans/{key}/schedule.xlsx", byte[].class, planKey(role.other))
        .getStatusCode().value()).as("the other city's plan as Excel").isEqualTo(manager ? 404 : 403);
  }

  @Test
  void aCitysPlanNamesItsOwnGroupsOnly() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml"));
    var refused = as(Role.KAWASAKI_MANAGER).postForEntity("/api/plans/preview?fiscalYear={y}&source=wakaba.yaml",
        new HttpEntity<>(text(WAKABA_PLAN), headers), String.class, PLAN_YEAR + 1);
    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    assertThat(refused.getBody()).contains("wakabaCommunity");
    var accepted = as(Role.WAKABA_MANAGER).postForEntity("/api/plans/preview?fiscalYear={y}&source=wakaba.yaml",
        new HttpEntity<>(text(WAKABA_PLAN), headers), String.class, PLAN_YEAR + 1);
    assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(200);
  }

  private void startIn(City city, OrganizationGroup owner) {
    String id = "iso-" + city.tenantId() + "-" + System.nanoTime();
    InitiativeStart start = InitiativeStart.unplanned(id, city.nameJa() + "の施策", "other", owner.id(), YEAR);
    String instance = cities.call(city.tenantId(), () -> initiatives.startIfAbsent(start)).orElseThrow();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    initiativeOf.put(city, new String[] {instance, task, start.businessKey()});
  }

  @Test
  void eachCitysInitiativeIsItsTenants() {
    for (City city : City.values()) {
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(initiativeOf.get(city)[0])
          .singleResult().getTenantId()).isEqualTo(city.tenantId());
      assertThat(taskService.createTaskQuery().taskId(initiativeOf.get(city)[1]).singleResult().getTenantId())
          .isEqualTo(city.tenantId());
    }
  }

  static Stream<Arguments> roles() {
    return Stream.of(Role.values()).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0} reads its own city's initiative")
  @MethodSource("roles")
  void aPersonReadsTheirOwnCitysInitiative(Role role) throws Exception {
    String[] own = initiativeOf.get(role.city);
    // Managers and auditors read every initiative of their city; staff those their group owns (these).
    assertThat(as(role).getForEntity("/engine-rest/history/process-instance/{id}", String.class, own[0])
        .getStatusCode().value()).as("own city's history").isEqualTo(200);
    assertThat(size(as(role).getForEntity("/engine-rest/history/task?processInstanceId={id}&maxResults=50", String.class, own[0])
        .getBody())).as("own city's tasks in the history").isOne();
  }

  @ParameterizedTest(name = "{0}: the other city's initiative through the engine's REST API")
  @MethodSource("roles")
  void theOtherCitysRecordsAreNotThereThroughTheEngineRestApi(Role role) throws Exception {
    String[] other = initiativeOf.get(role.other);
    var client = as(role);
    assertThat(size(client.getForEntity("/engine-rest/task?processInstanceId={id}&maxResults=50", String.class, other[0]).getBody()))
        .as("task list").isZero();
    assertThat(size(client.getForEntity("/engine-rest/task?processInstanceBusinessKey={k}&maxResults=50", String.class, other[2])
        .getBody())).as("task list by the other city's business key").isZero();
    assertThat(client.getForEntity("/engine-rest/task/{id}", String.class, other[1]).getStatusCode().value())
        .as("the task by its id").isEqualTo(404);
    assertThat(client.getForEntity("/engine-rest/process-instance/{id}", String.class, other[0]).getStatusCode()
        .value()).as("the instance by its id").isEqualTo(404);
    assertThat(size(client.getForEntity("/engine-rest/process-instance?businessKey={k}&maxResults=50", String.class, other[2])
        .getBody())).as("instances by business key").isZero();
    assertThat(client.getForEntity("/engine-rest/history/process-instance/{id}", String.class, other[0])
        .getStatusCode().value()).as("history by id").isEqualTo(404);
    assertThat(size(client.getForEntity("/engine-rest/history/task?processInstanceId={id}&maxResults=50", String.class, other[0])
        .getBody())).as("historic tasks").isZero();
    assertThat(size(client.getForEntity("/engine-rest/history/variable-instance?processInstanceId={id}&maxResults=50", String.class,
        other[0]).getBody())).as("historic variables").isZero();
    assertThat(size(client.getForEntity("/engine-rest/job?processInstanceId={id}&maxResults=50", String.class, other[0]).getBody()))
        .as("jobs").isZero();
    assertThat(size(client.getForEntity("/engine-rest/history/user-operation?processInstanceId={id}&maxResults=50", String.class,
        other[0]).getBody())).as("operation log").isZero();
  }

  @ParameterizedTest(name = "{0}: writes to the other city's initiative through the engine's REST API")
  @MethodSource("roles")
  void theOtherCitysRecordsCannotBeWrittenThroughTheEngineRestApi(Role role) {
    String[] other = initiativeOf.get(role.other);
    var client = as(role);
    assertThat(client.postForEntity("/engine-rest/task/{id}/claim", json(Map.of("userId", role.user)), String.class,
        other[1]).getStatusCode().is2xxSuccessful()).as("claim").isFalse();
    assertThat(client.postForEntity("/engine-rest/task/{id}/complete", json(Map.of("variables", Map.of())),
        String.class, other[1]).getStatusCode().is2xxSuccessful()).as("complete").isFalse();
    assertThat(client.postForEntity("/engine-rest/task/{id}/comment/create", json(Map.of("message", "他市から")),
        String.class, other[1]).getStatusCode().is2xxSuccessful()).as("comment").isFalse();
    assertThat(client.exchange("/engine-rest/process-instance/{id}/variables/title", HttpMethod.PUT,
        json(Map.of("value", "他市が書き換え")), String.class, other[0]).getStatusCode().is2xxSuccessful())
        .as("set a variable").isFalse();
    assertThat(client.exchange("/engine-rest/process-instance/{id}", HttpMethod.DELETE, null, String.class, other[0])
        .getStatusCode().is2xxSuccessful()).as("delete the instance").isFalse();
    // Its overdue timer, by the job's id: neither executed nor its retries or due date changed.
    var timer = managementService.createJobQuery().processInstanceId(other[0]).timers().singleResult();
    assertThat(client.postForEntity("/engine-rest/job/{id}/execute", null, String.class, timer.getId())
        .getStatusCode().is2xxSuccessful()).as("execute its timer").isFalse();
    assertThat(client.exchange("/engine-rest/job/{id}/retries", HttpMethod.PUT, json(Map.of("retries", 0)),
        String.class, timer.getId()).getStatusCode().is2xxSuccessful()).as("its timer's retries").isFalse();
    assertThat(client.exchange("/engine-rest/job/{id}/duedate", HttpMethod.PUT, json(Map.of("duedate",
        "2000-01-01T00:00:00.000+0000")), String.class, timer.getId()).getStatusCode().is2xxSuccessful())
        .as("its timer's due date").isFalse();
    var after = managementService.createJobQuery().jobId(timer.getId()).singleResult();
    assertThat(after).as("the timer is still there").isNotNull();
    assertThat(after.getRetries()).isEqualTo(timer.getRetries());
    assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());

    var task = taskService.createTaskQuery().taskId(other[1]).singleResult();
    assertThat(task).as("the task is still open").isNotNull();
    assertThat(task.getAssignee()).as("nobody claimed it").isNull();
    assertThat(taskService.getTaskComments(other[1])).as("no comment").isEmpty();
    assertThat(runtimeService.getVariable(other[0], "title")).as("title unchanged")
        .isEqualTo(role.other.nameJa() + "の施策");
  }

  @ParameterizedTest(name = "{0}: a filter shared by every city lists its own city's tasks only")
  @MethodSource("roles")
  void aSharedFilterListsOnlyTheCallersCity(Role role) throws Exception {
    var filter = filterService.createFilterQuery().filterName(jp.shisakuflow.tasklist.TasklistFilters.ALL_TASKS)
        .singleResult();
    var listed = as(role).postForEntity("/engine-rest/filter/{id}/list?maxResults=500", json(Map.of()), String.class,
        filter.getId());
    if (listed.getStatusCode().value() == 200) {
      assertThat(listed.getBody()).as("全件 of a " + role.city.nameJa() + " person").doesNotContain(
          initiativeOf.get(role.other)[1]);
    } else {
      assertThat(listed.getStatusCode().value()).as(listed.getBody()).isIn(403, 404);
    }
  }

  @ParameterizedTest(name = "{0}: the other city's initiative through the webapps' own API")
  @MethodSource("roles")
  void theOtherCitysRecordsAreNotThereThroughTheWebapps(Role role) throws Exception {
    String[] other = initiativeOf.get(role.other);
    var browser = new BrowserSession(port);
    browser.login(role.user, TestUsers.PASSWORD);
    String engine = "/camunda/api/engine/engine/default";
    assertThat(size(browser.get(engine + "/task?maxResults=50&processInstanceId=" + other[0]).body())).as("task list").isZero();
    assertThat(browser.get(engine + "/task/" + other[1]).statusCode()).as("the task by id").isEqualTo(404);
    assertThat(browser.get(engine + "/history/process-instance/" + other[0]).statusCode()).as("history by id")
        .isEqualTo(404);
    var claim = browser.post(engine + "/task/" + other[1] + "/claim", "application/json",
        "{\"userId\":\"" + role.user + "\"}", "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
    assertThat(claim.statusCode()).as("claim: " + claim.body()).isNotIn(200, 204);
    assertThat(taskService.createTaskQuery().taskId(other[1]).singleResult().getAssignee()).isNull();
  }

  @ParameterizedTest(name = "{0}: the other city's initiative through the app's /api")
  @MethodSource("roles")
  void theOtherCitysRecordsAreNotThereThroughTheAppsApi(Role role) throws Exception {
    String[] other = initiativeOf.get(role.other);
    String[] own = initiativeOf.get(role.city);
    var client = as(role);
    var progress = client.getForEntity("/api/progress?fiscalYear={y}", String.class, YEAR);
    if (progress.getStatusCode().value() == 200) {
      assertThat(progress.getBody()).as("progress").doesNotContain(other[2].substring(7)).contains(own[2].substring(7));
    } else {
      assertThat(progress.getStatusCode().value()).as("progress: " + progress.getBody()).isEqualTo(403);
    }
    var summary = client.getForEntity("/api/progress/summary?fiscalYear={y}", String.class, YEAR);
    if (summary.getStatusCode().value() == 200) {
      assertThat(JSON.readTree(summary.getBody()).toString()).as("summary").doesNotContain(
          role.other == City.WAKABA ? OrganizationGroup.WAKABA_COMMUNITY.id() : OrganizationGroup.COMMUNITY_PROMOTION.id());
    }
    var trail = client.getForEntity("/api/audit/initiatives/{key}", String.class, other[2]);
    assertThat(trail.getStatusCode().value()).as("the other city's audit trail: " + trail.getBody()).isIn(403, 404);
    var byInstance = client.getForEntity("/api/audit/instances/{id}", String.class, other[0]);
    assertThat(byInstance.getStatusCode().value()).as("audit trail by instance id: " + byInstance.getBody())
        .isIn(403, 404);
    var search = client.getForEntity("/api/audit/instances?processDefinitionKey=initiative-lifecycle", String.class);
    if (search.getStatusCode().value() == 200) {
      assertThat(search.getBody()).as("history search").doesNotContain(other[0]);
    }
  }

  @Test
  void aManagerStartsWorkForTheirOwnCityOnly() {
    var wakaba = as(Role.WAKABA_MANAGER);
    var refused = wakaba.postForEntity("/api/initiatives?city=kawasaki", json(Map.of("initiativeId", "iso-cross",
        "title", "他市への施策", "workstream", "other", "ownerGroup", "communityPromotion", "fiscalYear", YEAR)),
        String.class);
    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    assertThat(refused.getBody()).contains("city");
    var otherCitysGroup = wakaba.postForEntity("/api/initiatives", json(Map.of("initiativeId", "iso-group",
        "title", "他市の課への施策", "workstream", "other", "ownerGroup", "communityPromotion", "fiscalYear", YEAR)),
        String.class);
    assertThat(otherCitysGroup.getStatusCode().value()).as(otherCitysGroup.getBody()).isEqualTo(400);
    assertThat(otherCitysGroup.getBody()).contains("ownerGroup");
  }

  @Test
  void theSameInitiativeIdInTwoCitiesIsTwoInitiatives() throws Exception {
    String kawasakiKey = initiativeOf.get(City.KAWASAKI)[2];
    String initiativeId = kawasakiKey.substring(kawasakiKey.indexOf('-') + 1);
    var started = as(Role.WAKABA_MANAGER).postForEntity("/api/initiatives", json(Map.of("initiativeId", initiativeId,
        "title", "若葉市の同じ番号の施策", "workstream", "other", "ownerGroup", "wakabaCommunity", "fiscalYear", YEAR)),
        String.class);
    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
    String wakabaInstance = JSON.readTree(started.getBody()).get("processInstanceId").asText();
    assertThat(wakabaInstance).isNotEqualTo(initiativeOf.get(City.KAWASAKI)[0]);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(wakabaInstance).singleResult()
        .getTenantId()).isEqualTo(City.WAKABA.tenantId());
    assertThat(runtimeService.getVariable(initiativeOf.get(City.KAWASAKI)[0], "title"))
        .as("川崎市's initiative unchanged").isEqualTo(City.KAWASAKI.nameJa() + "の施策");
  }

  @Test
  void eachCitysExportIsSignedWithItsOwnKey() throws Exception {
    Map<City, java.security.PublicKey> keys = new java.util.EnumMap<>(City.class);
    Map<City, byte[]> exports = new java.util.EnumMap<>(City.class);
    for (Role auditor : List.of(Role.KAWASAKI_AUDITOR, Role.WAKABA_AUDITOR)) {
      var key = as(auditor).getForEntity("/api/audit/signing-key", String.class);
      assertThat(key.getStatusCode().value()).as(key.getBody()).isEqualTo(200);
      keys.put(auditor.city, jp.shisakuflow.audit.SigningKeys.readPublic(key.getBody()));
      var export = as(auditor).getForEntity("/api/audit/export?fiscalYear={y}", byte[].class, YEAR);
      assertThat(export.getStatusCode().value()).isEqualTo(200);
      exports.put(auditor.city, export.getBody());
    }
    assertThat(jp.shisakuflow.audit.SigningKeys.fingerprint(keys.get(City.KAWASAKI)))
        .isNotEqualTo(jp.shisakuflow.audit.SigningKeys.fingerprint(keys.get(City.WAKABA)));
    for (City city : List.of(City.KAWASAKI, City.WAKABA)) {
      City other = city == City.KAWASAKI ? City.WAKABA : City.KAWASAKI;
      var own = jp.shisakuflow.audit.AuditExportVerifier.verify(new java.io.ByteArrayInputStream(exports.get(city)),
          keys.get(city));
      assertThat(own.problems()).as(city + " with its own key").isEmpty();
      var others = jp.shisakuflow.audit.AuditExportVerifier.verify(new java.io.ByteArrayInputStream(exports.get(city)),
          keys.get(other));
      assertThat(others.problems()).as(city + "'s export with the other city's key").isNotEmpty();
    }
  }

  private TestRestTemplate as(Role role) {
    return http.withBasicAuth(role.user, TestUsers.PASSWORD);
  }

  private static int size(String body) throws Exception {
    JsonNode node = JSON.readTree(body);
    assertThat(node.isArray()).as("a list: " + body).isTrue();
    return node.size();
  }

  static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
