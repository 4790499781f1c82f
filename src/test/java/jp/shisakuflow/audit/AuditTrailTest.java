package jp.shisakuflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
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
 * An initiative worked by several people, with a reassignment and a changed value, read back as an
 * audit trail; and a year's export, untouched and tampered with.
 */
@ApiTest
class AuditTrailTest {

  static final int YEAR = 2040;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String businessKey;

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @org.springframework.beans.factory.annotation.Value("${shisaku.admin.password}") String adminPassword;

  @BeforeEach
  void workedInitiative() {
    if (businessKey != null) {
      return;
    }
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "takatsu2", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
    for (String id : List.of("audit-b", "audit-c")) {
      initiatives.startIfAbsent(InitiativeStart.unplanned(id, "監査の比較用 " + id, "other", "wardTakatsu", YEAR));
    }
    InitiativeStart start = InitiativeStart.unplanned("audit-a", "監査テストの施策", "hiroba", "wardTakatsu", YEAR);
    String instance = initiatives.startIfAbsent(start).orElseThrow();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

    assertThat(as("takatsu").postForEntity("/engine-rest/task/{id}/claim", json(Map.of("userId", "takatsu")),
        String.class, task).getStatusCode().value()).isEqualTo(204);
    assertThat(as("manager").postForEntity("/engine-rest/task/{id}/assignee", json(Map.of("userId", "takatsu2")),
        String.class, task).getStatusCode().value()).isEqualTo(204);
    assertThat(as("takatsu2").postForEntity("/engine-rest/task/{id}/complete", json(Map.of("variables",
        Map.of("coordinationPartners", Map.of("value", "高津区 地域振興課")))), String.class, task)
        .getStatusCode().value()).isEqualTo(204);
    // The administrator corrects a value through the API.
    assertThat(http.withBasicAuth("admin", adminPassword).exchange(
        "/engine-rest/process-instance/{id}/variables/coordinationPartners",
        HttpMethod.PUT, json(Map.of("value", "高津区 地域振興課・まちづくり推進課", "type", "String")), String.class,
        instance).getStatusCode().value()).isEqualTo(204);
    complete(instance, Map.of());
    complete(instance, Map.of(Var.VERIFICATION_RATING, "good", Var.ACHIEVEMENT_RATE, 90));
    complete(instance, Map.of(Var.DECIDED_OUTCOME, "continue"));
    complete(instance, Map.of());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    businessKey = start.businessKey();
  }

  @Test
  void theTrailShowsEveryStepActorAndValue() throws Exception {
    var response = as("auditor").getForEntity("/api/audit/initiatives/{key}", String.class, businessKey);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    JsonNode events = JSON.readTree(response.getBody()).get("events");

    assertThat(find(events, "OPERATION", "Claim").get("actor").asText()).isEqualTo("takatsu");
    JsonNode assign = find(events, "OPERATION", "Assign");
    assertThat(assign.get("actor").asText()).isEqualTo("manager");
    assertThat(assign.get("oldValue").asText()).isEqualTo("takatsu");
    assertThat(assign.get("newValue").asText()).isEqualTo("takatsu2");
    assertThat(find(events, "OPERATION", "Complete").get("actor").asText()).isEqualTo("takatsu2");
    JsonNode change = null;
    for (JsonNode e : events) {
      if (e.get("type").asText().equals("VARIABLE_SET") && e.get("detail").asText().startsWith("coordinationPartners")
          && !e.get("oldValue").isNull()) {
        change = e;
      }
    }
    assertThat(change).as("the changed value, old and new").isNotNull();
    assertThat(change.get("oldValue").asText()).isEqualTo("高津区 地域振興課");
    assertThat(change.get("newValue").asText()).isEqualTo("高津区 地域振興課・まちづくり推進課");
    assertThat(change.get("actor").asText()).isEqualTo("admin");
    boolean coordinatedByTakatsu2 = false;
    for (JsonNode e : events) {
      coordinatedByTakatsu2 |= e.get("type").asText().equals("ACTIVITY_ENDED")
          && e.get("activityId").asText().equals("Task_Coordinate") && e.get("actor").asText().equals("takatsu2");
    }
    assertThat(coordinatedByTakatsu2).as("調整 ended, held by takatsu2").isTrue();
    assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("PROCESS_ENDED");

    var csv = as("auditor").getForEntity("/api/audit/initiatives/{key}?format=csv", String.class, businessKey);
    assertThat(csv.getBody()).startsWith("\uFEFF日時,種類,実行者").contains("takatsu2", "まちづくり推進課");
  }

