package jp.shisakuflow.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.KnownYear;
import jp.shisakuflow.support.TestUsers;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/plans/{planKey}/chart.pdf} over HTTP: the known FY2019's sheet, who may read it, its errors. */
@ApiTest
class ChartApiTest {

  static final String SEED_CHART = "/api/plans/FY2019-plan-fy2019-community/chart.pdf";

  @Autowired TestRestTemplate http;
  @Autowired KnownYear knownYear;
  @Autowired IdentityService identityService;

  @BeforeEach
  void year() {
    knownYear.ensure();
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
  }

  @Test
  void aManagerGetsTheSheetWithTheStatusAsOfTheDate() throws Exception {
    ResponseEntity<byte[]> response = manager().getForEntity(SEED_CHART + "?asOf=2019-12-31", byte[].class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
    assertThat(response.getHeaders().getContentDisposition().getFilename())
        .isEqualTo("2019年度 主な取組スケジュール 2019-12-31.pdf");
    try (PDDocument document = Loader.loadPDF(response.getBody())) {
      A3ScheduleSheetTest.picture(document, "a3-chart"); // docs/a3-chart.png: cp target/chart/a3-chart.png docs/
      String text = A3ScheduleSheetTest.flat(new PDFTextStripper().getText(document));
      assertThat(text).contains("令和元年12月31日現在", "支援ガイドブックの作成", "第1回有識者会議（7月9日）", "次年度以降",
          "状況：予定通り前倒し遅延完了");
      // the known year on 31 December: the guidebook is late, the booklet ahead, the repeal done
      assertThat(text).contains("●支援ガイドブックの作成遅延", "●「まちのひろば」普及啓発冊子の作成・のれん作成WSの開催前倒し",
          "●区民会議条例の廃止及び関係例規の整理完了");
    }
  }

  @Test
  void theYearsPlansGiveTheSheetsAddress() throws Exception {
    ResponseEntity<String> response = manager().getForEntity("/api/plans?fiscalYear=2019", String.class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    JsonNode plans = new ObjectMapper().readTree(response.getBody());
    assertThat(plans).hasSize(1);
    assertThat(plans.get(0).path("planKey").asText()).isEqualTo("FY2019-plan-fy2019-community");
    assertThat(plans.get(0).path("chart").asText()).isEqualTo(SEED_CHART);
    assertThat(plans.get(0).path("title").asText()).endsWith("今年度の主な取組スケジュール（案）");
    assertThat(new ObjectMapper().readTree(manager().getForEntity("/api/plans?fiscalYear=2077", String.class).getBody()))
        .isEmpty();
    assertThat(http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity("/api/plans?fiscalYear=2019", String.class)
        .getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void onlyManagersAndAdministratorsMayReadIt() {
    assertThat(http.withBasicAuth("auditor", TestUsers.PASSWORD).getForEntity(SEED_CHART, String.class)
        .getStatusCode().value()).isEqualTo(403);
    assertThat(http.withBasicAuth("takatsu", TestUsers.PASSWORD).getForEntity(SEED_CHART, String.class)
        .getStatusCode().value()).isEqualTo(403);
    assertThat(http.getForEntity(SEED_CHART, String.class).getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void anUnknownPlanIsNotFoundInJapanese() throws Exception {
    for (String key : new String[] {"FY2077-plan-nothing", "no-such-key", "FY9999-plan-fy2019-community"}) {
      JsonNode problem = problem(manager().getForEntity("/api/plans/" + key + "/chart.pdf", String.class), 404);
      assertThat(problem.path("title").asText()).isEqualTo("見つかりません");
      assertThat(problem.path("detail").asText()).contains("計画 '" + key + "' はありません");
    }
  }

  @Test
  void aBadDateIsABadRequestInJapanese() throws Exception {
    JsonNode problem = problem(manager().getForEntity(SEED_CHART + "?asOf=2019-13-45", String.class), 400);
    assertThat(problem.path("detail").asText()).contains("asOf: 日付は YYYY-MM-DD で指定してください", "2019-13-45");
  }

  private TestRestTemplate manager() {
    return http.withBasicAuth("manager", TestUsers.PASSWORD);
  }

  private static JsonNode problem(ResponseEntity<String> response, int status) throws Exception {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    return new ObjectMapper().readTree(response.getBody());
  }
}
