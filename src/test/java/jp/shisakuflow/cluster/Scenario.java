package jp.shisakuflow.cluster;

import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.END_DELAY_HANDLED;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_CONTINUE_IMPLEMENTATION;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_COORDINATE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_HANDLE_DELAY;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_IMPLEMENT_MODEL;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_VERIFY;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.shisakuflow.initiative.InitiativeLifecycle.Element;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.OrganizationGroup;

/**
 * One initiative of the cluster run and the path it must take, in its owner's city: every fourth is already overdue in
 * coordination (its timer fires during the run and a manager handles the delay), every tenth goes
 * through re-coordination once, and the decided outcomes cycle through all five.
 */
record Scenario(int index, int fiscalYear, LocalDate today) {

  /** Two wards of 川崎市 and a department of 若葉市: the cluster serves two cities, each a tenant. */
  static final List<OrganizationGroup> OWNERS =
      List.of(OrganizationGroup.WARD_TAKATSU, OrganizationGroup.WARD_NAKAHARA, OrganizationGroup.WAKABA_COMMUNITY);

  String initiativeId() {
    return "cluster-%03d".formatted(index);
  }

  String businessKey() {
    return InitiativeStart.businessKey(fiscalYear, initiativeId());
  }

  OrganizationGroup owner() {
    return OWNERS.get(index % OWNERS.size());
  }

  /** The city the initiative belongs to: its owner's. */
  City city() {
    return owner().city().orElseThrow();
  }

  /** The city's manager: starts it, decides and handles its delays. */
  String manager() {
    return ClusterUsers.managerOf(city());
  }

  boolean overdue() {
    return index % 4 == 1;
  }

  boolean recoordinates() {
    return index % 10 == 4;
  }

  Outcome outcome() {
    return Outcome.values()[index % Outcome.values().length];
  }

  /** The request body of {@code POST /api/initiatives}. */
  String startRequest() {
    LocalDate start = today.minusDays(30);
    LocalDate coordinationEnd = overdue() ? today.minusDays(7) : today.plusDays(60);
    return """
        {"initiativeId":"%s","title":"クラスタ試験 %d","workstream":"other","ownerGroup":"%s","fiscalYear":%d,
         "phases":[{"stage":"coordinate","start":"%s","end":"%s"},
                   {"stage":"implementModel","start":"%s","end":"%s"},
                   {"stage":"verify","start":"%s","end":"%s"},
                   {"stage":"continueImplementation","start":"%s","end":"%s"}]}
        """.formatted(initiativeId(), index, owner().id(), fiscalYear, start, coordinationEnd,
        start, today.plusDays(60), start, today.plusDays(60), start, today.plusDays(60));
  }

  /** The variables a user completes the task with; {@code round} counts visits of the same task. */
  String completion(String taskKey, int round) {
    return "{\"variables\":{" + switch (taskKey) {
      case TASK_COORDINATE -> text("coordinationPartners", "高津区 地域振興課") + "," + text("agreements", "round " + round);
      case TASK_IMPLEMENT_MODEL -> text("implementationSite", "試験会場 " + index) + ",\"participantCount\":{\"value\":"
          + (10 + index) + ",\"type\":\"Integer\"}";
      case TASK_VERIFY -> recoordinates() && round == 1
          ? text("verificationRating", "needsImprovement") + ",\"achievementRate\":{\"value\":40,\"type\":\"Integer\"},"
              + "\"recoordinate\":{\"value\":true,\"type\":\"Boolean\"}"
          : text("verificationRating", "good") + ",\"achievementRate\":{\"value\":" + (80 + index % 40)
              + ",\"type\":\"Integer\"}";
      case TASK_DECIDE_NEXT_YEAR -> text("decidedOutcome", outcome().code()) + ","
          + text("decisionReason", "クラスタ試験の決定 " + index);
      case TASK_HANDLE_DELAY -> text("delayCause", "日程調整") + "," + text("delayResponse", "翌月に再設定");
      case TASK_CONTINUE_IMPLEMENTATION -> text("implementationStatus", "順調");
      default -> throw new IllegalStateException("Unexpected task " + taskKey + " in " + businessKey());
    } + "}}";
  }

  /** Who completes it: the managers decide and handle delays, the owning office does the rest. */
  String user(String taskKey) {
    return TASK_DECIDE_NEXT_YEAR.equals(taskKey) || TASK_HANDLE_DELAY.equals(taskKey) ? manager()
        : ClusterUsers.staffOf(owner());
  }

  /** How many times each user task must have been completed at the end. */
  Map<String, Integer> expectedCompletions() {
    Map<String, Integer> expected = new TreeMap<>();
    int rounds = recoordinates() ? 2 : 1;
    expected.put(TASK_COORDINATE, rounds);
    expected.put(TASK_IMPLEMENT_MODEL, rounds);
    expected.put(TASK_VERIFY, rounds);
    expected.put(TASK_DECIDE_NEXT_YEAR, 1);
    if (outcome() == Outcome.CONTINUE) {
      expected.put(TASK_CONTINUE_IMPLEMENTATION, 1);
    }
    if (overdue()) {
      expected.put(TASK_HANDLE_DELAY, 1);
    }
    return expected;
  }

  /** The end events reached, sorted. */
  List<String> expectedEndEvents() {
    List<String> ends = new ArrayList<>();
    ends.add(switch (outcome()) {
      case CONTINUE -> Element.END_CONTINUED;
      case PHASED_ROLLOUT -> Element.END_PHASED_ROLLOUT;
      case PREPARE_IMPLEMENTATION -> Element.END_PREPARE_IMPLEMENTATION;
      case CONTINUE_STUDY -> Element.END_CONTINUE_STUDY;
      case SUSPEND_OR_ABOLISH -> Element.END_SUSPEND_OR_ABOLISH;
      case REVIEW -> Element.END_REVIEW;
      case NONE -> Element.END_NO_NEXT_YEAR;
    });
    if (overdue()) {
      ends.add(END_DELAY_HANDLED);
    }
    return ends.stream().sorted().toList();
  }

  private static String text(String name, String value) {
    return "\"" + name + "\":{\"value\":\"" + value + "\",\"type\":\"String\"}";
  }
}
