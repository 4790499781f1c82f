package jp.shisakuflow.progress;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/progress/dashboard}: what the Cockpit schedule view draws, in one answer, with the names
 * and labels it shows and the years it offers (the current fiscal year first after next year's); asked
 * for one instance, also that instance's delays. With a {@code filter}, the initiatives, milestones, counts
 * and figures are those the filter admits; {@code filterOptions} offer what the year has, whatever the filter;
 * {@code planned}: whether the year has a plan or initiatives at all.
 */
public record Dashboard(int fiscalYear, LocalDate asOf, LocalDate yearStart, LocalDate yearEnd,
    ProgressReport progress, Map<String, String> workstreamNames, Map<String, String> groupNames,
    List<String> wardGroups, Map<ProgressStatus, String> statusLabels, List<Integer> selectableYears,
    List<MilestoneMark> milestones, Figures figures, List<Delay> delays, Filter filter, FilterOptions filterOptions,
    boolean planned) {

  /** What the view is limited to (null: any): a workstream, a group leading or sharing it, a ward, a status. */
  public record Filter(String workstream, String ownerGroup, String ward, ProgressStatus status) {

    public static final Filter NONE = new Filter(null, null, null, null);

    public Filter {
      workstream = blankToNull(workstream);
      ownerGroup = blankToNull(ownerGroup);
      ward = blankToNull(ward);
    }

    public boolean isNone() {
      return workstream == null && ownerGroup == null && ward == null && status == null;
    }

    boolean admits(ProgressReport.InitiativeProgress p) {
      return (workstream == null || workstream.equals(p.workstream()))
          && (ownerGroup == null || concerns(p, ownerGroup))
          && (ward == null || concerns(p, ward))
          && (status == null || status == p.status());
    }

    /** The group leads it, shares its tasks, or it runs in that ward. */
    static boolean concerns(ProgressReport.InitiativeProgress p, String group) {
      return group.equals(p.ownerGroup()) || p.owners() != null && p.owners().concerns(group);
    }

    /** A milestone belongs to its workstream and its lead; it has no status (see DashboardService). */
    boolean admits(MilestoneMark m) {
      return (workstream == null || workstream.equals(m.workstream()))
          && (ownerGroup == null || ownerGroup.equals(m.ownerGroup()))
          && (ward == null || ward.equals(m.ownerGroup()));
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value;
    }
  }

  /** What each filter offers: only what the year has (a group that leads, shares or runs nothing is not offered). */
  public record FilterOptions(List<Option> workstream, List<Option> ownerGroup, List<Option> ward, List<Option> status) {}

  /** One choice of a filter: its code and its label. */
  public record Option(String value, String label) {}

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
