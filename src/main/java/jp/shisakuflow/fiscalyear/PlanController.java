package jp.shisakuflow.fiscalyear;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import jp.shisakuflow.organization.CityScope;
import jp.shisakuflow.plan.PlanDocuments;
import jp.shisakuflow.security.Caller;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/plans}: imports a plan (the YAML or Excel file as the request body) into a fiscal year;
 * {@code POST /api/plans/preview}: the same file's dry run, what the import would do (writes nothing).
 */
@RestController
@RequestMapping("/api/plans")
public class PlanController {

  /** The file names a plan may have, each with the media type to send it as. */
  static final Map<String, String> FILE_TYPES = orderedMap(".yaml", "application/yaml", ".yml", "application/yaml",
      ".xlsx", PlanDocuments.XLSX);

  private final PlanImportService imports;
  private final PlanPreviewService previews;
  private final CityScope cities;

  public PlanController(PlanImportService imports, PlanPreviewService previews, CityScope cities) {
    this.imports = imports;
    this.previews = previews;
    this.cities = cities;
  }

  /**
   * @param previewed the {@code contentHash} of the preview the person saw: content that differs from it is refused
   *     (409) and nothing is imported; without it (curl, scripts) the file is imported as sent
   * @param basis the preview's {@code basis}: when the year's plan has changed since (another import), 409 and nothing
   *     is imported
   */
  @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain", PlanDocuments.XLSX})
  public ResponseEntity<PlanImportResult> importPlan(@RequestBody byte[] content,
      @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
      @RequestParam(required = false) Integer fiscalYear,
      @RequestParam(defaultValue = "api-upload.yaml") String source,
      @RequestParam(required = false) String previewed,
      @RequestParam(required = false) String basis,
      @RequestParam(required = false) String city,
      Principal principal) {
    if (previewed != null && !previewed.equalsIgnoreCase(contentHash(content))) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "確認（プレビュー）したファイルと内容が違うため、取り込みませんでした。"
          + "ファイルをもう一度選んで確認してから取り込んでください (the file differs from the one previewed; nothing imported)");
    }
    String forCity = Caller.current().orElseThrow().cityFor(city);
    PlanImportResult result = cities.call(principal.getName(), List.of(forCity), () -> imports.importPlan(
        PlanDocuments.read(source, contentType, content), fiscalYear, principal.getName(), decision -> {
          if (basis != null && !basis.equals(decision.basis())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "確認（プレビュー）の後にこの年度の計画が変わったため、"
                + "取り込みませんでした。もう一度確認してから取り込んでください (the year's plan changed since the preview; nothing"
                + " imported)");
          }
        }));
    return ResponseEntity.status(result.status() == PlanImportResult.Status.STARTED ? HttpStatus.CREATED : HttpStatus.OK)
        .body(result);
  }

  /** The dry run: 400 with every error for an invalid file; else what the import would do. Writes nothing. */
  @PostMapping(path = "/preview",
      consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain", PlanDocuments.XLSX})
  public PlanPreview preview(@RequestBody byte[] content,
      @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
      @RequestParam(required = false) Integer fiscalYear,
      @RequestParam(defaultValue = "api-upload.yaml") String source,
      @RequestParam(required = false) String city) {
    String forCity = Caller.current().orElseThrow().cityFor(city);
    return cities.call(forCity,
        () -> previews.preview(PlanDocuments.read(source, contentType, content), fiscalYear, contentHash(content)));
  }

  /**
   * {@code GET /api/plans/upload-form}: what Cockpit's 計画の取込み page offers (the years a plan may go into, this
   * year, the file names and the media type each is sent as); managers and administrators only, like the import,
   * so the page is offered to them alone.
   */
  @GetMapping("/upload-form")
  public Map<String, Object> uploadForm() {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("firstFiscalYear", FiscalYear.FIRST_SUPPORTED);
    form.put("lastFiscalYear", FiscalYear.LAST_SUPPORTED);
    form.put("currentFiscalYear", FiscalYear.containing(CityTime.today(ClockUtil.getCurrentTime())));
    form.put("accept", String.join(",", FILE_TYPES.keySet()));
    form.put("fileTypes", FILE_TYPES);
    return form;
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  /** SHA-256 of the bytes, in lower-case hex (what {@code sha256sum} prints). */
  static String contentHash(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
