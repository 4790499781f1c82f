package jp.shisakuflow.plan.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import jp.shisakuflow.fiscalyear.StandalonePlanServices;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.plan.PlanDocuments;
import jp.shisakuflow.progress.ProgressReport;
import jp.shisakuflow.progress.ProgressService;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code GET /api/plans/{planKey}/schedule.xlsx} and importing the workbook with {@code POST /api/plans}, over HTTP:
 * the round trip into a fresh year, an edited date that revises a running year, the errors' cells, who may.
 * Years 2081–2082.
 */
@ApiTest
class PlanWorkbookApiTest {

  static final String KEY_2081 = "FY2081-plan-fy2019-community";
  static final String KEY_2082 = "FY2082-plan-fy2019-community";

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired org.camunda.bpm.engine.RepositoryService repositoryService;
  @Autowired ProgressService progress;

  @BeforeEach
  void users() {
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
    TestUsers.ensure(identityService, "adminbook", OrganizationGroup.ADMINISTRATORS);
  }

  /** FY2081 runs the seed plan (imported as YAML; a second call changes nothing or puts the seed back). */
  private void year2081() {
    ResponseEntity<String> response = manager().postForEntity("/api/plans?fiscalYear=2081&source=fy2019-community.yaml",
        new HttpEntity<>(StandalonePlanServices.seedYaml(), type("application/yaml;charset=UTF-8")), String.class);
    assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
  }

  @Test
  void exportImportIntoAFreshYearExportIsTheSameWorkbookOneYearLater() throws IOException {
    year2081();
    ResponseEntity<byte[]> first = manager().getForEntity("/api/plans/" + KEY_2081 + "/schedule.xlsx", byte[].class);
    assertThat(first.getStatusCode().value()).isEqualTo(200);
    assertThat(first.getHeaders().getContentType().toString()).isEqualTo(PlanDocuments.XLSX);
    assertThat(first.getHeaders().getContentDisposition().getFilename()).isEqualTo("2081年度 主な取組スケジュール.xlsx");

    ResponseEntity<JsonNode> imported = importWorkbook(first.getBody(), 2082);
    assertThat(imported.getStatusCode().value()).as(String.valueOf(imported.getBody())).isEqualTo(201);
    assertThat(imported.getBody().path("planKey").asText()).isEqualTo(KEY_2082);
    assertThat(imported.getBody().path("status").asText()).isEqualTo("STARTED");
    assertThat(imported.getBody().path("initiativesStarted").asInt()).isEqualTo(29);

    ResponseEntity<byte[]> second = manager().getForEntity("/api/plans/" + KEY_2082 + "/schedule.xlsx", byte[].class);
    assertThat(second.getStatusCode().value()).isEqualTo(200);
    // Identical but for the year itself: 計画!B3 says 2082, and every date cell is one year later. The plan's words
    // (「第2四半期頃」「7月9日」) carry no year, so every other cell, value and type, is the same.
    assertSameCellsOneYearLater(first.getBody(), second.getBody());
  }

  @Test
  void anUneditedWorkbookImportedOverItsYearChangesNothing() {
    year2081();
    byte[] exported = manager().getForEntity("/api/plans/" + KEY_2081 + "/schedule.xlsx", byte[].class).getBody();
    long deployments = repositoryService.createDeploymentQuery().count();

    ResponseEntity<JsonNode> again = importWorkbook(exported, 2081);

    assertThat(again.getStatusCode().value()).as(String.valueOf(again.getBody())).isEqualTo(200);
    assertThat(again.getBody().path("status").asText()).as("the same plan in another file").isEqualTo("UNCHANGED");
    assertThat(repositoryService.createDeploymentQuery().count()).as("nothing deployed").isEqualTo(deployments);
  }

