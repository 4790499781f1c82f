package jp.shisakuflow.initiative;

import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_COORDINATE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_VERIFY;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Var.ACHIEVEMENT_RATE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Var.DECIDED_OUTCOME;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Var.DECISION_OVERRIDDEN;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Var.DECISION_REASON;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Var.RECOMMENDED_OUTCOME;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Var.RECOORDINATE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Var.VERIFICATION_RATING;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Var.WARDS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * What a lifecycle task must be completed with, and what the process derives from it. Each problem
 * names the variable and says, in Japanese and English, what is wrong.
 */
@Service
public class TaskCompletionRules {

  /** The achievement rate's bounds; the verify form's number field says the same (ProcessModelsTest). */
  public static final int MIN_ACHIEVEMENT_RATE = 0;
  public static final int MAX_ACHIEVEMENT_RATE = 999;

  /** What each task's rules read from its user: each is a field of the task's form (FormReferencesTest). */
  public static Set<String> inputs(String taskDefinitionKey) {
    return switch (taskDefinitionKey) {
      case TASK_COORDINATE -> Set.of(WARDS);
      case TASK_VERIFY -> Set.of(VERIFICATION_RATING, ACHIEVEMENT_RATE, RECOORDINATE);
      case TASK_DECIDE_NEXT_YEAR -> Set.of(DECIDED_OUTCOME, DECISION_REASON);
      default -> Set.of();
    };
  }

  public List<String> validate(String taskDefinitionKey, Map<String, Object> variables) {
    List<String> problems = new ArrayList<>();
    switch (taskDefinitionKey) {
      case TASK_COORDINATE -> {
        if (WardChoice.applies(variables)) {
          WardChoice.validate(variables, problems);
        }
      }
      case TASK_VERIFY -> validateVerification(variables, problems);
      case TASK_DECIDE_NEXT_YEAR -> validateDecision(variables, problems);
      default -> { }
    }
    return problems;
  }

  /** Values the process derives from valid input: defaults and flags, never user-entered data. */
  public Map<String, Object> derivedValues(String taskDefinitionKey, Map<String, Object> variables) {
    return switch (taskDefinitionKey) {
      // The chosen wards as the comma text the later phases fan out over, with the earlier years' wards.
      case TASK_COORDINATE -> WardChoice.applies(variables) ? Map.of(WARDS, WardChoice.decided(variables)) : Map.of();
      case TASK_VERIFY -> Map.of(RECOORDINATE, Boolean.TRUE.equals(variables.get(RECOORDINATE)));
      case TASK_DECIDE_NEXT_YEAR -> Map.of(DECISION_OVERRIDDEN,
          !variables.get(DECIDED_OUTCOME).equals(variables.get(RECOMMENDED_OUTCOME)));
      default -> Map.of();
    };
  }

  private void validateVerification(Map<String, Object> vars, List<String> problems) {
    String rating = requireCode(vars, VERIFICATION_RATING, Coded.codes(VerificationRating.class), problems);
    Object rate = vars.get(ACHIEVEMENT_RATE);
    if (rate == null) {
      problems.add(missing(ACHIEVEMENT_RATE));
    } else if (!(rate instanceof Integer || rate instanceof Long || rate instanceof Short)) {
      problems.add(ACHIEVEMENT_RATE + ": 整数 (%) で入力してください (must be an integer percentage, got "
          + typeName(rate) + ")");
    } else {
      long value = ((Number) rate).longValue();
      if (value < MIN_ACHIEVEMENT_RATE || value > MAX_ACHIEVEMENT_RATE) {
        problems.add(ACHIEVEMENT_RATE + ": " + MIN_ACHIEVEMENT_RATE + "〜" + MAX_ACHIEVEMENT_RATE
            + " の範囲で入力してください (must be between " + MIN_ACHIEVEMENT_RATE + " and " + MAX_ACHIEVEMENT_RATE
            + ", got " + value + ")");
      }
    }
    Object recoordinate = vars.get(RECOORDINATE);
    if (recoordinate != null && !(recoordinate instanceof Boolean)) {
      problems.add(RECOORDINATE + ": はい/いいえ で指定してください (must be a boolean, got " + typeName(recoordinate) + ")");
    } else if (Boolean.TRUE.equals(recoordinate)
        && rating != null && !VerificationRating.NEEDS_IMPROVEMENT.code().equals(rating)) {
      problems.add(RECOORDINATE + ": 再調整は評価が「要改善」のときだけ選べます (re-coordination needs the rating "
          + VerificationRating.NEEDS_IMPROVEMENT.code() + ")");
    }
  }

  private void validateDecision(Map<String, Object> vars, List<String> problems) {
    String decided = requireCode(vars, DECIDED_OUTCOME, Coded.codes(Outcome.class), problems);
    Object recommended = vars.get(RECOMMENDED_OUTCOME);
    if (decided != null && !decided.equals(recommended) && isBlank(vars.get(DECISION_REASON))) {
      problems.add(DECISION_REASON + ": 推奨方針と異なる方針には理由が必要です (a reason is required when the decision"
          + " differs from the recommendation " + recommended + ")");
    }
  }

  /** Returns the value when it is one of the allowed codes, else records the problem and returns null. */
  private String requireCode(Map<String, Object> vars, String name, List<String> allowed, List<String> problems) {
    Object value = vars.get(name);
    if (value == null) {
      problems.add(missing(name));
      return null;
    }
    if (!(value instanceof String s) || !allowed.contains(s)) {
      problems.add(name + ": 次のいずれかを指定してください " + allowed + " (must be one of " + allowed + ", got "
          + (value instanceof String ? "'" + value + "'" : typeName(value)) + ")");
      return null;
    }
    return s;
  }

  private static String missing(String name) {
    return name + ": 入力が必要です (required)";
  }

  private static boolean isBlank(Object value) {
    return !(value instanceof String s) || s.isBlank();
  }

  private static String typeName(Object value) {
    return value.getClass().getSimpleName();
  }

}
