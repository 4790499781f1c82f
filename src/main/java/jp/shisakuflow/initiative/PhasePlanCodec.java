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

  private PhasePlanCodec() {}

  public static String write(List<PlannedPhase> phases) {
    try {
      return JSON.writeValueAsString(phases);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write phase plan", e);
    }
  }

  /** The phases, or an empty list when the instance has no plan (started by hand). */
  public static List<PlannedPhase> read(Object phasePlan) {
    if (!(phasePlan instanceof String json) || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<PlannedPhase>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read phase plan " + json, e);
    }
  }
}
