package jp.shisakuflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import jp.shisakuflow.progress.ProgressReport.Link;
import jp.shisakuflow.progress.ProgressReport.Owners;
import jp.shisakuflow.progress.ProgressReport.Phase;
import jp.shisakuflow.progress.ProgressReport.Waiting;
import jp.shisakuflow.progress.ProgressStatus;
import org.junit.jupiter.api.Test;

/** An initiative's row of the report, without an engine. */
class ReportRowsTest {

  @Test
  void theRowSaysThePeriodAsPlannedAndNamesEveryOwner() {
    Phase planned = new Phase("step1", "試行実施", LocalDate.of(2019, 7, 1), LocalDate.of(2019, 12, 31),
        "第2四半期頃〜第3四半期");
    InitiativeProgress p = new InitiativeProgress("FY2019-trial", "pi", "trial", "試行実施", "promotion",
        "communityPromotion", planned, new Phase("step1", "試行実施", LocalDate.of(2019, 4, 1), planned.end(), null),
        ProgressStatus.ON_SCHEDULE, "予定通り", 0, false, List.of(planned),
        new Owners("communityPromotion", List.of("wardTakatsu"), List.of("legalAffairs"),
            List.of("川崎市市民自治財団", "社会福祉協議会"), "DECIDED_IN_YEAR", List.of(), "…"),
        List.of(new Link("follows", "先行する取組", "team", "職員プロジェクトチーム", null),
            new Link("discussedAt", "検討の場", "council-2", "第2回有識者会議（第2四半期頃）", "意見聴取")),
        List.of(new Waiting("team", "職員プロジェクトチーム", ProgressStatus.DELAYED, "遅延")));

    List<Object> row = ReportRows.initiative(p, null);

    assertThat(row).hasSameSizeAs(ReportRows.INITIATIVE_HEADER);
    assertThat(cell(row, "主担当")).isEqualTo("市民文化局コミュニティ推進部");
    assertThat(cell(row, "共同担当")).isEqualTo("高津区役所");
    assertThat(cell(row, "関係先")).isEqualTo("総務企画局 法制課");
    assertThat(cell(row, "協力")).isEqualTo("川崎市市民自治財団、社会福祉協議会");
    assertThat(cell(row, "実施区")).isEqualTo("年度内に決定");
    assertThat(cell(row, "計画期間")).isEqualTo("第2四半期頃〜第3四半期");
    assertThat(cell(row, "先行する取組の状況")).isEqualTo("職員プロジェクトチーム（遅延）");
    assertThat(cell(row, "関連")).isEqualTo("先行する取組: 職員プロジェクトチーム、検討の場: 第2回有識者会議（第2四半期頃）");
    assertThat(cell(row, "最新のコメント")).isEqualTo("");
  }

  /** Only a period of two named days becomes dates; 「頃」 or a month or a quarter keeps its words alone. */
  @Test
  void plannedDaysOnlyWhenThePlanNamesBothDays() {
    LocalDate may10 = LocalDate.of(2080, 5, 10);
    LocalDate sep30 = LocalDate.of(2080, 9, 30);
    assertThat(ReportRows.plannedDays(planned(new Phase("s", "準備", may10, sep30, "5月10日〜9月30日"))))
        .contains(List.of(may10, sep30));
    assertThat(ReportRows.plannedDays(planned(new Phase("s", "準備", may10, may10, "5月10日"))))
        .contains(List.of(may10, may10));
    assertThat(ReportRows.plannedDays(planned(new Phase("s", "準備", may10, sep30, "5月10日頃〜9月30日")))).isEmpty();
    assertThat(ReportRows.plannedDays(planned(new Phase("s", "準備", LocalDate.of(2080, 7, 1), LocalDate.of(2080, 12, 31),
        "7月頃〜第3四半期")))).isEmpty();
    assertThat(ReportRows.plannedDays(planned(null))).isEmpty();
  }

  private static InitiativeProgress planned(Phase phase) {
    return new InitiativeProgress("FY2080-x", "pi", "x", "取組", "promotion", "communityPromotion", phase, null,
        ProgressStatus.ON_SCHEDULE, "予定通り", 0, false, phase == null ? List.of() : List.of(phase),
        new Owners("communityPromotion", List.of(), List.of(), List.of(), "NONE", List.of(), ""), List.of(), List.of());
  }

  private static Object cell(List<Object> row, String column) {
    return row.get(ReportRows.INITIATIVE_HEADER.indexOf(column));
  }
}
