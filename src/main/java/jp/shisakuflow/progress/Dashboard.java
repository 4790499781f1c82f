package jp.shisakuflow.progress;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/progress/dashboard}: what the Cockpit schedule view draws, in one answer, with the names
 * and labels it shows and the years it offers (the current fiscal year first after next year's); asked
 * for one instance, also that instance's delays.
 */
public record Dashboard(int fiscalYear, LocalDate asOf, LocalDate yearStart, LocalDate yearEnd,
    ProgressReport progress, Map<String, String> workstreamNames, Map<String, String> groupNames,
    List<String> wardGroups, Map<ProgressStatus, String> statusLabels, List<Integer> selectableYears,
    List<MilestoneMark> milestones, Figures figures, List<Delay> delays) {

  /** A delay of the instance asked for: its escalation task, when it was raised and when handled (or not yet). */
  public record Delay(String name, LocalDate detected, LocalDate handled) {}

  /**
   * A ▲ on the chart: on its day when {@code exact}, otherwise anywhere from {@code date} to {@code until},
   * which {@code dateText} says as the plan does (「第2四半期頃」); {@code about}: the titles of the items
   * discussed there.
   */
  public record MilestoneMark(String id, String title, String kind, String kindLabel, LocalDate date, LocalDate until,
      String dateText, boolean exact, String workstream, String ownerGroup, List<String> about) {}

  /** The figures beside the chart. */
  public record Figures(Map<String, Long> overdueTasksByGroup, List<PhaseDuration> phaseDurations,
      List<QuarterTrend> trend) {}

  /** Days spent in a phase, over the phases finished in the year. */
  public record PhaseDuration(String phase, String name, int count, double medianDays, double p90Days) {}

  /** Counts by status at a quarter's end (or today, for the quarter under way). */
  public record QuarterTrend(int quarter, LocalDate asOf, int onSchedule, int ahead, int delayed, int completed) {}
}
