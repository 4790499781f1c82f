package jp.shisakuflow.fiscalyear;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.StatementCounter;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
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

/**
 * {@code POST /api/plans/preview} over HTTP: the dry run says what the import then does (a new year, a revision with
 * its old → new dates, nothing), writes nothing, and neither a file that changed after it nor a year whose plan
 * changed since is imported. FY2083.
 */
@ApiTest
class PlanPreviewApiTest {

  static final int YEAR = 2083;

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;

  @BeforeEach
  void users() {
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
  }

  @Test
  void theDryRunSaysWhatTheImportDoesAndWritesNothing() {
    // A new year: every initiative would start, with its phases in the plan's words.
    String seed = StandalonePlanServices.seedYaml();
    Map<String, Object> fresh = previewWritingNothing(seed);
    assertThat(fresh).containsEntry("status", "STARTED").containsEntry("planKey", "FY2083-plan-fy2019-community")
        .containsEntry("fiscalYear", YEAR).containsEntry("fiscalYearText", "2083年度")
        .containsEntry("statusText", "2083年度の計画として新しく取り込みます。施策 29 件を開始します");
    List<Map<String, Object>> starting = list(fresh, "initiativesToStart");
    assertThat(starting).hasSize(29);
    assertThat(starting).filteredOn(i -> i.get("id").equals("hiroba-model-support")).singleElement()
        .satisfies(i -> {
          assertThat(i).containsEntry("title", "モデル事業実施支援").containsEntry("workstream", "「まちのひろば」の推進");
          assertThat((String) i.get("owners")).startsWith("主担当: ");
          assertThat(i.get("phases")).isEqualTo(List.of(Map.of("name", "要領作成", "period", "第1四半期〜第2四半期"),
              Map.of("name", "募集開始・支援実施", "period", "第3四半期〜第4四半期")));
        });
    assertThat(list(fresh, "changedInitiatives")).isEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike("FY2083-%").count())
        .as("nothing started").isZero();

    // Imported as previewed: what the dry run said.
    AtomicReference<ResponseEntity<Map>> importing = new AtomicReference<>();
    List<String> importWrites = StatementCounter.writesDuring(
        () -> importing.set(importPlan(seed, fresh)));
    assertThat(requestWrites(importWrites)).as("the recorder sees what a request writes").isNotEmpty();
    ResponseEntity<Map> started = importing.get();
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(started.getBody()).containsEntry("status", "STARTED").containsEntry("initiativesStarted", 29)
        .containsEntry("summaryText", "2083年度の計画を取り込みました。施策 29 件を開始しました");

    // The same file again: nothing would change.
    assertThat(previewWritingNothing(seed)).containsEntry("status", "UNCHANGED")
        .containsEntry("statusText", "同じ計画が取り込み済みです。取り込んでも何も変わりません");

    // A revision: one item's phase ends later (a vague date stays vague), one meeting moves.
    String revised = StandalonePlanServices.seedYamlReplacing(
        "{ stage: coordinate, name: 要領作成, start: Q1, end: Q2 }", "{ stage: coordinate, name: 要領作成, start: Q1, end: about Q3 }",
        "kind: meeting, date: 2019-07-09,", "kind: meeting, date: 2019-07-16,");
    Map<String, Object> revision = previewWritingNothing(revised);
    assertThat(revision).containsEntry("status", "REVISED").containsEntry("statusText",
        "実行中の2083年度の計画を改定します。予定が変わる施策 1 件、新しく開始する施策 0 件、日付が変わるマイルストーン 1 件");
    assertThat(list(revision, "initiativesToStart")).isEmpty();
    assertThat(list(revision, "changedInitiatives")).singleElement().satisfies(i -> {
      assertThat(i).containsEntry("id", "hiroba-model-support").containsEntry("title", "モデル事業実施支援");
      assertThat(i.get("phases")).isEqualTo(List.of(
          Map.of("name", "要領作成", "before", "第1四半期〜第2四半期", "after", "第1四半期〜第3四半期頃", "changed", true),
          Map.of("name", "募集開始・支援実施", "before", "第3四半期〜第4四半期", "after", "第3四半期〜第4四半期",
              "changed", false)));
    });
    assertThat(list(revision, "movedMilestones")).singleElement().isEqualTo(Map.of("id", "expert-council-1",
        "title", "第1回有識者会議", "before", "7月9日", "after", "7月16日"));

