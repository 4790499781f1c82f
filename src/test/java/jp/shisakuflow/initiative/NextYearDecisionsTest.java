package jp.shisakuflow.initiative;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shisakuflow.initiative.NextYearDecisions.Action;
import org.junit.jupiter.api.Test;

/** The late decision's rules, without an engine: next year's instances are a map. */
class NextYearDecisionsTest {

  private static final LocalDate BEFORE_ROLLOVER = LocalDate.of(2020, 3, 31);
  private static final LocalDate AFTER_ROLLOVER = LocalDate.of(2020, 4, 10);

  private final FakeInstances instances = new FakeInstances();
  private final NextYearDecisions decisions = new NextYearDecisions(instances, NextYearWards.UNCHANGED);

  private static InitiativeStart thisYear(Outcome planned, String words) {
    return new InitiativeStart("hiroba-model-support", "モデル事業実施支援", "hiroba", "communityPromotion", 2019,
        List.of(new PlannedPhase("coordinate", Stage.COORDINATE, "要領作成", LocalDate.of(2019, 4, 1),
            LocalDate.of(2020, 3, 31))), planned, words, "FY2019-plan-test", null);
  }

  private static NextYearDecision decided(InitiativeStart thisYear, Outcome outcome) {
    return new NextYearDecision(thisYear, outcome, "議会の議論を踏まえて", "manager", Instant.parse("2020-04-10T01:00:00Z"));
  }

  /** Next year's instance as the rollover started it on the plan's outcome. */
  private String rolledOver(InitiativeStart thisYear) {
    return instances.startIfAbsent(NextYear.of(thisYear, null).orElseThrow()).orElseThrow();
  }

  @Test
  void aDecisionBefore1AprilIsLeftToTheRollover() {
    var result = decisions.apply(decided(thisYear(Outcome.NONE, "次年度の予定なし"), Outcome.CONTINUE), BEFORE_ROLLOVER);

    assertThat(result.action()).isEqualTo(Action.LEFT_TO_ROLLOVER);
    assertThat(instances.byKey).isEmpty();
  }

  @Test
  void aDecisionBefore1AprilReadsNoWards() {
    List<String> read = new ArrayList<>();
    NextYearDecisions counting = new NextYearDecisions(instances, (next, outcome) -> {
      read.add(next.businessKey());
      return next;
    });

    var before = counting.apply(decided(thisYear(Outcome.CONTINUE, "継続実施"), Outcome.CONTINUE), BEFORE_ROLLOVER);
    assertThat(before.action()).isEqualTo(Action.LEFT_TO_ROLLOVER);
    assertThat(read).as("this year's wards, read from the history, only where next year is acted on").isEmpty();

    var after = counting.apply(decided(thisYear(Outcome.NONE, "次年度の予定なし"), Outcome.CONTINUE), AFTER_ROLLOVER);
    assertThat(after.action()).isEqualTo(Action.STARTED);
    assertThat(read).containsExactly("FY2020-hiroba-model-support");
  }

  @Test
  void aDecisionAfter1AprilStartsNextYearWhenThePlanSaidNothingFollows() {
    var result = decisions.apply(decided(thisYear(Outcome.NONE, "次年度の予定なし"), Outcome.CONTINUE), AFTER_ROLLOVER);

    assertThat(result.action()).isEqualTo(Action.STARTED);
    var started = instances.byKey.get("FY2020-hiroba-model-support");
    assertThat(started.start.plannedOutcome()).isEqualTo(Outcome.CONTINUE);
    assertThat(started.start.plannedOutcomeLabel()).as("the decision's label, not the plan's").isEqualTo("継続実施");
    assertThat(started.start.previousBusinessKey()).isEqualTo("FY2019-hiroba-model-support");
    assertThat(instances.log).containsExactly("start FY2020-hiroba-model-support", "record " + result.processInstanceId()
        + " continue by manager: 次年度の取組を開始 (started)");
  }

  @Test
  void aDecisionYearsLateOpensNoYearLongPast() {
    var result = decisions.apply(decided(thisYear(Outcome.NONE, "次年度の予定なし"), Outcome.CONTINUE),
        LocalDate.of(2026, 12, 2));

    assertThat(result.action()).isEqualTo(Action.LEFT_TO_ROLLOVER);
    assertThat(instances.byKey).isEmpty();
  }

  @Test
  void aDecisionAfter1AprilWithdrawsTheRolledOverContinuation() {
    var thisYear = thisYear(Outcome.CONTINUE, "新体制による取組の推進");
    String id = rolledOver(thisYear);

    var result = decisions.apply(decided(thisYear, Outcome.SUSPEND_OR_ABOLISH), AFTER_ROLLOVER);

    assertThat(result).isEqualTo(new NextYearDecisions.Result(Action.WITHDRAWN, id));
    assertThat(instances.log).last().asString().startsWith("withdraw " + id + " 次年度方針の決定により取り下げ: "
        + "FY2019-hiroba-model-support の次年度方針の決定: 休止・廃止 (manager、2020/04/10 10:00:00) 理由: 議会の議論を踏まえて");
  }

