package jp.shisakuflow.fiscalyear;

/** What an import did: {@code started} a new year, {@code revised} a running one, or nothing ({@code unchanged}). */
public record PlanImportResult(String planKey, int fiscalYear, Status status, int initiativesStarted,
    int initiativesRevised) {

  /** The import's effect. */
  public enum Status { STARTED, REVISED, UNCHANGED }
}
