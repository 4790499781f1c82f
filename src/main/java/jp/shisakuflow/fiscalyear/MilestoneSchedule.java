package jp.shisakuflow.fiscalyear;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import jp.shisakuflow.fiscalyear.FiscalYearPlan.Var;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.time.CityTime;
import org.springframework.stereotype.Service;

/**
 * When a milestone's tasks open and are due: preparation a lead time before the day, minutes the day
 * after; and what the quarterly reviews are called.
 */
@Service
public class MilestoneSchedule {

  static final int MINUTES_DUE_DAYS = 7;
  static final int REVIEW_DUE_DAYS = 14;

  /** The local variables of one milestone's scope. */
  public Map<String, Object> variables(Milestone milestone, int preparationLeadDays) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Var.MILESTONE_ID, milestone.id());
    variables.put(Var.MILESTONE_TITLE, milestone.title());
    variables.put(Var.MILESTONE_KIND, milestone.kind().code());
    variables.put(Var.MILESTONE_DATE, milestone.date().toString());
    variables.put(Var.MILESTONE_OWNER, milestone.ownerGroup());
    variables.put(Var.MILESTONE_NEEDS_PREPARATION, milestone.kind().needsPreparation());
    variables.put(Var.MILESTONE_PREPARE_AT, CityTime.startOf(milestone.date().minusDays(preparationLeadDays)));
    variables.put(Var.MILESTONE_PASSED_AT, CityTime.startOf(milestone.date().plusDays(1)));
    return variables;
  }

  public String preparationTaskName(String title) {
    return title + " の準備";
  }

  public Date preparationDue(LocalDate day) {
    return CityTime.dueAt(day.minusDays(1));
  }

  public String minutesTaskName(String title) {
    return title + " の議事録";
  }

  public Date minutesDue(LocalDate day) {
    return CityTime.dueAt(day.plusDays(MINUTES_DUE_DAYS));
  }

  public String reviewTaskName(int fiscalYear, int quarter) {
    return fiscalYear + "年度 第" + quarter + "四半期 進捗レビュー";
  }

  /** A quarter's review opens on the quarter's last day. */
  public Date reviewOpensAt(int fiscalYear, int quarter) {
    return CityTime.startOf(CityTime.quarterEnd(fiscalYear, quarter));
  }

  public Date reviewDue(int fiscalYear, int quarter) {
    return CityTime.dueAt(CityTime.quarterEnd(fiscalYear, quarter).plusDays(REVIEW_DUE_DAYS));
  }

  /** The fiscal year ends: next year's initiatives start at midnight on 1 April. */
  public Date yearEndAt(int fiscalYear) {
    return CityTime.startOf(jp.shisakuflow.time.FiscalYear.end(fiscalYear).plusDays(1));
  }
}
