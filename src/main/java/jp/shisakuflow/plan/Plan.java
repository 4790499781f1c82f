package jp.shisakuflow.plan;

import java.util.List;
import java.util.Optional;
import jp.shisakuflow.initiative.BusinessKey;

/**
 * A yearly schedule: workstreams, the initiatives with their planned phases, and dated milestones.
 * Read from {@code processes/plans/*.yaml} by {@link PlanParser}; always valid once built.
 */
public record Plan(String id, String title, int fiscalYear, List<Workstream> workstreams,
    List<PlannedInitiative> initiatives, List<Milestone> milestones) {

  /** What the id of a plan's own business key starts with: {@code FY2019-plan-community}. */
  public static final String KEY_PREFIX = "plan-";

  public record Workstream(String id, String name) {}

  /** How the office marks a schedule it may still change: the title ends with 「（案）」. */
  public static final String DRAFT = "（案）";

  /** The title as the chart and the workbook print it: the plan's, marked as a draft (「…スケジュール（案）」). */
  public String draftTitle() {
    return title.endsWith(DRAFT) ? title : title + DRAFT;
  }

  public Optional<PlannedInitiative> initiative(String initiativeId) {
    return initiatives.stream().filter(i -> i.id().equals(initiativeId)).findFirst();
  }

  public Optional<Workstream> workstream(String workstreamId) {
    return workstreams.stream().filter(w -> w.id().equals(workstreamId)).findFirst();
  }

  /**
   * Whether {@code other} plans the same things, wherever in its file each was written (a plan read back from its
   * workbook has other YAML lines than the file it was imported from).
   */
  public boolean sameContent(Plan other) {
    return withoutLines().equals(other.withoutLines());
  }

  /** The plan without the lines of its file it was read at. */
  public Plan withoutLines() {
    return new Plan(id, title, fiscalYear, workstreams,
        initiatives.stream().map(i -> new PlannedInitiative(i.id(), i.title(), i.workstream(), i.owners(), i.wards(),
            i.phases(), i.links(), i.nextYear(), i.nextYearLabel(), 0)).toList(),
        milestones.stream().map(m -> new Milestone(m.id(), m.title(), m.kind(), m.date(), m.workstream(),
            m.ownerGroup(), m.about(), 0)).toList());
  }

  /** The same plan in another fiscal year: every date moved by whole years. */
  public Plan inFiscalYear(int targetYear) {
    int years = targetYear - fiscalYear;
    if (years == 0) {
      return this;
    }
    return new Plan(id, title, targetYear, workstreams,
        initiatives.stream().map(i -> i.shiftedByYears(years)).toList(),
        milestones.stream().map(m -> m.shiftedByYears(years)).toList());
  }

  /** The business key of the plan's {@code fiscal-year-plan} instance. */
  public String businessKey() {
    return BusinessKey.of(fiscalYear, KEY_PREFIX + id).toString();
  }
}