  @Test
  void aDecisionAfter1AprilChangesNextYearsPlanInTheSameProcess() {
    var thisYear = thisYear(Outcome.REVIEW, "休止、廃止も含めて検討");
    String id = rolledOver(thisYear);

    var result = decisions.apply(decided(thisYear, Outcome.PREPARE_IMPLEMENTATION), AFTER_ROLLOVER);

    assertThat(result).isEqualTo(new NextYearDecisions.Result(Action.CHANGED, id));
    var replanned = instances.byId.get(id).start;
    assertThat(replanned.phases()).extracting(PlannedPhase::name).containsExactly("実施に向けた調整", "モデル実施");
    assertThat(replanned.plannedOutcome()).isEqualTo(Outcome.PHASED_ROLLOUT);
  }

  @Test
  void aDecisionAfter1AprilThatNeedsTheOtherProcessReplacesNextYearsInstance() {
    var thisYear = thisYear(Outcome.CONTINUE, "新体制による取組の推進");
    String id = rolledOver(thisYear);

    var result = decisions.apply(decided(thisYear, Outcome.PHASED_ROLLOUT), AFTER_ROLLOVER);

    assertThat(result.action()).isEqualTo(Action.REPLACED);
    assertThat(result.processInstanceId()).isNotEqualTo(id);
    assertThat(instances.byKey.get("FY2020-hiroba-model-support").start.processKey())
        .isEqualTo(InitiativeLifecycle.PROCESS_KEY);
  }

  @Test
  void aDecisionThatConfirmsTheRolloverIsRecordedOnly() {
    var thisYear = thisYear(Outcome.CONTINUE, "新体制による取組の推進");
    String id = rolledOver(thisYear);

    var result = decisions.apply(decided(thisYear, Outcome.CONTINUE), AFTER_ROLLOVER);

    assertThat(result).isEqualTo(new NextYearDecisions.Result(Action.CONFIRMED, id));
    assertThat(instances.log).containsSubsequence("record " + id + " continue by manager: 計画どおり (as rolled over)",
        "carry over FY2019-hiroba-model-support");
  }

  @Test
  void anInstanceNextYearsPlanStartedIsOnlyNoted() {
    var thisYear = thisYear(Outcome.CONTINUE, "継続実施");
    var fromNextPlan = NextYear.of(thisYear, null).orElseThrow();
    String id = instances.startIfAbsent(new InitiativeStart(fromNextPlan.initiativeId(), fromNextPlan.title(),
        fromNextPlan.workstream(), fromNextPlan.owners(), fromNextPlan.wards(), 2020, fromNextPlan.phases(),
        Outcome.CONTINUE, "継続実施", "FY2020-plan-test", null)).orElseThrow();

    var result = decisions.apply(decided(thisYear, Outcome.SUSPEND_OR_ABOLISH), AFTER_ROLLOVER);

    assertThat(result).isEqualTo(new NextYearDecisions.Result(Action.NOTED, id));
    assertThat(instances.log).noneMatch(line -> line.startsWith("withdraw"));
  }

  /** Next year's instances in memory, with what was done to them. */
  static final class FakeInstances implements NextYearInstances {
    record Instance(String id, InitiativeStart start, boolean running) {}

    final Map<String, Instance> byKey = new HashMap<>();
    final Map<String, Instance> byId = new HashMap<>();
    final List<String> log = new ArrayList<>();
    private int ids;

    @Override
    public Optional<Found> find(String businessKey) {
      return Optional.ofNullable(byKey.get(businessKey)).map(i -> new Found(i.id, i.start.processKey(), i.running,
          i.start.previousBusinessKey(), i.start.plannedOutcome(), i.start.plannedOutcomeLabel(), i.start.phases()));
    }

    @Override
    public Optional<String> startIfAbsent(InitiativeStart start) {
      if (byKey.containsKey(start.businessKey())) {
        return Optional.empty();
      }
      var instance = new Instance("pi-" + ++ids, start, true);
      byKey.put(start.businessKey(), instance);
      byId.put(instance.id, instance);
      log.add("start " + start.businessKey());
      return Optional.of(instance.id);
    }

    @Override
    public void carryOverContinuation(InitiativeStart next) {
      log.add("carry over " + next.previousBusinessKey());
    }

    @Override
    public void record(String processInstanceId, NextYearDecision decision, String outcome) {
      log.add("record " + processInstanceId + " " + decision.decided().code() + " by " + decision.decidedBy() + ": "
          + outcome);
    }

    @Override
    public void replan(String processInstanceId, InitiativeStart start, String note) {
      var instance = new Instance(processInstanceId, start, true);
      byKey.put(start.businessKey(), instance);
      byId.put(processInstanceId, instance);
      log.add("replan " + processInstanceId);
    }

    @Override
    public String replace(String processInstanceId, InitiativeStart start, String reason) {
      byKey.remove(start.businessKey());
      log.add("withdraw " + processInstanceId + " " + reason);
      return startIfAbsent(start).orElseThrow();
    }

    @Override
    public void withdraw(String processInstanceId, String reason) {
      byKey.values().removeIf(i -> i.id.equals(processInstanceId));
      log.add("withdraw " + processInstanceId + " " + reason);
    }
  }
}
