package jp.shisakuflow.plan;

import java.util.List;
import jp.shisakuflow.initiative.Coded;
import jp.shisakuflow.time.ScheduleDate;

/**
 * One ▲ of the schedule: a meeting, training, event or deadline, on a date as precise as the chart gives
 * it; {@code about} lists the items discussed there.
 */
public record Milestone(String id, String title, Kind kind, ScheduleDate date, String workstream,
    String ownerGroup, List<String> about, int line) {

  public Milestone {
    about = List.copyOf(about);
  }

  /**
   * What kind of date it is. Meetings, trainings and assembly sessions get a preparation task before and a
   * record after; for an assembly session the record is the assembly's decision, as the office learns it.
   */
  public enum Kind implements Coded {
    MEETING("meeting", "会議"), TRAINING("training", "研修"), EVENT("event", "地域イベント"), DEADLINE("deadline", "期限"),
    ASSEMBLY("assembly", "議会");

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
      return this == MEETING || this == TRAINING || this == ASSEMBLY;
    }
  }

  /** The ▲'s words with its date as precise as the plan: 「第1回有識者会議（7月9日）」「第2回有識者会議（第3四半期頃）」. */
  public String labelJa() {
    return title + "（" + date.textJa() + "）";
  }

  Milestone shiftedByYears(int years) {
    return new Milestone(id, title, kind, date.shiftedByYears(years), workstream, ownerGroup, about, line);
  }
}
