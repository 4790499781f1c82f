package jp.shisakuflow.fiscalyear;

import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanDocument;

/**
 * What importing a plan file would do, decided without writing anything ({@link PlanImportService#decide}): the
 * import acts on it, and the preview ({@code POST /api/plans/preview}) shows it.
 *
 * @param plan the checked plan, in the year it goes into
 * @param status {@code STARTED} (a new year), {@code REVISED} (the running year's plan changes) or {@code UNCHANGED}
 * @param runningPlanInstanceId the year's running {@code fiscal-year-plan} instance; null when none runs
 * @param runningDeploymentId the deployment of the plan that instance now runs by; null when none runs
 * @param yearFinished whether the plan's year already ran to its end (then nothing is imported)
 */
public record PlanImportDecision(PlanDocument document, Plan plan, PlanImportResult.Status status,
    String runningPlanInstanceId, String runningDeploymentId, boolean yearFinished) {

  /**
   * What the decision was taken against: the status and the plan the year ran by. A preview hands it out and the import
   * compares it, so that a plan imported by someone else in between is not revised against a state nobody saw.
   */
  public String basis() {
    return status + ":" + (runningDeploymentId == null ? "-" : runningDeploymentId);
  }
}
