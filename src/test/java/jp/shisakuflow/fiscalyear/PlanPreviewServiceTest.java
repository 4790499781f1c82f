package jp.shisakuflow.fiscalyear;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanDocument;
import jp.shisakuflow.time.ScheduleDate;
import org.junit.jupiter.api.Test;

/** How the dry run words what it found (no engine): phases old → new, added and removed, and each decision. */
class PlanPreviewServiceTest {

  static final ScheduleDate Q1 = ScheduleDate.quarter(2083, 1);
  static final ScheduleDate Q2 = ScheduleDate.quarter(2083, 2);
  static final ScheduleDate Q3 = ScheduleDate.quarter(2083, 3);

  @Test
  void everyPhaseIsListedOldToNewWithAddedAndRemovedOnesMarked() {
    List<PlannedPhase> before = List.of(new PlannedPhase("step1", null, "調査", Q1, Q2),
        new PlannedPhase("step2", null, "試行", Q3, Q3), new PlannedPhase("step3", null, "報告", Q3, Q3));
    List<PlannedPhase> after = List.of(new PlannedPhase("step1", null, "調査", Q1, Q2),
        new PlannedPhase("step2", null, "試行", Q3.approximately(), Q3.approximately()),
        new PlannedPhase("step4", null, "普及", Q3, Q3));

    assertThat(PlanPreviewService.phaseChanges(before, after)).containsExactly(
        new PlanPreview.PhaseChange("調査", "第1四半期〜第2四半期", "第1四半期〜第2四半期", false),
        new PlanPreview.PhaseChange("試行", "第3四半期", "第3四半期頃", true),
        new PlanPreview.PhaseChange("普及", "（なし）", "第3四半期", true),
        new PlanPreview.PhaseChange("報告", "第3四半期", "（なし）", true));
  }

  @Test
  void eachDecisionIsSaidInASentence() {
    Plan plan = new Plan("p", "計画", 2083, List.of(), List.of(), List.of());
    PlanDocument document = PlanDocument.yaml("p.yaml", "id: p");
    assertThat(PlanPreviewService.statusText(
        new PlanImportDecision(document, plan, PlanImportResult.Status.STARTED, null, null, false), 29, 0, 0))
        .isEqualTo("2083年度の計画として新しく取り込みます。施策 29 件を開始します");
    assertThat(PlanPreviewService.statusText(
        new PlanImportDecision(document, plan, PlanImportResult.Status.REVISED, "pi", "d1", false), 1, 2, 3))
        .isEqualTo("実行中の2083年度の計画を改定します。予定が変わる施策 2 件、新しく開始する施策 1 件、日付が変わるマイルストーン 3 件");
    assertThat(PlanPreviewService.statusText(
        new PlanImportDecision(document, plan, PlanImportResult.Status.UNCHANGED, "pi", "d1", false), 0, 0, 0))
        .isEqualTo("同じ計画が取り込み済みです。取り込んでも何も変わりません");
    assertThat(PlanPreviewService.statusText(
        new PlanImportDecision(document, plan, PlanImportResult.Status.UNCHANGED, null, null, true), 0, 0, 0))
        .isEqualTo("2083年度の計画は終了しています。取り込んでも何も変わりません");
  }
}
