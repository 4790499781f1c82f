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

  public List<ProgressReport.InitiativeProgress> initiativesOf(String workstream) {
    return progress.initiatives().stream().filter(i -> i.workstream().equals(workstream)).toList();
  }

  public String title() {
    return fiscalYear + "年度 第" + quarter + "四半期 進捗報告";
  }
}
