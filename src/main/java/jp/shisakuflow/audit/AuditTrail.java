package jp.shisakuflow.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import jp.shisakuflow.initiative.InitiativeProcesses;
import org.springframework.web.util.UriComponentsBuilder;

/** The whole recorded history of one initiative instance, oldest first. */
public record AuditTrail(String businessKey, String processInstanceId, String processDefinitionKey,
    List<AuditEvent> events) {

  /** Where the initiative's trail downloads as CSV; none for an instance that is not an initiative's. */
  @JsonProperty
  public String csvUrl() {
    return csvUrl(businessKey, processDefinitionKey);
  }

  /** Where an initiative's trail downloads as CSV (null for an instance that is not an initiative's). */
  static String csvUrl(String businessKey, String processDefinitionKey) {
    return businessKey != null && InitiativeProcesses.KEYS.contains(processDefinitionKey)
        ? UriComponentsBuilder.fromPath(AuditController.INITIATIVE_TRAIL).queryParam("format", "csv")
            .buildAndExpand(businessKey).encode().toUriString()
        : null;
  }
}
