package jp.shisakuflow.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import jp.shisakuflow.initiative.Coded;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.time.CityTime;

/** One row of the history list in Cockpit, with the Japanese labels of its state and outcome and its times as shown. */
public record HistoricInstanceSummary(String id, String businessKey, String title, String workstream,
    Object fiscalYear, String outcome, String state, Instant startTime, Instant endTime, String startUserId) {

  private static final Map<String, String> STATE_LABELS = Map.of("ACTIVE", "実行中", "COMPLETED", "完了",
      "EXTERNALLY_TERMINATED", "中止", "INTERNALLY_TERMINATED", "中止", "SUSPENDED", "一時停止");

  @JsonProperty
  public String stateLabel() {
    return STATE_LABELS.getOrDefault(state, state);
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
