package jp.shisakuflow.plan;

import java.time.LocalDate;
import jp.shisakuflow.initiative.Coded;

/** One ▲ of the schedule: a dated meeting, training, event or deadline. */
public record Milestone(String id, String title, Kind kind, LocalDate date, String workstream,
    String ownerGroup, int line) {

  /** What kind of date it is. Meetings and trainings get a preparation task before and a minutes task after. */
  public enum Kind implements Coded {
    MEETING("meeting", "会議"), TRAINING("training", "研修"), EVENT("event", "地域イベント"), DEADLINE("deadline", "期限");

    private final String code;
    private final String labelJa;

    Kind(String code, String labelJa) {
      this.code = code;
      this.labelJa = labelJa;
    }

    @Override
    public String code() {
      return code;
    }

    public static java.util.Optional<Kind> fromCode(String code) {
      return Coded.fromCode(Kind.class, code);
    }

    public String labelJa() {
      return labelJa;
    }

    public boolean needsPreparation() {
      return this == MEETING || this == TRAINING;
    }
  }

  Milestone shiftedByYears(int years) {
    return new Milestone(id, title, kind, date.plusYears(years), workstream, ownerGroup, line);
  }
}
