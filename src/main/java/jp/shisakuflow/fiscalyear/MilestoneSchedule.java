package jp.shisakuflow.fiscalyear;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import jp.shisakuflow.fiscalyear.FiscalYearPlan.Var;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.ScheduleDate;
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
    variables.put(Var.MILESTONE_DATE, milestone.date().code());
    variables.put(Var.MILESTONE_DATE_TEXT, milestone.date().textJa());
    // Declared on the milestone's own scope, so that the decision recorded after an assembly session stays with
    // that session instead of rising to the plan instance, where every later record would read it.
    variables.put(Var.ASSEMBLY_DECISION, null);
    variables.put(Var.MILESTONE_OWNER, milestone.ownerGroup());
    variables.put(Var.MILESTONE_NEEDS_PREPARATION, milestone.kind().needsPreparation());
    // A vague date (a month, a quarter, 頃) times its tasks from the bounds of its window, never from a day
    // nobody chose: preparation opens the lead time before the earliest day, minutes after the latest.
    variables.put(Var.MILESTONE_PREPARE_AT, CityTime.startOf(milestone.date().first().minusDays(preparationLeadDays)));
    variables.put(Var.MILESTONE_PASSED_AT, CityTime.startOf(milestone.date().last().plusDays(1)));
    return variables;
  }

  /** A milestone's title as tasks show it: with its date's precision when that is not an exact day. */
  public String titleWithDate(String title, ScheduleDate date) {
    return date.isExact() ? title : title + "（" + date.textJa() + "）";
  }

  public String preparationTaskName(String title, ScheduleDate date) {
    return titleWithDate(title, date) + " の準備";
  }

  /** The day before the earliest day the milestone may fall on. */
  public Date preparationDue(ScheduleDate date) {
    return CityTime.dueAt(date.first().minusDays(1));
  }

  /** The record after the date: the minutes, or for an assembly session the decision it took. */
  public String minutesTaskName(String title, ScheduleDate date, Milestone.Kind kind) {
    return titleWithDate(title, date) + (kind == Milestone.Kind.ASSEMBLY ? " の議決の記録" : " の議事録");
  }

  /** A week after the latest day the milestone may fall on. */
  public Date minutesDue(ScheduleDate date) {
    return CityTime.dueAt(date.last().plusDays(MINUTES_DUE_DAYS));
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
