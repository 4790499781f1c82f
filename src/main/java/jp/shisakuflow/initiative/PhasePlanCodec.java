package jp.shisakuflow.initiative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;

/**
 * An initiative's planned phases as the JSON text of its {@code phasePlan} variable: a plain string,
 * readable in Cockpit and in the history, short enough for the engine's string column.
 */
public final class PhasePlanCodec {

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /**
   * The last plan read on this thread: a command reads its instance's plan many times (each gateway condition, each
   * overdue timer, the task listeners) and the text rarely changes in between.
   */
  private static final ThreadLocal<Read> LAST_READ = new ThreadLocal<>();

  private record Read(String json, List<PlannedPhase> phases) {}

  private PhasePlanCodec() {}

  public static String write(List<PlannedPhase> phases) {
    try {
      return JSON.writeValueAsString(phases);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write phase plan", e);
    }
  }

  /** The phases (unmodifiable), or an empty list when the instance has no plan (started by hand). */
  public static List<PlannedPhase> read(Object phasePlan) {
    if (!(phasePlan instanceof String json) || json.isBlank()) {
      return List.of();
    }
    Read last = LAST_READ.get();
    if (last != null && last.json().equals(json)) {
      return last.phases();
    }
    try {
      List<PlannedPhase> phases = List.copyOf(JSON.readValue(json, new TypeReference<List<PlannedPhase>>() {}));
      LAST_READ.set(new Read(json, phases));
      return phases;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read phase plan " + json, e);
    }
  }
}
