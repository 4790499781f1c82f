package jp.shisakuflow.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.shisakuflow.initiative.OwnersText;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import jp.shisakuflow.progress.ProgressReport.Owners;
import jp.shisakuflow.progress.ProgressReport.Phase;
import jp.shisakuflow.progress.ProgressStatus;

/** The columns an initiative has in every format of the report. */
final class ReportRows {

  static final List<String> INITIATIVE_HEADER = List.of("施策ID", "施策名", "主担当", "共同担当", "関係先", "協力",
      "実施区", "計画上の段階", "計画期間", "実際の段階", "段階の開始日", "状況", "遅延日数", "先行する取組の状況", "関連",
      "最新のコメント");
  static final List<String> SUMMARY_HEADER = List.of("施策数", "予定通り", "前倒し", "遅延", "完了");
  static final String OUTSIDE_PLAN = "（計画期間外）";
  static final String LIST = "、";

  private ReportRows() {}

  /**
   * One initiative's row: the planned period as the plan says it (「第1四半期〜第2四半期」「7月頃」), never an
   * invented day; the owners by name; predecessors not finished; its links in words.
   */
  static List<Object> initiative(InitiativeProgress p, String latestComment) {
    Phase planned = p.plannedPhase();
    Phase actual = p.actualPhase();
    Owners owners = p.owners();
    return List.of(p.initiativeId(), p.title(), groupName(owners.lead()), names(owners.coOwners()),
        names(owners.counterparts()), String.join(LIST, owners.partners()),
        OwnersText.wardsText(owners.wardScope(), owners.wards()),
        planned == null ? OUTSIDE_PLAN : planned.name(),
        planned == null ? "" : planned.period(),
        actual == null ? (p.status() == ProgressStatus.COMPLETED ? ProgressStatus.COMPLETED.labelJa() : "")
            : actual.name(),
        actual == null || actual.start() == null ? "" : actual.start(),
        p.statusLabel(), p.daysLate(),
        p.waitingFor().stream().map(w -> w.title() + "（" + w.statusLabel() + "）").collect(Collectors.joining(LIST)),
        p.links().stream().map(l -> l.kindLabel() + ": " + l.targetTitle()).collect(Collectors.joining(LIST)),
        latestComment == null ? "" : latestComment);
  }

  /**
   * The planned phase's first and last day, only when the plan names both days exactly (its period reads as two
   * days, 「5月10日〜9月30日」); otherwise none: a vague period (「7月頃」「第2四半期〜第3四半期」) keeps its words.
   */
  static Optional<List<LocalDate>> plannedDays(InitiativeProgress p) {
    Phase planned = p.plannedPhase();
    if (planned == null || planned.start() == null || planned.end() == null || planned.period() == null) {
      return Optional.empty();
    }
    String exact = new PlannedPhase(planned.key(), null, planned.name(), planned.start(), planned.end()).periodTextJa();
    return exact.equals(planned.period()) ? Optional.of(List.of(planned.start(), planned.end())) : Optional.empty();
  }

  static String groupName(String groupId) {
    return groupId == null ? "" : OwnersText.groupName(groupId);
  }

  private static String names(List<String> groups) {
    return groups.stream().map(OwnersText::groupName).collect(Collectors.joining(LIST));
  }
}
