package jp.shisakuflow.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import jp.shisakuflow.initiative.Coded;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.time.CityTime;

/**
 * One row of the history list in Cockpit: the codes, and the Japanese labels of its workstream, state and
 * outcome and its times as shown, and where an initiative's trail downloads.
 */
public record HistoricInstanceSummary(String id, String businessKey, String title, String workstream,
    String workstreamLabel, Object fiscalYear, String outcome, String state, Instant startTime, Instant endTime,
    String startUserId, @JsonIgnore String processDefinitionKey) {

  /** The initiative's trail as CSV, offered on its row of the list (the same address as its timeline's). */
  @JsonProperty
  public String csvUrl() {
    return AuditTrail.csvUrl(businessKey, processDefinitionKey);
  }

  @JsonProperty
  public String stateLabel() {
    return AuditLabels.instanceState(state);
  }

  @JsonProperty
  public String startTimeText() {
    return CityTime.text(startTime);
  }

  @JsonProperty
  public String endTimeText() {
    return CityTime.text(endTime);
  }

  @JsonProperty
  public String outcomeLabel() {
    return outcome == null ? null : Coded.fromCode(Outcome.class, outcome).map(Outcome::labelJa).orElse(outcome);
  }
}
