package jp.shisakuflow.initiative;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import jp.shisakuflow.time.ScheduleDate;
import org.junit.jupiter.api.Test;

/** What a phase task says about its plan, without an engine. */
class PhaseTasksTest {

  static final String OWNERS = OwnersText.of("communityPromotion", List.of("communityPromotion", "wardTakatsu"),
      List.of("legalAffairs"), List.of("川崎市市民自治財団"), "NONE", List.of());
  final PhaseTasks tasks = new PhaseTasks();

  @Test
  void aVaguePhaseSaysItsPeriodAndTheDayItIsDueByAndTheOwners() {
    List<PlannedPhase> phases = List.of(new PlannedPhase("step1", null, "庁内調整", ScheduleDate.quarter(2019, 1),
        ScheduleDate.quarter(2019, 2)));

    PhaseTasks.Label label = tasks.label(new PhaseTasks.Context(InitiativeSteps.Element.TASK_STEP, "計画の段階", phases,
        2019, 0, null, new Date(), OWNERS));

    assertThat(label.description()).isEqualTo("予定: 第1四半期〜第2四半期（期限は 9月30日）"
        + "／主担当: 市民文化局コミュニティ推進部 ほか: 高津区役所／関係先: 総務企画局 法制課／協力: 川崎市市民自治財団");
  }

  @Test
  void anExactPhaseNeedsNoWordAboutItsDueDay() {
    List<PlannedPhase> phases = List.of(new PlannedPhase("coordinate", Stage.COORDINATE, "要領作成",
        LocalDate.of(2019, 4, 1), LocalDate.of(2019, 9, 30)));

    PhaseTasks.Label label = tasks.label(new PhaseTasks.Context(InitiativeLifecycle.Element.TASK_COORDINATE, "調整",
        phases, 2019, 0, null, new Date(), "主担当: 高津区役所"));

    assertThat(label.description()).isEqualTo("予定: 4月1日〜9月30日／主担当: 高津区役所");
  }

  @Test
  void aMonthAboutSaysSoAndAPhaseOutsideThePlanSaysOnlyItsOwners() {
    List<PlannedPhase> phases = List.of(new PlannedPhase("step1", null, "講演会",
        ScheduleDate.month(java.time.YearMonth.of(2019, 7)).approximately(),
        ScheduleDate.month(java.time.YearMonth.of(2019, 7)).approximately()));
    assertThat(tasks.label(new PhaseTasks.Context(InitiativeSteps.Element.TASK_STEP, "計画の段階", phases, 2019, 0,
        null, new Date(), null)).description()).isEqualTo("予定: 7月頃（期限は 7月31日）");
    assertThat(tasks.label(new PhaseTasks.Context(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR, "次年度方針の決定",
        phases, 2019, 0, null, new Date(), "主担当: 高津区役所")).description()).isEqualTo("主担当: 高津区役所");
  }

  @Test
  void aStepIsNamedWithItsInitiativeAndStillKnownByItsStepName() {
    assertThat(PhaseTasks.withInitiative("継続実施", "地域の居場所づくり")).isEqualTo("継続実施：地域の居場所づくり");
    assertThat(PhaseTasks.withInitiative("継続実施", " ")).isEqualTo("継続実施");
    assertThat(PhaseTasks.namesStep("継続実施：地域の居場所づくり", "継続実施")).isTrue();
    assertThat(PhaseTasks.namesStep("継続実施", "継続実施")).isTrue();
    assertThat(PhaseTasks.namesStep("継続実施の準備：地域の居場所づくり", "継続実施")).isFalse();
  }
}
