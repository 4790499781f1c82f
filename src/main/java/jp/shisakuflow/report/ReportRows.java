package jp.shisakuflow.report;

import java.util.List;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import jp.shisakuflow.progress.ProgressReport.Phase;

/** The columns an initiative has in every format of the report. */
final class ReportRows {

  static final List<String> INITIATIVE_HEADER = List.of("施策ID", "施策名", "担当", "計画上の段階", "計画期間", "実際の段階",
      "段階の開始日", "状況", "遅延日数", "最新のコメント");
  static final List<String> SUMMARY_HEADER = List.of("施策数", "予定通り", "前倒し", "遅延", "完了");

  private ReportRows() {}

  static List<Object> initiative(InitiativeProgress p, String latestComment) {
    Phase planned = p.plannedPhase();
    Phase actual = p.actualPhase();
    return List.of(p.initiativeId(), p.title(), groupName(p.ownerGroup()),
        planned == null ? "（計画期間外）" : planned.name(),
        planned == null ? "" : planned.start() + "〜" + planned.end(),
        actual == null ? (p.status().name().equals("COMPLETED") ? "完了" : "") : actual.name(),
        actual == null || actual.start() == null ? "" : actual.start().toString(),
        p.statusLabel(), p.daysLate(), latestComment == null ? "" : latestComment);
  }

  static String groupName(String groupId) {
    return OrganizationGroup.fromId(groupId).map(OrganizationGroup::nameJa).orElse(groupId);
  }
}
