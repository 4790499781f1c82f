package jp.shisakuflow.progress;

import java.time.LocalDate;
import java.util.List;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import jp.shisakuflow.progress.ProgressReport.Summary;

/**
 * {@code GET /api/progress?fiscalYear=&page=&size=}: {@link ProgressReport}'s answer with one page of its initiatives
 * (in the same order), the counts of the whole year, and {@code page}, {@code size}, {@code total} (the year's
 * initiatives).
 */
public record ProgressPage(int fiscalYear, LocalDate asOf, List<InitiativeProgress> initiatives,
    List<Summary> byWorkstream, List<Summary> byOwnerGroup, int page, int size, int total) {

  public ProgressPage {
    initiatives = List.copyOf(initiatives);
  }
}
