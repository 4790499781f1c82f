package jp.shisakuflow.audit;

import java.time.Instant;

/** One row of the history list in Cockpit. */
public record HistoricInstanceSummary(String id, String businessKey, String title, String workstream,
    Object fiscalYear, String outcome, String state, Instant startTime, Instant endTime, String startUserId) {}