    // A file changed after its preview is refused, in Japanese, and nothing is revised.
    String other = revised.replace("end: about Q3 }", "end: Q4 }");
    ResponseEntity<Map> conflict = importPlan(other, revision);
    assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(conflict.getBody()).containsEntry("title", "他の操作と競合しました");
    assertThat((String) conflict.getBody().get("detail")).startsWith("確認（プレビュー）したファイルと内容が違うため");
    assertThat(previewWritingNothing(revised)).as("still the revision previewed").containsEntry("status", "REVISED");

    ResponseEntity<Map> applied = importPlan(revised, revision);
    assertThat(applied.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(applied.getBody()).containsEntry("status", "REVISED").containsEntry("initiativesRevised", 1)
        .containsEntry("initiativesStarted", 0);

    // The same preview applied once more: the year's plan is no longer what the preview was taken against.
    ResponseEntity<Map> stale = importPlan(revised, revision);
    assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) stale.getBody().get("detail")).startsWith("確認（プレビュー）の後にこの年度の計画が変わったため");
  }

  @Test
  void anInvalidFileIsAnsweredWithEveryErrorAndItsLine() {
    String broken = StandalonePlanServices.seedYamlReplacing(
        "counterparts: [legalAffairs]", "counterparts: [legalDept]",
        "date: 2019-07-09", "date: 2020-07-09");
    AtomicReference<ResponseEntity<Map>> response = new AtomicReference<>();
    List<String> writes = StatementCounter.writesDuring(() -> response.set(preview("manager", broken, "seed.yaml")));
    assertThat(response.get().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.get().getBody()).containsEntry("title", "計画ファイルに誤りがあります");
    List<Map<String, Object>> errors = (List<Map<String, Object>>) response.get().getBody().get("errors");
    assertThat(errors).hasSize(2).allSatisfy(e -> assertThat((Integer) e.get("line")).isPositive());
    assertThat(requestWrites(writes)).isEmpty();
  }

  @Test
  void onlyThoseWhoMayImportMayPreviewOrSeeTheUploadForm() {
    assertThat(preview("takatsu", StandalonePlanServices.seedYaml(), "seed.yaml").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.postForEntity("/api/plans/preview", new HttpEntity<>("x", yaml()), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity("/api/plans/upload-form", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map> form = http.withBasicAuth("manager", TestUsers.PASSWORD)
        .getForEntity("/api/plans/upload-form", Map.class);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody()).containsEntry("accept", ".yaml,.yml,.xlsx").containsKey("currentFiscalYear");
  }

  /** The preview of {@code yaml} into FY2083 by the manager, which must write nothing (no deployment, nothing). */
  private Map<String, Object> previewWritingNothing(String yaml) {
    long deployments = repositoryService.createDeploymentQuery().count();
    long details = historyService.createHistoricDetailQuery().count();
    AtomicReference<ResponseEntity<Map>> response = new AtomicReference<>();
    List<String> writes = StatementCounter.writesDuring(() -> response.set(preview("manager", yaml, "seed.yaml")));
    assertThat(response.get().getStatusCode()).as(String.valueOf(response.get().getBody())).isEqualTo(HttpStatus.OK);
    assertThat(requestWrites(writes)).as("statements written while answering the preview").isEmpty();
    assertThat(repositoryService.createDeploymentQuery().count()).as("deployments").isEqualTo(deployments);
    assertThat(historyService.createHistoricDetailQuery().count()).as("variable changes").isEqualTo(details);
    return response.get().getBody();
  }

  /** The writes of the server's request threads (the job executor works on its own, for other tests' years). */
  private static List<String> requestWrites(List<String> writes) {
    return writes.stream().filter(w -> w.startsWith("http-")).toList();
  }

  private ResponseEntity<Map> preview(String user, String yaml, String source) {
    return http.withBasicAuth(user, TestUsers.PASSWORD).postForEntity(
        "/api/plans/preview?fiscalYear={year}&source={source}", new HttpEntity<>(yaml, yaml()), Map.class, YEAR,
        source);
  }

  /** Imports into FY2083 as the page does after a preview: with the preview's content hash and basis. */
  private ResponseEntity<Map> importPlan(String yaml, Map<String, Object> preview) {
    return http.withBasicAuth("manager", TestUsers.PASSWORD).postForEntity(
        "/api/plans?fiscalYear={year}&source=seed.yaml&previewed={hash}&basis={basis}", new HttpEntity<>(yaml, yaml()),
        Map.class, YEAR, preview.get("contentHash"), preview.get("basis"));
  }

  private static List<Map<String, Object>> list(Map<String, Object> body, String name) {
    return (List<Map<String, Object>>) body.get(name);
  }

  private static HttpHeaders yaml() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"));
    return headers;
  }
}
