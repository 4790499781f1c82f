package jp.shisakuflow.initiative;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.security.AttributedWork;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * On completion of 次年度方針の決定 (both initiative processes, every version: {@link TaskCompletionListener}
 * calls it): hands the decision to {@link NextYearDecisions}, which decides next year's instance when
 * next year has begun.
 */
@Component
public class NextYearDecisionListener {

  private final NextYearDecisions decisions;

  public NextYearDecisionListener(NextYearDecisions decisions) {
    this.decisions = decisions;
  }

  public Optional<NextYearDecisions.Result> decided(DelegateTask task) {
    Map<String, Object> variables = task.getVariables();
    Optional<InitiativeStart> thisYear = startOf(variables);
    Optional<Outcome> decided = Outcome.fromCode((String) variables.get(Var.DECIDED_OUTCOME));
    if (thisYear.isEmpty() || decided.isEmpty()) {
      return Optional.empty();
    }
    var now = ClockUtil.getCurrentTime();
    return Optional.of(decisions.apply(new NextYearDecision(thisYear.get(), decided.get(),
        (String) variables.get(Var.DECISION_REASON), decider(task), now.toInstant()), CityTime.today(now)));
  }

  private static String decider(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return task.getAssignee() != null ? task.getAssignee() : AttributedWork.SYSTEM;
  }

  /** The instance as it was started, read back from its variables; empty for one that lacks them. */
  static Optional<InitiativeStart> startOf(Map<String, Object> v) {
    Integer year = InitiativeLifecycle.Typed.FISCAL_YEAR.from(v);
    Optional<Outcome> planned = Outcome.fromCode((String) v.get(Var.PLANNED_OUTCOME));
    if (year == null || v.get(Var.INITIATIVE_ID) == null || v.get(Var.OWNER_GROUP) == null || planned.isEmpty()) {
      return Optional.empty();
    }
    String lead = (String) v.get(Var.OWNER_GROUP);
    List<String> coOwners = list(v.get(Var.OWNER_GROUPS), ",").stream().filter(g -> !g.equals(lead)).toList();
    Owners owners = new Owners(lead, coOwners, list(v.get(Var.COUNTERPART_GROUPS), ","), list(v.get(Var.PARTNERS), "、"));
    WardScope wards = v.get(Var.WARD_SCOPE) instanceof String mode
        ? new WardScope(WardScope.Mode.valueOf(mode), list(v.get(Var.WARDS), ",")) : WardScope.NONE;
    return Optional.of(new InitiativeStart((String) v.get(Var.INITIATIVE_ID), (String) v.get(Var.TITLE),
        (String) v.get(Var.WORKSTREAM), owners, wards, year, PhasePlanCodec.read(v.get(Var.PHASE_PLAN)),
        planned.get(), (String) v.get(Var.PLANNED_OUTCOME_LABEL), (String) v.get(Var.PLAN_KEY),
        (String) v.get(Var.PREVIOUS_BUSINESS_KEY)));
  }

  private static List<String> list(Object text, String separator) {
    return text instanceof String s && !s.isBlank() ? Arrays.stream(s.split(separator)).map(String::trim)
        .filter(x -> !x.isEmpty()).toList() : List.of();
  }
}
