package jp.shisakuflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** The history behind the Cockpit history tab: finished and running instances, filtered, and one timeline. */
@ApiTest
class HistoryViewTest {

  static final int YEAR = 2052; // a year of its own: the filters count every instance of it
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String runningHiroba;
  private static String endedHiroba;

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired RuntimeService runtimeService;
  @Autowired org.camunda.bpm.engine.TaskService taskService;
  @Autowired jp.shisakuflow.fiscalyear.PlanImportService planImports;

  @BeforeEach
  void instances() {
    if (runningHiroba != null) {
      return;
    }
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    runningHiroba = start("hist-a", "hiroba");
    endedHiroba = start("hist-b", "hiroba");
    start("hist-c", "other");
    start("hist-d", "hiroba", YEAR + 1);
    runtimeService.deleteProcessInstance(endedHiroba, "監査テスト: 中止");
  }

  @Test
  void filtersByFiscalYearWorkstreamAndState() throws Exception {
    assertThat(ids(list("fiscalYear=" + YEAR + "&workstream=hiroba"))).containsExactlyInAnyOrder(runningHiroba,
        endedHiroba);
    assertThat(ids(list("fiscalYear=" + YEAR + "&workstream=hiroba&state=finished"))).containsExactly(endedHiroba);
    assertThat(ids(list("fiscalYear=" + YEAR + "&workstream=hiroba&state=running"))).containsExactly(runningHiroba);
    assertThat(ids(list("fiscalYear=" + YEAR))).hasSize(3);
    assertThat(ids(list("fiscalYear=" + YEAR + "&startedTo=2000-01-01"))).isEmpty();
  }

  @Test
  void rowsCarryTitleYearAndState() throws Exception {
    JsonNode rows = list("fiscalYear=" + YEAR + "&state=finished");
    assertThat(rows).hasSize(1);
    JsonNode row = rows.get(0);
    assertThat(row.get("title").asText()).isEqualTo("履歴テスト hist-b");
    assertThat(row.get("fiscalYear").asInt()).isEqualTo(YEAR);
    assertThat(row.get("state").asText()).isEqualTo("INTERNALLY_TERMINATED");
    assertThat(row.get("stateLabel").asText()).isEqualTo("中止");
    assertThat(row.get("endTimeText").asText()).as("shown in the city's zone")
        .isEqualTo(CityTime.text(Instant.parse(row.get("endTime").asText())));
    assertThat(row.get("endTime").isNull()).isFalse();
  }

  @Test
  void timelineOfAnEndedInstanceShowsItsStepsAndEnd() throws Exception {
    ResponseEntity<String> response = http.withBasicAuth("auditor", TestUsers.PASSWORD)
        .getForEntity("/api/audit/instances/{id}", String.class, endedHiroba);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    JsonNode trail = JSON.readTree(response.getBody());
    JsonNode events = trail.get("events");
    assertThat(events.findValuesAsText("type")).startsWith(AuditEvent.PROCESS_STARTED).contains(
        AuditEvent.ACTIVITY_STARTED, AuditEvent.VARIABLE_SET, AuditEvent.PROCESS_ENDED);
    assertThat(events.findValuesAsText("typeLabel")).startsWith("開始").contains("値の設定", "終了");
    assertThat(trail.get("csvUrl").asText()).as("an initiative's trail downloads as CSV")
        .isEqualTo("/api/audit/initiatives/" + trail.get("businessKey").asText() + "?format=csv");
    assertThat(http.withBasicAuth("auditor", TestUsers.PASSWORD).getForEntity(trail.get("csvUrl").asText(),
        String.class).getBody()).as("the link leads to the CSV").contains(AuditEvent.PROCESS_STARTED);
    assertThat(events.findValuesAsText("operation")).as("the deletion is in the operation log").contains("Delete");
    assertThat(events.findValuesAsText("typeLabel")).contains("中止（インスタンスの削除）");
    JsonNode end = null;
    for (JsonNode e : events) {
      end = e.get("type").asText().equals(AuditEvent.PROCESS_ENDED) ? e : end;
    }
    assertThat(end).isNotNull();
    assertThat(end.get("newLabel").asText()).isEqualTo("中止");
    assertThat(end.get("detail").asText()).as("the reason given").isEqualTo("監査テスト: 中止");
  }

