package jp.shisakuflow.initiative;

import java.util.Date;
import java.util.List;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The plan as the BPMN expressions see it ({@code ${planPhases.has(execution, 'verify')}}): which
 * phases an initiative has and when each becomes overdue. An instance without a plan runs every stage
 * and is due at the end of its fiscal year.
 */
@Component("planPhases")
public class PlanPhases {

  public boolean has(VariableScope execution, String phaseKey) {
    List<PlannedPhase> phases = phases(execution);
    return phases.isEmpty() || phases.stream().anyMatch(p -> p.key().equals(phaseKey));
  }

  public Date overdueAt(VariableScope execution, String phaseKey) {
    return CityTime.overdueAt(lastDay(execution, phaseKey));
  }

  public int stepCount(VariableScope execution) {
    return Math.max(1, phases(execution).size());
  }

  public Date stepOverdueAt(VariableScope execution) {
    return CityTime.overdueAt(lastDayOfStep(execution));
  }

  java.time.LocalDate lastDay(VariableScope execution, String phaseKey) {
    return phases(execution).stream().filter(p -> p.key().equals(phaseKey)).findFirst()
        .map(PlannedPhase::endDay)
        .orElseGet(() -> FiscalYear.end(fiscalYear(execution)));
  }

  java.time.LocalDate lastDayOfStep(VariableScope execution) {
    List<PlannedPhase> phases = phases(execution);
    int index = loopCounter(execution);
    return index < phases.size() ? phases.get(index).endDay() : FiscalYear.end(fiscalYear(execution));
  }

  static List<PlannedPhase> phases(VariableScope execution) {
    return PhasePlanCodec.read(execution.getVariable(InitiativeLifecycle.Var.PHASE_PLAN));
  }

  static int fiscalYear(VariableScope execution) {
    return InitiativeLifecycle.Typed.FISCAL_YEAR.from(execution);
  }

  static int loopCounter(VariableScope execution) {
    return InitiativeLifecycle.Typed.loopCounterOrZero(execution.getVariable(InitiativeLifecycle.Var.LOOP_COUNTER));
  }
}
