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
          && e.get("activityId").asText().equals(Element.TASK_COORDINATE) && e.get("actor").asText().equals("takatsu2");
    }
    assertThat(coordinatedByTakatsu2).as("調整 ended, held by takatsu2").isTrue();
    assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("PROCESS_ENDED");

    var csv = as("auditor").getForEntity("/api/audit/initiatives/{key}?format=csv", String.class, businessKey);
    assertThat(csv.getBody()).startsWith("\uFEFF日時,種類,実行者").contains("takatsu2", "まちづくり推進課");
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
