package jp.shisakuflow.audit;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The audit trail of an initiative (JSON or CSV), and a year's export; auditors and managers. */
@RestController
public class AuditController {

  private final AuditTrailService trails;
  private final AuditExportService exports;

  public AuditController(AuditTrailService trails, AuditExportService exports) {
    this.trails = trails;
    this.exports = exports;
  }

  @GetMapping("/api/audit/initiatives/{businessKey}")
  public ResponseEntity<?> trail(@PathVariable String businessKey,
      @RequestParam(defaultValue = "json") String format) throws java.io.IOException {
    AuditTrail trail = trails.trail(businessKey).orElseThrow(() -> new ResponseStatusException(
        org.springframework.http.HttpStatus.NOT_FOUND, "施策 " + businessKey + " はありません (no such initiative)"));
    if (format.equals("json")) {
      return ResponseEntity.ok(trail);
    }
    if (!format.equals("csv")) {
      throw new IllegalArgumentException("format: json か csv を指定してください (must be json or csv, got '" + format + "')");
    }
    StringWriter out = new StringWriter();
    out.write('\uFEFF');
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL.builder()
        .setHeader("日時", "種類", "実行者", "アクティビティ", "アクティビティ名", "内容", "変更前", "変更後").get())) {
      for (AuditEvent e : trail.events()) {
        csv.printRecord(e.time(), e.type(), e.actor(), e.activityId(), e.activityName(), e.detail(), e.oldValue(),
            e.newValue());
      }
    }
    return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("audit-" + businessKey + ".csv").build().toString())
        .body(out.toString());
  }

  @GetMapping("/api/audit/export")
  public ResponseEntity<byte[]> export(@RequestParam int fiscalYear) {
    if (fiscalYear < 2000 || fiscalYear > 2100) {
      throw new IllegalArgumentException("fiscalYear: 2000〜2100 の年度を指定してください (must be 2000-2100, got "
          + fiscalYear + ")");
    }
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("audit-FY" + fiscalYear + ".zip").build().toString())
        .body(exports.export(fiscalYear));
  }
}
