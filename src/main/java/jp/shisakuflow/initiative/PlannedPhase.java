package jp.shisakuflow.initiative;

import java.time.LocalDate;
import jp.shisakuflow.time.ScheduleDate;

/**
 * One phase of an initiative: a canonical stage of the lifecycle ({@link Stage}) or, for initiatives
 * that run their own steps, a step named by the plan ({@code stage} is then {@code null} and {@code key}
 * is {@code step1}, {@code step2} …). Its start and end are as precise as the plan gives them.
 */
public record PlannedPhase(String key, Stage stage, String name, ScheduleDate start, ScheduleDate end) {

  /** A phase between two exact days. */
  public PlannedPhase(String key, Stage stage, String name, LocalDate start, LocalDate end) {
    this(key, stage, name, ScheduleDate.day(start), ScheduleDate.day(end));
  }

  /** The earliest day the phase may start. */
  public LocalDate startDay() {
    return start.first();
  }

  /** The day the phase is due: the last day its end may fall on. */
  public LocalDate endDay() {
    return end.last();
  }

  /** The phase's period as people read it: 「第1四半期〜第2四半期」「7月頃」「10月以降、年度内」. */
  public String periodTextJa() {
    String from = start.textJa();
    String to = end.textJa();
    return from.equals(to) ? from : from + "〜" + to;
  }

  public PlannedPhase shiftedByYears(int years) {
    return new PlannedPhase(key, stage, name, start.shiftedByYears(years), end.shiftedByYears(years));
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(startDay()) && !date.isAfter(endDay());
  }
}
