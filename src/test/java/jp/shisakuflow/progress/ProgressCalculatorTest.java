package jp.shisakuflow.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.progress.ProgressCalculator.Snapshot;
import jp.shisakuflow.progress.ProgressCalculator.TaskRun;
import jp.shisakuflow.progress.ProgressReport.InitiativeProgress;
import jp.shisakuflow.progress.ProgressReport.Link;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.ScheduleDate;
import org.junit.jupiter.api.Test;

/** Plan against actual without an engine, for phases as vague as a chart gives them. */
class ProgressCalculatorTest {

  static final int YEAR = 2019;
  /** 第1四半期〜第2四半期, then 第2四半期頃〜第3四半期: the windows overlap in the second quarter. */
  static final List<PlannedPhase> VAGUE = List.of(
      new PlannedPhase("step1", null, "庁内調整", ScheduleDate.quarter(YEAR, 1), ScheduleDate.quarter(YEAR, 2)),
      new PlannedPhase("step2", null, "試行実施", ScheduleDate.quarter(YEAR, 2).approximately(),
          ScheduleDate.quarter(YEAR, 3)));

  @Test
  void thePlannedPhaseIsTheOneWhoseWindowHoldsTheDateAndSaysItsPeriod() {
    InitiativeProgress p = ProgressCalculator.progress(inStep(1, LocalDate.of(2019, 4, 1)), LocalDate.of(2019, 8, 15));

    assertThat(p.plannedPhase().name()).isEqualTo("庁内調整");
    assertThat(p.plannedPhase().period()).isEqualTo("第1四半期〜第2四半期");
    assertThat(p.plannedPhase().end()).as("the window's last day").isEqualTo(LocalDate.of(2019, 9, 30));
    assertThat(p.phases()).extracting(ProgressReport.Phase::period)
        .containsExactly("第1四半期〜第2四半期", "第2四半期頃〜第3四半期");
    assertThat(p.status()).isEqualTo(ProgressStatus.ON_SCHEDULE);
  }

  @Test
  void aVaguePhaseIsLateOnlyAfterItsWindowEnds() {
    Snapshot first = inStep(1, LocalDate.of(2019, 4, 1));

    assertThat(ProgressCalculator.progress(first, LocalDate.of(2019, 9, 30)).status())
        .as("on the window's last day").isEqualTo(ProgressStatus.ON_SCHEDULE);
    InitiativeProgress late = ProgressCalculator.progress(first, LocalDate.of(2019, 10, 3));
    assertThat(late.status()).isEqualTo(ProgressStatus.DELAYED);
    assertThat(late.daysLate()).isEqualTo(3);
  }

  @Test
  void aLaterPhaseWhoseWindowHasBegunIsOnScheduleNotAhead() {
    Snapshot second = inStep(2, LocalDate.of(2019, 4, 1), LocalDate.of(2019, 5, 1));

    assertThat(ProgressCalculator.progress(second, LocalDate.of(2019, 8, 15)).status())
        .as("both windows hold 15 August").isEqualTo(ProgressStatus.ON_SCHEDULE);
    assertThat(ProgressCalculator.progress(second, LocalDate.of(2019, 5, 15)).status())
        .as("the second window begins in July").isEqualTo(ProgressStatus.AHEAD);
  }

