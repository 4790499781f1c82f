package jp.shisakuflow.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import jp.shisakuflow.report.SpreadsheetText;
import jp.shisakuflow.time.FiscalYear;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.format.annotation.DateTimeFormat;
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

  static final String INITIATIVE_TRAIL = "/api/audit/initiatives/{businessKey}";

  /**
   * The CSV's columns: first as people read them (the city's time, Japanese kinds, names and labels), then
   * the same facts as codes, for machines (UTC, the event kind, the engine's operation, user, element and
   * field ids, the stored values).
   */
  static final String[] CSV_HEADER = {"日時（日本時間）", "種類", "実行者", "作業", "項目", "変更前", "変更後", "内容",
      "日時（UTC）", "種類コード", "操作コード", "実行者ID", "作業ID", "項目コード", "変更前（値）", "変更後（値）"};

  static final String SIGNING_KEY_FINGERPRINT_HEADER = "X-Signing-Key-Fingerprint";

  private final AuditTrailService trails;
  private final AuditExportService exports;
  private final HistoricInstanceSearch history;
  private final AuditSigningKey signingKey;
  private final org.camunda.bpm.engine.IdentityService identityService;

  public AuditController(AuditTrailService trails, AuditExportService exports, HistoricInstanceSearch history,
      AuditSigningKey signingKey, org.camunda.bpm.engine.IdentityService identityService) {
    this.trails = trails;
    this.exports = exports;
    this.history = history;
    this.signingKey = signingKey;
    this.identityService = identityService;
  }

  /** Finished and running instances of a definition, for the Cockpit history tab. */
  @GetMapping("/api/audit/instances")
  public List<HistoricInstanceSummary> instances(@RequestParam(required = false) String processDefinitionKey,
      @RequestParam(required = false) String state, @RequestParam(required = false) Integer fiscalYear,
      @RequestParam(required = false) String workstream, @RequestParam(required = false) String outcome,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate startedFrom,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate startedTo) {
    return history.search(new HistoricInstanceFilter(processDefinitionKey, state, fiscalYear, workstream, outcome,
        startedFrom, startedTo));
  }

  /** What the history list's filters offer for a definition, values with their Japanese labels. */
  @GetMapping("/api/audit/filters")
  public HistoryFilterChoices filters(@RequestParam(required = false) String processDefinitionKey) {
    return history.choices(processDefinitionKey);
  }

  /** Every activity, actor, value change, comment and incident of one instance, by its id. */
  @GetMapping("/api/audit/instances/{processInstanceId}")
  public AuditTrail timeline(@PathVariable String processInstanceId) {
    return trails.trailOfInstance(processInstanceId).orElseThrow(() -> new ResponseStatusException(
        org.springframework.http.HttpStatus.NOT_FOUND, "プロセスインスタンス " + processInstanceId
            + " の履歴はありません (no such process instance)"));
  }

  @GetMapping(INITIATIVE_TRAIL)
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
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL.builder().setHeader(CSV_HEADER).get())) {
      for (AuditEvent e : trail.events()) {
        csv.printRecord(SpreadsheetText.cells(csvRow(e)));
      }
    }
    return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("audit-" + businessKey + ".csv").build().toString())
        .body(out.toString());
  }

  static List<Object> csvRow(AuditEvent e) {
    return Arrays.asList(e.timeText(), e.typeLabel(), e.actorName(), e.activityName(), e.fieldLabel(),
        e.oldLabel(), e.newLabel(), e.detail(), e.time().toString(), e.type(), e.operation(), e.actor(),
        e.activityId(), e.field(), e.oldValue(), e.newValue());
  }

  /**
   * The year's signed export, written to the response as it is produced (no Content-Length), in the
   * request's own thread: an asynchronous body would be cut off by the container's async timeout on a long year.
   */
  @GetMapping("/api/audit/export")
  public void export(@RequestParam int fiscalYear, HttpServletResponse response) throws java.io.IOException {
    FiscalYear.requireSupported(fiscalYear);
    response.setContentType("application/zip");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename("audit-FY" + fiscalYear + ".zip").build().toString());
    exports.export(fiscalYear, response.getOutputStream(), keyOfTheCity());
  }

  /**
   * The public key that verifies exports, for auditors: {@code verify <export.zip> --key <this file>}; the key of
   * the caller's city (of the one named by {@code city=} where they have several).
   */
  @GetMapping(value = "/api/audit/signing-key", produces = "application/x-pem-file")
  public ResponseEntity<String> signingKey() {
    AuditSigningKey.Key key = keyOfTheCity();
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("shisaku-audit-signing-key.pem").build().toString())
        .header(SIGNING_KEY_FINGERPRINT_HEADER, key.keyId())
        .body(SigningKeys.publishedPem(key.publicKey()));
  }

  /** The key of the one city the request is for; the deployment's for a request of every city or several. */
  private AuditSigningKey.Key keyOfTheCity() {
    return signingKey.forCity(jp.shisakuflow.security.Caller.citiesInScope(identityService)
        .filter(cities -> cities.size() == 1).map(cities -> cities.get(0)).orElse(null));
  }
}