  @Test
  void anUntouchedExportVerifiesAndEveryTamperingIsNamed() throws Exception {
    var response = as("auditor").getForEntity("/api/audit/export?fiscalYear={year}", byte[].class, YEAR);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    Map<String, byte[]> files = unzip(response.getBody());
    assertThat(files.keySet()).contains("manifest.json", "trails/FY2040-audit-a.json", "trails/FY2040-audit-b.json");

    assertThat(AuditExportVerifier.verify(new ByteArrayInputStream(zip(files))).intact()).isTrue();

    Map<String, byte[]> oneByte = new LinkedHashMap<>(files);
    byte[] changed = oneByte.get("trails/FY2040-audit-b.json").clone();
    changed[changed.length / 2] ^= 1;
    oneByte.put("trails/FY2040-audit-b.json", changed);
    assertThat(problem(oneByte)).contains("entry 2 (trails/FY2040-audit-b.json)", "modified");

    ObjectNode manifest = (ObjectNode) JSON.readTree(files.get("manifest.json"));
    Map<String, byte[]> dropped = new LinkedHashMap<>(files);
    ObjectNode withoutFirst = manifest.deepCopy();
    ((ArrayNode) withoutFirst.get("entries")).remove(0);
    dropped.remove("trails/FY2040-audit-a.json");
    dropped.put("manifest.json", JSON.writeValueAsBytes(withoutFirst));
    assertThat(problem(dropped)).contains("entry 2 (trails/FY2040-audit-b.json)", "chain is broken");

    Map<String, byte[]> reordered = new LinkedHashMap<>(files);
    ObjectNode swapped = manifest.deepCopy();
    ArrayNode entries = (ArrayNode) swapped.get("entries");
    JsonNode first = entries.get(0);
    entries.set(0, entries.get(1));
    entries.set(1, first);
    reordered.put("manifest.json", JSON.writeValueAsBytes(swapped));
    assertThat(problem(reordered)).contains("entry 2 (trails/FY2040-audit-b.json)", "chain is broken");

    Path export = Files.createTempFile("audit", ".zip");
    Files.write(export, zip(files));
    assertThat(AuditExportVerifier.run("verify", export.toString())).isZero();
    Files.write(export, zip(oneByte));
    assertThat(AuditExportVerifier.run("verify", export.toString())).isEqualTo(1);
  }

  @Test
  void auditorsChangeNothing() {
    assertThat(as("auditor").postForEntity("/api/plans", new HttpEntity<>("id: x", yaml()), String.class)
        .getStatusCode().value()).isEqualTo(403);
    assertThat(as("auditor").exchange("/engine-rest/process-instance/{id}/variables/title", HttpMethod.PUT,
        json(Map.of("value", "改ざん")), String.class, runtimeService.createProcessInstanceQuery()
            .processInstanceBusinessKey("FY2040-audit-b").singleResult().getId()).getStatusCode().value())
        .isEqualTo(403);
    assertThat(as("takatsu").getForEntity("/api/audit/export?fiscalYear=2040", String.class).getStatusCode().value())
        .as("ward staff may not read the audit trail").isEqualTo(403);
  }

  private String problem(Map<String, byte[]> files) throws Exception {
    var result = AuditExportVerifier.verify(new ByteArrayInputStream(zip(files)));
    assertThat(result.intact()).isFalse();
    return result.problem().orElseThrow();
  }

  private void complete(String instance, Map<String, Object> variables) {
    taskService.complete(taskService.createTaskQuery().processInstanceId(instance).singleResult().getId(), variables);
  }

  private static JsonNode find(JsonNode events, String type, String detailStart) {
    for (JsonNode e : events) {
      if (e.get("type").asText().equals(type) && e.get("detail").asText().startsWith(detailStart)) {
        return e;
      }
    }
    throw new AssertionError("no " + type + " " + detailStart + " in " + events);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, TestUsers.PASSWORD);
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private static HttpHeaders yaml() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml"));
    return headers;
  }

  private static Map<String, byte[]> unzip(byte[] bytes) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        files.put(entry.getName(), zip.readAllBytes());
      }
    }
    return files;
  }

  private static byte[] zip(Map<String, byte[]> files) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (var file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
