package jp.shisakuflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jp.shisakuflow.initiative.InitiativeLifecycle.Element;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * An initiative worked by several people, with a reassignment and a changed value, read back as an
 * audit trail; and a year's signed export, untouched and tampered with (also by someone who recomputes
 * every hash, or signs with a key of their own).
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class AuditTrailTest {

  static final int YEAR = 2040;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String businessKey;

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired jp.shisakuflow.fiscalyear.PlanImportService planImports;
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

    JsonNode claim = find(events, "OPERATION", "Claim");
    assertThat(claim.get("actor").asText()).isEqualTo("takatsu");
    assertThat(claim.get("actorName").asText()).as("the name, not the id").isEqualTo("テスト takatsu");
    assertThat(claim.get("typeLabel").asText()).isEqualTo("担当の引き受け");
    assertThat(claim.get("activityName").asText()).as("the task's name, not its id").isEqualTo("調整");
    assertThat(claim.get("activityId").asText()).isEqualTo(Element.TASK_COORDINATE);
    JsonNode assign = find(events, "OPERATION", "Assign");
    assertThat(assign.get("actor").asText()).isEqualTo("manager");
    assertThat(assign.get("field").asText()).isEqualTo("assignee");
    assertThat(assign.get("fieldLabel").asText()).isEqualTo("担当者");
    assertThat(assign.get("oldValue").asText()).isEqualTo("takatsu");
    assertThat(assign.get("newValue").asText()).isEqualTo("takatsu2");
    assertThat(assign.get("oldLabel").asText()).isEqualTo("テスト takatsu");
    assertThat(assign.get("newLabel").asText()).isEqualTo("テスト takatsu2");
    JsonNode complete = find(events, "OPERATION", "Complete");
    assertThat(complete.get("actor").asText()).isEqualTo("takatsu2");
    assertThat(complete.get("field").isNull()).as("the engine's 'delete false → true' is not a change").isTrue();
    JsonNode change = null;
    for (JsonNode e : events) {
      if (e.get("type").asText().equals("VARIABLE_SET") && e.get("field").asText().equals("coordinationPartners")
          && !e.get("oldValue").isNull()) {
        change = e;
      }
    }
    assertThat(change).as("the changed value, old and new").isNotNull();
    assertThat(change.get("fieldLabel").asText()).as("the form's label").isEqualTo("相手方・関係課");
    assertThat(change.get("typeLabel").asText()).isEqualTo("値の変更");
    assertThat(change.get("oldValue").asText()).isEqualTo("高津区 地域振興課");
    assertThat(change.get("newValue").asText()).isEqualTo("高津区 地域振興課・まちづくり推進課");
    assertThat(change.get("actor").asText()).isEqualTo("admin");
    assertThat(events.findValuesAsText("operation")).as("the API change is shown once, as the value's change")
        .doesNotContain("SetVariable");
    boolean coordinatedByTakatsu2 = false;
    for (JsonNode e : events) {
      coordinatedByTakatsu2 |= e.get("type").asText().equals("ACTIVITY_ENDED")
          && e.get("activityId").asText().equals(Element.TASK_COORDINATE) && e.get("actor").asText().equals("takatsu2");
    }
    assertThat(coordinatedByTakatsu2).as("調整 ended, held by takatsu2").isTrue();
    assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("PROCESS_ENDED");

    var csv = as("auditor").getForEntity("/api/audit/initiatives/{key}?format=csv", String.class, businessKey);
    assertThat(csv.getBody()).startsWith("\uFEFF日時（日本時間）,種類,実行者").contains("テスト takatsu2",
        "まちづくり推進課", "担当者の変更,テスト manager,調整,担当者,テスト takatsu,テスト takatsu2");
  }

  @Test
  void aReleasedClaimReadsAsAReleaseByItsUser() throws Exception {
    InitiativeStart start = InitiativeStart.unplanned("audit-release", "担当を解除する施策", "other", "wardTakatsu", YEAR);
    String instance = initiatives.startIfAbsent(start).orElseThrow();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    assertThat(as("takatsu").postForEntity("/engine-rest/task/{id}/claim", json(Map.of("userId", "takatsu")),
        String.class, task).getStatusCode().value()).isEqualTo(204);
    assertThat(as("takatsu").postForEntity("/engine-rest/task/{id}/unclaim", json(Map.of()), String.class, task)
        .getStatusCode().value()).isEqualTo(204);

    JsonNode events = JSON.readTree(as("auditor").getForEntity("/api/audit/initiatives/{key}", String.class,
        start.businessKey()).getBody()).get("events");
    List<String> kinds = new java.util.ArrayList<>();
    for (JsonNode e : events) {
      if (e.get("type").asText().equals("OPERATION")) {
        kinds.add(e.get("typeLabel").asText() + "/" + e.get("actor").asText() + "/" + e.get("newValue").asText(""));
      }
    }
    assertThat(kinds).containsSubsequence("担当の引き受け/takatsu/takatsu", "担当を解除/takatsu/");
  }

  @Test
  void aTrailSpeaksJapaneseWithNamesLabelsAndNoUnchangedRows() throws Exception {
    String instance = AuditedYear.ensure(identityService, planImports, initiatives, taskService, runtimeService);
    JsonNode events = JSON.readTree(as("auditor").getForEntity("/api/audit/instances/{id}", String.class, instance)
        .getBody()).get("events");
    assertThat(events.size()).isGreaterThan(20);
    for (JsonNode e : events) {
      assertThat(e.get("typeLabel").asText()).as("a Japanese kind for %s", e).isNotEqualTo(e.get("type").asText())
          .doesNotContainPattern("[A-Za-z]");
      if (!e.get("field").isNull()) {
        assertThat(e.get("fieldLabel").asText()).as("a Japanese name for field %s", e.get("field"))
            .isNotEqualTo(e.get("field").asText()).doesNotContainPattern("[a-z]");
      }
      if (!e.get("activityName").isNull()) {
        assertThat(e.get("activityName").asText()).as("the model's name, not an id or a UUID")
            .doesNotContainPattern("[A-Za-z0-9]{8}-");
      }
      assertThat(e.get("detail").asText("")).as("no engine element type as the detail")
          .doesNotContain("Gateway", "startEvent", "userTask", "canceled", "completed", "COMPLETED");
      boolean unchanged = !e.get("oldValue").isNull() && e.get("oldValue").equals(e.get("newValue"));
      assertThat(unchanged).as("a row that changes nothing: %s", e).isFalse();
    }
    assertThat(events.findValues("field").stream().filter(f -> f.asText().equals("delete")))
        .as("the engine's own 'delete' flag of a completion").isEmpty();
    assertThat(events.findValues("type").stream().filter(t -> t.asText().equals("VARIABLE_SET"))
        .count()).isPositive();
    long partnerRows = 0;
    for (JsonNode e : events) {
      partnerRows += e.get("field").asText("").equals("coordinationPartners") ? 1 : 0;
    }
    assertThat(partnerRows).as("set once; the two unchanged saves are not rows").isEqualTo(1);

    JsonNode rating = field(events, Var.VERIFICATION_RATING);
    assertThat(rating.get("newValue").asText()).isEqualTo("needsImprovement");
    assertThat(rating.get("newLabel").asText()).isEqualTo("要改善");
    assertThat(rating.get("actorName").asText()).isEqualTo("佐藤 次郎");
    assertThat(rating.get("activityName").asText()).as("where it was set").isEqualTo("検証");
    assertThat(field(events, Var.WORKSTREAM).get("newLabel").asText()).as("the plan's name of the workstream")
        .isEqualTo("「まちのひろば」の推進");
    assertThat(field(events, Var.DECIDED_OUTCOME).get("newLabel").asText()).isEqualTo("継続実施");
    assertThat(field(events, Var.OWNER_GROUP).get("newLabel").asText()).isEqualTo("高津区役所");
    JsonNode claim = find(events, "OPERATION", "Claim");
    assertThat(claim.get("actorName").asText()).isEqualTo("加藤 花子");
    assertThat(claim.get("newLabel").asText()).isEqualTo("加藤 花子");
    assertThat(find(events, "OPERATION", "Assign").get("actorName").asText()).isEqualTo("鈴木 一郎");
    JsonNode gateway = null;
    for (JsonNode e : events) {
      if (e.get("activityId").asText("").equals(Element.GATEWAY_VERIFICATION_PASSED)) {
        gateway = e;
      }
    }
    assertThat(gateway).isNotNull();
    assertThat(gateway.get("typeLabel").asText()).isEqualTo("分岐");
    assertThat(gateway.get("activityName").asText()).isEqualTo("再調整が必要か");
    JsonNode end = events.get(events.size() - 1);
    assertThat(end.get("newLabel").asText()).isEqualTo("完了");

    String trailCsv = as("auditor").getForEntity("/api/audit/initiatives/{key}?format=csv", String.class,
        "FY" + AuditedYear.YEAR + "-audit-walk").getBody();
    List<String> lines = trailCsv.lines().toList();
    assertThat(lines.get(0)).isEqualTo("\uFEFF日時（日本時間）,種類,実行者,作業,項目,変更前,変更後,内容,日時（UTC）,種類コード,"
        + "操作コード,実行者ID,作業ID,項目コード,変更前（値）,変更後（値）");
    String first = events.get(0).get("time").asText();
    assertThat(lines.get(1)).as("the city's time first, UTC among the codes")
        .startsWith(jp.shisakuflow.time.CityTime.text(java.time.Instant.parse(first)) + ",開始,")
        .contains(java.time.Instant.parse(first).toString() + ",PROCESS_STARTED");
    assertThat(trailCsv).contains(",評価,,要改善,", ",verificationRating,,needsImprovement")
        .contains("担当の引き受け,加藤 花子,調整,担当者,,加藤 花子,", ",Claim," + AuditedYear.STAFF + ",Task_Coordinate,assignee")
        .doesNotContain(",Complete delete", "exclusiveGateway");
  }

  @Test
  void anUntouchedExportIsStreamedSignedAndVerifiesWithThePublishedKey(CapturedOutput output) throws Exception {
    var key = as("auditor").getForEntity("/api/audit/signing-key", String.class);
    assertThat(key.getStatusCode().value()).isEqualTo(200);
    PublicKey published = SigningKeys.readPublic(key.getBody());
    String fingerprint = SigningKeys.fingerprint(published);
    assertThat(key.getHeaders().getFirst("X-Signing-Key-Fingerprint")).isEqualTo(fingerprint);
    assertThat(key.getBody()).contains(fingerprint);

    var response = as("auditor").getForEntity("/api/audit/export?fiscalYear={year}", byte[].class, YEAR);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getContentLength()).as("streamed: no Content-Length").isEqualTo(-1);
    Map<String, byte[]> files = unzip(response.getBody());
    assertThat(files.keySet()).containsSubsequence("trails/FY2040-audit-a.json", "trails/FY2040-audit-b.json",
        "manifest.json", "manifest.sig", "signing-key.pem");
    assertThat(JSON.readTree(files.get("manifest.json")).get("keyId").asText()).isEqualTo(fingerprint);

    var result = AuditExportVerifier.verify(new ByteArrayInputStream(response.getBody()), published);
    assertThat(result.problems()).isEmpty();
    assertThat(result.signer()).contains(fingerprint);
    assertThat(result.trustedKey()).isTrue();

    Path export = write(response.getBody());
    Path keyFile = Files.writeString(Files.createTempFile("published", ".pem"), key.getBody());
    assertThat(AuditExportVerifier.run("verify", export.toString(), "--key", keyFile.toString())).isZero();
    assertThat(output.getOut()).contains("OK: ", fingerprint).doesNotContain("WARNING");
    assertThat(AuditExportVerifier.run("verify", export.toString())).as("with the key inside the ZIP").isZero();
    assertThat(output.getOut()).contains("WARNING", "--key");
  }

  @Test
  void aTrailEditedWithItsChainRecomputedFailsOnTheSignature() throws Exception {
    PublicKey published = publishedKey();
    Map<String, byte[]> files = unzip(export());
    Map<String, byte[]> edited = recomputed(files, "trails/FY2040-audit-b.json", new String(
        files.get("trails/FY2040-audit-b.json"), StandardCharsets.UTF_8).replace("監査の比較用", "改ざん後の")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(edited.get("trails/FY2040-audit-b.json")).isNotEqualTo(files.get("trails/FY2040-audit-b.json"));

    String problem = problem(edited, published);
    assertThat(problem).as("every hash and link agrees: only the signature tells").contains("bad signature")
        .doesNotContain("chain is broken", "modified");
    assertThat(AuditExportVerifier.run("verify", write(zip(edited)).toString(), "--key",
        publicKeyFile(published).toString())).isEqualTo(1);
  }

  @Test
  void anExportSignedByAnotherKeyFails() throws Exception {
    PublicKey published = publishedKey();
    Map<String, byte[]> files = unzip(export());
    KeyPair forger = SigningKeys.generate();
    Map<String, byte[]> forged = new LinkedHashMap<>(files);
    ObjectNode manifest = (ObjectNode) JSON.readTree(files.get("manifest.json"));
    manifest.put("keyId", SigningKeys.fingerprint(forger.getPublic()));
    signWith(forged, manifest, forger);
    forged.put("signing-key.pem", SigningKeys.publishedPem(forger.getPublic()).getBytes(StandardCharsets.US_ASCII));

    assertThat(problem(forged, published)).contains("signed by another key");
    var withEmbeddedKey = AuditExportVerifier.verify(new ByteArrayInputStream(zip(forged)));
    assertThat(withEmbeddedKey.intact()).as("only the fingerprint shows the forgery").isTrue();
    assertThat(withEmbeddedKey.trustedKey()).isFalse();
    assertThat(withEmbeddedKey.signer()).contains(SigningKeys.fingerprint(forger.getPublic()));
    assertThat(SigningKeys.fingerprint(forger.getPublic())).isNotEqualTo(SigningKeys.fingerprint(published));

    Map<String, byte[]> claimingTheRealKey = new LinkedHashMap<>(files);
    signWith(claimingTheRealKey, (ObjectNode) JSON.readTree(files.get("manifest.json")), forger);
    assertThat(problem(claimingTheRealKey, published)).contains("bad signature");
  }

  @Test
  void twoEntriesOfOneNameAreRefused() throws Exception {
    PublicKey published = publishedKey();
    Map<String, byte[]> files = unzip(export());
    String name = "trails/FY2040-audit-a.json";
    String twin = name.substring(0, name.length() - 1) + "X";
    Map<String, byte[]> withTwin = new LinkedHashMap<>(files);
    withTwin.put(twin, "{\"events\":[]}".getBytes(StandardCharsets.UTF_8));
    // ZipOutputStream refuses a duplicate name: the twin gets it by rewriting the name's bytes (same length).
    byte[] zip = replace(zip(withTwin), twin.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8));
    assertThat(entries(zip)).filteredOn(e -> e.getKey().equals(name)).hasSize(2);
    var result = AuditExportVerifier.verify(new ByteArrayInputStream(zip), published);
    assertThat(result.intact()).isFalse();
    assertThat(result.problem().orElseThrow()).contains(name, "duplicate entry name");
    assertThat(AuditExportVerifier.run("verify", write(zip).toString(), "--key",
        publicKeyFile(published).toString())).isEqualTo(1);
  }

  @Test
  void aZipThatShowsUnzipOtherContentsThanItsEntriesIsRefused() throws Exception {
    PublicKey published = publishedKey();
    byte[] genuine = export();
    Map<String, byte[]> files = unzip(genuine);
    String name = "trails/FY2040-audit-b.json";
    byte[] forged = zip(recomputed(files, name, "{\"events\":[]}".getBytes(StandardCharsets.UTF_8)));
    // The genuine entries, bytes that stop a reader going entry by entry, then the forged ZIP: its central
    // directory, at the end of the file, is what unzip and Explorer show.
    byte[] hiding = concat(localEntries(genuine), new byte[16], forged);
    Path file = write(hiding);
    try (var zipFile = new java.util.zip.ZipFile(file.toFile())) {
      assertThat(zipFile.getInputStream(zipFile.getEntry(name)).readAllBytes()).asString()
          .isEqualTo("{\"events\":[]}");
    }
    assertThat(AuditExportVerifier.verify(new ByteArrayInputStream(hiding), published).intact())
        .as("entry by entry, only the genuine export is seen").isTrue();

    var result = AuditExportVerifier.verify(file, published);
    assertThat(result.intact()).isFalse();
    assertThat(result.problem().orElseThrow()).contains(name, "central directory");
    assertThat(AuditExportVerifier.run("verify", file.toString(), "--key", publicKeyFile(published).toString()))
        .isEqualTo(1);
  }

  @Test
  void aModifiedRemovedOrReorderedEntryIsNamed() throws Exception {
    PublicKey published = publishedKey();
    Map<String, byte[]> files = unzip(export());

    Map<String, byte[]> oneByte = new LinkedHashMap<>(files);
    byte[] changed = oneByte.get("trails/FY2040-audit-b.json").clone();
    changed[changed.length / 2] ^= 1;
    oneByte.put("trails/FY2040-audit-b.json", changed);
    assertThat(problem(oneByte, published)).contains("entry 2 (trails/FY2040-audit-b.json)", "modified");

    ObjectNode manifest = (ObjectNode) JSON.readTree(files.get("manifest.json"));
    Map<String, byte[]> dropped = new LinkedHashMap<>(files);
    ObjectNode withoutFirst = manifest.deepCopy();
    ((ArrayNode) withoutFirst.get("entries")).remove(0);
    dropped.remove("trails/FY2040-audit-a.json");
    dropped.put("manifest.json", JSON.writeValueAsBytes(withoutFirst));
    assertThat(problem(dropped, published)).contains("entry 2 (trails/FY2040-audit-b.json)", "chain is broken",
        "bad signature");

    Map<String, byte[]> reordered = new LinkedHashMap<>(files);
    ObjectNode swapped = manifest.deepCopy();
    ArrayNode entries = (ArrayNode) swapped.get("entries");
    JsonNode first = entries.get(0);
    entries.set(0, entries.get(1));
    entries.set(1, first);
    reordered.put("manifest.json", JSON.writeValueAsBytes(swapped));
    assertThat(problem(reordered, published)).contains("entry 2 (trails/FY2040-audit-b.json)", "chain is broken");

    Map<String, byte[]> garbled = new LinkedHashMap<>(files);
    garbled.put("manifest.json", "{\"entries\": [".getBytes(StandardCharsets.UTF_8));
    assertThat(problem(garbled, published)).contains("not a valid manifest");

    Map<String, byte[]> unsigned = new LinkedHashMap<>(files);
    unsigned.remove("manifest.sig");
    assertThat(problem(unsigned, published)).contains("not signed");
    assertThat(AuditExportVerifier.run("verify", write(zip(oneByte)).toString(), "--key",
        publicKeyFile(published).toString())).isEqualTo(1);
    assertThat(AuditExportVerifier.run("verify", write(zip(files)).toString(), "--key")).as("usage").isEqualTo(2);
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
    assertThat(as("takatsu").getForEntity("/api/audit/signing-key", String.class).getStatusCode().value())
        .as("nor the signing key").isEqualTo(403);
    assertThat(as("manager").getForEntity("/api/audit/signing-key", String.class).getStatusCode().value())
        .isEqualTo(200);
  }

  private String problem(Map<String, byte[]> files, PublicKey trusted) throws Exception {
    var result = AuditExportVerifier.verify(new ByteArrayInputStream(zip(files)), trusted);
    assertThat(result.intact()).isFalse();
    return result.problem().orElseThrow();
  }

  private byte[] export() {
    var response = as("auditor").getForEntity("/api/audit/export?fiscalYear={year}", byte[].class, YEAR);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    return response.getBody();
  }

  private PublicKey publishedKey() throws Exception {
    return SigningKeys.readPublic(as("auditor").getForObject("/api/audit/signing-key", String.class));
  }

  /** The attack an unkeyed chain cannot catch: a file replaced, its hash and every later link recomputed. */
  private static Map<String, byte[]> recomputed(Map<String, byte[]> files, String file, byte[] content)
      throws Exception {
    Map<String, byte[]> edited = new LinkedHashMap<>(files);
    edited.put(file, content);
    ObjectNode manifest = (ObjectNode) JSON.readTree(files.get("manifest.json"));
    String previous = ChainedManifest.GENESIS;
    for (JsonNode node : manifest.get("entries")) {
      ObjectNode entry = (ObjectNode) node;
      String hash = ChainedManifest.sha256(edited.get(entry.get("file").asText()));
      String chain = ChainedManifest.link(previous, entry.get("file").asText(), hash);
      entry.put("sha256", hash).put("previous", previous).put("chain", chain);
      previous = chain;
    }
    edited.put("manifest.json", JSON.writeValueAsBytes(manifest));
    return edited;
  }

  private static void signWith(Map<String, byte[]> files, ObjectNode manifest, KeyPair keys) throws Exception {
    byte[] bytes = JSON.writeValueAsBytes(manifest);
    files.put("manifest.json", bytes);
    files.put("manifest.sig", Base64.getEncoder().encode(SigningKeys.sign(keys.getPrivate(), bytes)));
  }

  private static byte[] replace(byte[] bytes, byte[] from, byte[] to) {
    int replaced = 0;
    for (int i = 0; i + from.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, bytes, i, to.length);
        replaced++;
      }
    }
    assertThat(replaced).as("the name in the local header and in the central directory").isEqualTo(2);
    return bytes;
  }

  /** A ZIP's local entries: everything before its central directory (whose offset the end record holds). */
  private static byte[] localEntries(byte[] zip) {
    int end = zip.length - 22;
    assertThat(java.nio.ByteBuffer.wrap(zip, end, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt())
        .as("end of central directory record, no comment").isEqualTo(0x06054b50);
    int centralDirectory = java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(end + 16);
    return Arrays.copyOf(zip, centralDirectory);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static Path write(byte[] zip) throws Exception {
    return Files.write(Files.createTempFile("audit", ".zip"), zip);
  }

  private static Path publicKeyFile(PublicKey key) throws Exception {
    return Files.writeString(Files.createTempFile("published", ".pem"), SigningKeys.publicPem(key));
  }

  /** Every entry, duplicates included, in order (for a ZIP that a map could not hold). */
  private static java.util.List<Map.Entry<String, byte[]>> entries(byte[] bytes) throws Exception {
    java.util.List<Map.Entry<String, byte[]>> entries = new java.util.ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        entries.add(Map.entry(entry.getName(), zip.readAllBytes()));
      }
    }
    return entries;
  }

  private void complete(String instance, Map<String, Object> variables) {
    taskService.complete(taskService.createTaskQuery().processInstanceId(instance).singleResult().getId(), variables);
  }

  private static JsonNode find(JsonNode events, String type, String operation) {
    for (JsonNode e : events) {
      if (e.get("type").asText().equals(type) && e.get("operation").asText("").equals(operation)) {
        return e;
      }
    }
    throw new AssertionError("no " + type + " " + operation + " in " + events);
  }

  private static JsonNode field(JsonNode events, String field) {
    JsonNode found = null;
    for (JsonNode e : events) {
      if (e.get("field").asText("").equals(field)) {
        found = e;
      }
    }
    assertThat(found).as("a row for %s", field).isNotNull();
    return found;
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
