package jp.shisakuflow.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.progress.ProgressReport;

/** 四半期進捗報告: the progress of a fiscal year at a quarter's end, grouped by workstream. */
public record QuarterlyReport(int fiscalYear, int quarter, LocalDate asOf, ProgressReport progress,
    Map<String, String> workstreamNames, Map<String, String> latestComments) {

  public String workstreamName(String workstream) {
    return workstreamNames.getOrDefault(workstream, workstream);
  }

  /** The initiatives by workstream, each in the report's order. */
  public Map<String, List<ProgressReport.InitiativeProgress>> initiativesByWorkstream() {
    return progress.initiatives().stream().collect(java.util.stream.Collectors.groupingBy(
        ProgressReport.InitiativeProgress::workstream, java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
  }

  public String title() {
    return fiscalYear + "年度 第" + quarter + "四半期 進捗報告";
  }
}
