package jp.shisakuflow.initiative;

import java.time.LocalDate;

/**
 * One phase of an initiative: a canonical stage of the lifecycle ({@link Stage}) or, for initiatives
 * that run their own steps, a step named by the plan ({@code stage} is then {@code null} and {@code key}
 * is {@code step1}, {@code step2} …).
 */
public record PlannedPhase(String key, Stage stage, String name, LocalDate start, LocalDate end) {

  public PlannedPhase shiftedByYears(int years) {
    return new PlannedPhase(key, stage, name, start.plusYears(years), end.plusYears(years));
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(start) && !date.isAfter(end);
  }
}