  @Test
  void anItemUnderWayWaitsForAnUnfinishedPredecessorOfItsOwnPlan() {
    LocalDate asOf = LocalDate.of(2019, 8, 15);
    InitiativeProgress team = ProgressCalculator.progress(snapshot("staff-team", "職員プロジェクトチーム", List.of(),
        inStep(1, LocalDate.of(2019, 4, 1)).taskRuns(), null), asOf);
    InitiativeProgress trial = ProgressCalculator.progress(snapshot("trial", "試行実施",
        List.of(new Link("follows", "先行する取組", "staff-team", "職員プロジェクトチーム", null),
            new Link("discussedAt", "検討の場", "council-2", "第2回有識者会議（第2四半期頃）", null)),
        inStep(1, LocalDate.of(2019, 4, 1)).taskRuns(), null), asOf);
    InitiativeProgress done = ProgressCalculator.progress(snapshot("report", "検証・報告",
        List.of(new Link("follows", "先行する取組", "staff-team", "職員プロジェクトチーム", null)),
        List.of(), Instant.parse("2019-06-01T00:00:00Z")), asOf);

    List<InitiativeProgress> samePlan = ProgressCalculator.withWaiting(List.of(team, trial, done), p -> "FY2019-plan-a");
    assertThat(samePlan.get(1).waitingFor()).singleElement().satisfies(w -> {
      assertThat(w.initiativeId()).isEqualTo("staff-team");
      assertThat(w.title()).isEqualTo("職員プロジェクトチーム");
      assertThat(w.statusLabel()).isEqualTo("予定通り");
    });
    assertThat(samePlan.get(0).waitingFor()).as("no predecessor").isEmpty();
    assertThat(samePlan.get(2).waitingFor()).as("finished: waits for nothing").isEmpty();

    Map<String, String> plans = Map.of("staff-team", "FY2019-plan-a", "trial", "FY2019-plan-b", "report", "x");
    assertThat(ProgressCalculator.withWaiting(List.of(team, trial), p -> plans.get(p.initiativeId())).get(1)
        .waitingFor()).as("another plan's item of the same id").isEmpty();

    InitiativeProgress teamDone = ProgressCalculator.progress(snapshot("staff-team", "職員プロジェクトチーム", List.of(),
        List.of(), Instant.parse("2019-07-01T00:00:00Z")), asOf);
    assertThat(ProgressCalculator.withWaiting(List.of(teamDone, trial), p -> "FY2019-plan-a").get(1).waitingFor())
        .as("the predecessor is done").isEmpty();

    InitiativeProgress teamDeciding = ProgressCalculator.progress(snapshot("staff-team", "職員プロジェクトチーム",
        List.of(), List.of(new TaskRun(InitiativeSteps.Element.TASK_STEP, at(LocalDate.of(2019, 4, 1)),
            at(LocalDate.of(2019, 7, 1))), new TaskRun(jp.shisakuflow.initiative.InitiativeLifecycle.Element
            .TASK_DECIDE_NEXT_YEAR, at(LocalDate.of(2019, 7, 1)), null)), null), asOf);
    assertThat(teamDeciding.status()).isNotEqualTo(ProgressStatus.COMPLETED);
    assertThat(ProgressCalculator.withWaiting(List.of(teamDeciding, trial), p -> "FY2019-plan-a").get(1).waitingFor())
        .as("the predecessor is past its planned phases, at its next-year decision").isEmpty();
  }

  @Test
  void anInitiativeWithoutAPlanHasItsLeadAsOwnerAndNoLinks() {
    InitiativeProgress p = ProgressCalculator.progress(inStep(1, LocalDate.of(2019, 4, 1)), LocalDate.of(2019, 5, 1));

    assertThat(p.owners().lead()).isEqualTo("communityPromotion");
    assertThat(p.owners().text()).isEqualTo("主担当: 市民文化局コミュニティ推進部");
    assertThat(p.links()).isEmpty();
    assertThat(p.waitingFor()).isEmpty();
  }

  /** The steps item in its n-th step since the last of the days given (each earlier step done on the next day). */
  private static Snapshot inStep(int step, LocalDate... starts) {
    List<TaskRun> runs = new java.util.ArrayList<>();
    for (int i = 0; i < step; i++) {
      Instant start = at(starts[i]);
      Instant end = i + 1 < step ? at(starts[i + 1]) : null;
      runs.add(new TaskRun(InitiativeSteps.Element.TASK_STEP, start, end));
    }
    return new Snapshot("FY2019-item", "pi-1", "item", "施策", "hiroba", "communityPromotion", VAGUE, null, false,
        runs);
  }

  private static Snapshot snapshot(String id, String title, List<Link> links, List<TaskRun> runs, Instant ended) {
    ProgressReport.Owners owners = ProgressService.owners(Map.of("ownerGroup", "communityPromotion"));
    return new Snapshot("FY2019-" + id, "pi-" + id, id, title, "hiroba", "communityPromotion", VAGUE, ended, false,
        runs, owners, links, null);
  }

  private static Instant at(LocalDate day) {
    return day.atTime(LocalTime.of(10, 0)).atZone(CityTime.ZONE).toInstant();
  }
}