  @Test
  void anEditedDateInThePhaseListRevisesTheRunningYear() throws IOException {
    year2081();
    assertThat(plannedEnd("hiroba-model-support")).as("before").isEqualTo(LocalDate.of(2081, 9, 30));
    byte[] exported = manager().getForEntity("/api/plans/" + KEY_2081 + "/schedule.xlsx", byte[].class).getBody();
    byte[] edited = PlanWorkbookTest.edit(exported, workbook -> {
      Sheet phases = workbook.getSheet(PlanWorkbook.PHASES_SHEET);
      int end = PlanWorkbookTest.rowTexts(phases, 0).indexOf("終了");
      assertThat(PlanWorkbookTest.text(phases, 1, 1)).isEqualTo("hiroba-model-support");
      assertThat(PlanWorkbookTest.text(phases, 1, end)).isEqualTo("第2四半期");
      phases.getRow(1).getCell(end).setCellValue("第3四半期"); // 要領作成: to the end of December
    });

    ResponseEntity<JsonNode> revised = importWorkbook(edited, 2081);
    assertThat(revised.getStatusCode().value()).as(String.valueOf(revised.getBody())).isEqualTo(200);
    assertThat(revised.getBody().path("status").asText()).isEqualTo("REVISED");
    assertThat(revised.getBody().path("initiativesRevised").asInt()).isEqualTo(1);
    assertThat(plannedEnd("hiroba-model-support")).as("after").isEqualTo(LocalDate.of(2081, 12, 31));
    assertThat(plannedPeriod("hiroba-model-support")).isEqualTo("第1四半期〜第3四半期");

    byte[] again = manager().getForEntity("/api/plans/" + KEY_2081 + "/schedule.xlsx", byte[].class).getBody();
    try (Workbook workbook = PlanWorkbookTest.open(again)) {
      Sheet phases = workbook.getSheet(PlanWorkbook.PHASES_SHEET);
      assertThat(PlanWorkbookTest.text(phases, 1, PlanWorkbookTest.rowTexts(phases, 0).indexOf("終了"))).isEqualTo("第3四半期");
    }
  }

