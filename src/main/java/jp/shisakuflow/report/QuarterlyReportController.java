package jp.shisakuflow.report;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/reports/quarterly?fiscalYear=&quarter=&format=xlsx|csv} (managers and auditors). */
@RestController
public class QuarterlyReportController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final QuarterlyReportService reports;
  private final XlsxReportWriter xlsx;
  private final CsvReportWriter csv;

  public QuarterlyReportController(QuarterlyReportService reports, XlsxReportWriter xlsx, CsvReportWriter csv) {
    this.reports = reports;
    this.xlsx = xlsx;
    this.csv = csv;
  }

  @GetMapping("/api/reports/quarterly")
  public ResponseEntity<byte[]> quarterly(@RequestParam int fiscalYear, @RequestParam int quarter,
      @RequestParam(defaultValue = "xlsx") String format) {
    if (!format.equals("xlsx") && !format.equals("csv")) {
      throw new IllegalArgumentException("format: xlsx か csv を指定してください (must be xlsx or csv, got '" + format + "')");
    }
    QuarterlyReport report = reports.report(fiscalYear, quarter);
    boolean excel = format.equals("xlsx");
    return ResponseEntity.ok()
        .contentType(excel ? XLSX : CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(report.title() + "." + format, StandardCharsets.UTF_8).build().toString())
        .body(excel ? xlsx.write(report) : csv.write(report));
  }
}