  @Test
  void theFiltersOfferWhatExistsWithJapaneseLabels() throws Exception {
    AuditedYear.ensure(identityService, planImports, initiatives, taskService, runtimeService);
    JsonNode choices = JSON.readTree(get("/api/audit/filters?processDefinitionKey="
        + InitiativeLifecycle.PROCESS_KEY).getBody());
    assertThat(choices.get("states").findValuesAsText("label")).containsExactly("すべて", "終了（完了・中止）", "実行中");
    assertThat(pairs(choices.get("fiscalYears"))).contains(AuditedYear.YEAR + "=" + AuditedYear.YEAR + "年度",
        YEAR + "=" + YEAR + "年度");
    assertThat(pairs(choices.get("workstreams"))).as("the plans' names, for codes of years without a plan too")
        .contains("hiroba=「まちのひろば」の推進");
    assertThat(pairs(choices.get("outcomes"))).contains("continue=継続実施");
    // Other tests share this database and decide outcomes of their own: the offer is held to what the history has.
    List<String> decided = historyService.createHistoricVariableInstanceQuery()
        .processDefinitionKey(InitiativeLifecycle.PROCESS_KEY).variableName(InitiativeLifecycle.Var.DECIDED_OUTCOME)
        .list().stream().map(v -> v.getValue()).filter(java.util.Objects::nonNull).map(String::valueOf).distinct()
        .toList();
    assertThat(choices.get("outcomes").findValuesAsText("value")).as("only outcomes some instance was decided with")
        .containsExactlyInAnyOrderElementsOf(decided);
    for (JsonNode group : List.of(choices.get("fiscalYears"), choices.get("workstreams"), choices.get("outcomes"))) {
      assertThat(group.findValuesAsText("label")).allSatisfy(label -> assertThat(label).doesNotContainPattern(
          "^[A-Za-z-]+$"));
    }

    JsonNode rows = list("fiscalYear=" + AuditedYear.YEAR + "&workstream=hiroba&state=finished");
    assertThat(rows.findValuesAsText("title")).contains(AuditedYear.TITLE);
    assertThat(rows.findValuesAsText("workstreamLabel")).containsOnly("「まちのひろば」の推進");
    assertThat(rows.findValuesAsText("outcomeLabel")).contains("継続実施");
    assertThat(get("/api/audit/filters").getStatusCode().value()).isEqualTo(400);
  }

  private static List<String> pairs(JsonNode choices) {
    List<String> pairs = new java.util.ArrayList<>();
    choices.forEach(c -> pairs.add(c.get("value").asText() + "=" + c.get("label").asText()));
    return pairs;
  }

  @Test
  void badFilterIsRefusedNamingTheParameter() {
    ResponseEntity<String> state = get("/api/audit/instances?processDefinitionKey=" + InitiativeLifecycle.PROCESS_KEY
        + "&state=closed");
    assertThat(state.getStatusCode().value()).isEqualTo(400);
    assertThat(state.getBody()).contains("state", "closed");
    ResponseEntity<String> date = get("/api/audit/instances?processDefinitionKey=" + InitiativeLifecycle.PROCESS_KEY
        + "&startedFrom=2026-13-01");
    assertThat(date.getStatusCode().value()).isEqualTo(400);
    assertThat(date.getBody()).contains("startedFrom");
    assertThat(get("/api/audit/instances").getStatusCode().value()).isEqualTo(400);
    ResponseEntity<String> missing = get("/api/audit/instances/no-such-id");
    assertThat(missing.getStatusCode().value()).isEqualTo(404);
    assertThat(missing.getBody()).as("the 404 names what is missing").contains("no-such-id");
  }

  @Test
  void staffCannotReadTheHistoryList() {
    assertThat(http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity("/api/audit/instances?"
        + "processDefinitionKey=" + InitiativeLifecycle.PROCESS_KEY, String.class).getStatusCode().value())
        .isEqualTo(403);
    assertThat(http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity("/api/audit/filters?"
        + "processDefinitionKey=" + InitiativeLifecycle.PROCESS_KEY, String.class).getStatusCode().value())
        .isEqualTo(403);
  }

  private String start(String id, String workstream) {
    return start(id, workstream, YEAR);
  }

  private String start(String id, String workstream, int year) {
    return initiatives.startIfAbsent(InitiativeStart.unplanned(id, "履歴テスト " + id, workstream, "wardTakatsu", year))
        .orElseThrow();
  }

  private JsonNode list(String query) throws Exception {
    ResponseEntity<String> response = get("/api/audit/instances?processDefinitionKey="
        + InitiativeLifecycle.PROCESS_KEY + "&" + query);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return JSON.readTree(response.getBody());
  }

  private ResponseEntity<String> get(String url) {
    return http.withBasicAuth("auditor", TestUsers.PASSWORD).getForEntity(url, String.class);
  }

  private static List<String> ids(JsonNode rows) {
    return rows.findValuesAsText("id");
  }
}
