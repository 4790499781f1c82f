package jp.shisakuflow.fiscalyear;

import java.security.Principal;
import jp.shisakuflow.plan.PlanDocuments;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/plans}: imports a plan (the YAML or Excel file as the request body) into a fiscal year. */
@RestController
@RequestMapping("/api/plans")
public class PlanController {

  private final PlanImportService imports;

  public PlanController(PlanImportService imports) {
    this.imports = imports;
  }

  @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain", PlanDocuments.XLSX})
  public ResponseEntity<PlanImportResult> importPlan(@RequestBody byte[] content,
      @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
      @RequestParam(required = false) Integer fiscalYear,
      @RequestParam(defaultValue = "api-upload.yaml") String source,
      Principal principal) {
    PlanImportResult result = imports.importPlan(PlanDocuments.read(source, contentType, content), fiscalYear,
        principal.getName());
    return ResponseEntity.status(result.status() == PlanImportResult.Status.STARTED ? HttpStatus.CREATED : HttpStatus.OK)
        .body(result);
  }
}
