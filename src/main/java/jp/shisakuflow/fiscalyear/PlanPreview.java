package jp.shisakuflow.fiscalyear;

import java.util.List;

/**
 * What importing a plan file would do, for the person about to import it ({@code POST /api/plans/preview}); nothing
 * of it is written. Dates are in the plan's words (「7月頃」「第3四半期」), never an invented day; every text a
 * screen shows is here, in Japanese.
 *
 * @param statusText the decision in a sentence: 「2083年度の計画として取り込みます。施策 29 件を開始します」
 * @param contentHash SHA-256 (hex) of the file as previewed: {@code POST /api/plans?previewed=} refuses other content
 * @param basis what the decision was taken against ({@link PlanImportDecision#basis}): {@code POST /api/plans?basis=}
 *     refuses to import when the year's plan has changed since (someone else imported meanwhile)
 */
public record PlanPreview(String planId, String title, int fiscalYear, String fiscalYearText, String planKey,
    String source, PlanImportResult.Status status, String statusText, String contentHash, String basis,
    List<StartingInitiative> initiativesToStart, List<ChangedInitiative> changedInitiatives,
    List<MovedMilestone> movedMilestones) {

  /** An initiative the import would start, with its planned phases. */
  public record StartingInitiative(String id, String title, String workstream, String owners, List<Phase> phases) {}

  /** A planned phase and its period as the plan gives it. */
  public record Phase(String name, String period) {}

  /** A running initiative whose planned phases the import would change: every phase, old → new. */
  public record ChangedInitiative(String id, String title, String workstream, List<PhaseChange> phases) {}

  /** One phase before and after; {@code changed} marks those that differ. 「（なし）」 for a phase added or removed. */
  public record PhaseChange(String name, String before, String after, boolean changed) {}

  /** A milestone (▲) whose date the import would move. */
  public record MovedMilestone(String id, String title, String before, String after) {}
}
