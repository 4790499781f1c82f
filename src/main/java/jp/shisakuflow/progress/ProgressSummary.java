package jp.shisakuflow.progress;

import java.time.LocalDate;
import java.util.List;
import jp.shisakuflow.progress.ProgressReport.Summary;

/**
 * {@code GET /api/progress/summary?fiscalYear=}: the year's counts by status ({@code overall}, its key empty), per
 * workstream and per owner group, as {@link ProgressReport} has them, without the initiatives.
 */
public record ProgressSummary(int fiscalYear, LocalDate asOf, Summary overall, List<Summary> byWorkstream,
    List<Summary> byOwnerGroup) {}
