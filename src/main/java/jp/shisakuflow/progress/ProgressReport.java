package jp.shisakuflow.progress;

import java.time.LocalDate;
import java.util.List;

/** {@code GET /api/progress}: every initiative of a fiscal year on a date, and counts per workstream and group. */
public record ProgressReport(int fiscalYear, LocalDate asOf, List<InitiativeProgress> initiatives,
    List<Summary> byWorkstream, List<Summary> byOwnerGroup) {

  /** One initiative: the phase the plan expects on the date, the one it is in, and how late it is. */
  public record InitiativeProgress(String businessKey, String processInstanceId, String initiativeId, String title,
      String workstream, String ownerGroup, Phase plannedPhase, Phase actualPhase, ProgressStatus status,
      String statusLabel, long daysLate, boolean delayFlagged, List<Phase> phases) {}

  /** A phase by its plan key and name, with its planned dates (actual phases: since when). */
  /** A phase from its first to its last possible day; {@code period} as the plan says it (「第3四半期」「7月頃」). */
  public record Phase(String key, String name, LocalDate start, LocalDate end, String period) {}

  /** Counts by status within one workstream or owner group. */
  public record Summary(String key, int total, int onSchedule, int ahead, int delayed, int completed) {}
}
