package jp.shisakuflow.audit;

import java.util.List;

/** The whole recorded history of one initiative instance, oldest first. */
public record AuditTrail(String businessKey, String processInstanceId, String processDefinitionKey,
    List<AuditEvent> events) {}