  @Test
  void anInvalidWorkbookIsRefusedWithEveryErrorAtItsCellAndNothingImported() throws IOException {
    year2081();
    byte[] exported = manager().getForEntity("/api/plans/" + KEY_2081 + "/schedule.xlsx", byte[].class).getBody();
    byte[] broken = PlanWorkbookTest.edit(exported, workbook -> {
      Sheet phases = workbook.getSheet(PlanWorkbook.PHASES_SHEET);
      int start = PlanWorkbookTest.rowTexts(phases, 0).indexOf("開始・日付");
      phases.getRow(1).getCell(start).setCellValue("2083/4/1");
      phases.getRow(2).getCell(start).setCellValue("来年");
    });
    long before = runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike("FY2081-%").count();

    ResponseEntity<JsonNode> response = importWorkbook(broken, 2081);

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    List<String> errors = new java.util.ArrayList<>();
    response.getBody().path("errors").forEach(e -> errors.add(e.path("place").asText() + ": " + e.path("message").asText()));
    assertThat(errors).hasSize(3);
    assertThat(errors.get(0)).isEqualTo("シート\"段階一覧\" セルG2: 日付が年度外です（2081年度は 2081-04-01〜2082-03-31）");
    assertThat(errors.get(1)).startsWith("シート\"段階一覧\" セルG3: 日付として読めません（来年）");
    // the checker's own error, at the cell of the line it is about: the end now lies before the moved start
    assertThat(errors.get(2)).startsWith("シート\"段階一覧\" セルH2: phase '要領作成': 終了 Q2 が開始 2083-04-01 より前です");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike("FY2081-%").count())
        .as("nothing imported").isEqualTo(before);
    assertThat(plannedEnd("hiroba-model-support")).isNotNull();
  }

  @Test
  void theYearsPlansGiveTheWorkbooksAddressAndAsOfAddsTheActuals() throws IOException {
    year2081();
    JsonNode plans = new ObjectMapper().readTree(manager().getForEntity("/api/plans?fiscalYear=2081", String.class).getBody());
    assertThat(plans.get(0).path("workbook").asText()).isEqualTo("/api/plans/" + KEY_2081 + "/schedule.xlsx");
    ResponseEntity<byte[]> response = manager().getForEntity(plans.get(0).path("workbook").asText() + "?asOf=2081-05-01",
        byte[].class);
    assertThat(response.getHeaders().getContentDisposition().getFilename())
        .isEqualTo("2081年度 主な取組スケジュール 2081-05-01.xlsx");
    try (Workbook workbook = PlanWorkbookTest.open(response.getBody())) {
      assertThat(PlanWorkbookTest.allTexts(workbook.getSheet(PlanWorkbook.SCHEDULE_SHEET))).contains("令和63年5月1日現在", "状況");
      assertThat(PlanWorkbookTest.rowTexts(workbook.getSheet(PlanWorkbook.PHASES_SHEET), 0)).endsWith("状況", "実績");
      assertThat(PlanWorkbookTest.allTexts(workbook.getSheet(PlanWorkbook.PHASES_SHEET))).contains("予定通り");
    }
  }

  @Test
  void onlyManagersAndAdministratorsMayExportOrImport() throws IOException {
    year2081();
    String url = "/api/plans/" + KEY_2081 + "/schedule.xlsx";
    assertThat(http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity(url, String.class).getStatusCode().value())
        .isEqualTo(403);
    assertThat(http.withBasicAuth("auditor", TestUsers.PASSWORD).getForEntity(url, String.class).getStatusCode().value())
        .isEqualTo(403);
    assertThat(http.getForEntity(url, String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(http.withBasicAuth("adminbook", TestUsers.PASSWORD).getForEntity(url, byte[].class).getStatusCode().value())
        .isEqualTo(200);
    byte[] workbook = manager().getForEntity(url, byte[].class).getBody();
    assertThat(http.withBasicAuth("takatsu", TestUsers.PASSWORD).postForEntity("/api/plans?fiscalYear=2082&source=x.xlsx",
        new HttpEntity<>(workbook, type(PlanDocuments.XLSX)), String.class).getStatusCode().value()).isEqualTo(403);
    assertThat(manager().getForEntity("/api/plans/FY2081-plan-nothing/schedule.xlsx", String.class)
        .getStatusCode().value()).isEqualTo(404);
  }

  // ---- helpers ----

  private LocalDate plannedEnd(String initiativeId) {
    return phase(initiativeId).end();
  }

  private String plannedPeriod(String initiativeId) {
    return phase(initiativeId).period();
  }

  private ProgressReport.Phase phase(String initiativeId) {
    return progress.report(2081, LocalDate.of(2081, 4, 1)).initiatives().stream()
        .filter(i -> i.initiativeId().equals(initiativeId)).findFirst().orElseThrow().phases().get(0);
  }

  private ResponseEntity<JsonNode> importWorkbook(byte[] workbook, int fiscalYear) {
    return manager().postForEntity("/api/plans?fiscalYear={year}&source={source}",
        new HttpEntity<>(workbook, type(PlanDocuments.XLSX)), JsonNode.class, fiscalYear, "計画表.xlsx");
  }

  private TestRestTemplate manager() {
    return http.withBasicAuth("manager", TestUsers.PASSWORD);
  }

  private static HttpHeaders type(String type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType(type));
    return headers;
  }

  /** Every cell the same value and type, except 計画's year (one more) and each date cell (one year later). */
  static void assertSameCellsOneYearLater(byte[] expected, byte[] actual) throws IOException {
    try (Workbook a = PlanWorkbookTest.open(expected); Workbook b = PlanWorkbookTest.open(actual)) {
      assertThat(PlanWorkbookTest.names(b)).isEqualTo(PlanWorkbookTest.names(a));
      int dates = 0;
      for (int s = 0; s < a.getNumberOfSheets(); s++) {
        Sheet x = a.getSheetAt(s);
        Sheet y = b.getSheetAt(s);
        assertThat(y.getLastRowNum()).as(x.getSheetName()).isEqualTo(x.getLastRowNum());
        assertThat(y.getMergedRegions()).as(x.getSheetName()).isEqualTo(x.getMergedRegions());
        for (Row row : x) {
          for (Cell cell : row) {
            Cell o = y.getRow(row.getRowNum()).getCell(cell.getColumnIndex());
            String where = x.getSheetName() + "!" + cell.getAddress();
            assertThat(o.getCellType()).as(where).isEqualTo(cell.getCellType());
            if (cell.getCellType() == CellType.STRING) {
              assertThat(o.getStringCellValue()).as(where).isEqualTo(cell.getStringCellValue());
            } else if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
              assertThat(DateUtil.isCellDateFormatted(o)).as(where).isTrue();
              assertThat(o.getLocalDateTimeCellValue().toLocalDate()).as(where)
                  .isEqualTo(cell.getLocalDateTimeCellValue().toLocalDate().plusYears(1));
              dates++;
            } else if (cell.getCellType() == CellType.NUMERIC) {
              assertThat(where).isEqualTo(PlanWorkbook.PLAN_SHEET + "!B3");
              assertThat(o.getNumericCellValue()).isEqualTo(cell.getNumericCellValue() + 1);
            }
          }
        }
      }
      assertThat(dates).isGreaterThan(20);
    }
  }
}
