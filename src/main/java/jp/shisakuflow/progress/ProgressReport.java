package jp.shisakuflow.progress;

import java.time.LocalDate;
import java.util.List;

/** {@code GET /api/progress}: every initiative of a fiscal year on a date, and counts per workstream and group. */
public record ProgressReport(int fiscalYear, LocalDate asOf, List<InitiativeProgress> initiatives,
    List<Summary> byWorkstream, List<Summary> byOwnerGroup) {

  /**
   * The workstream of an initiative that names none (started by hand through the engine's REST API, without the
   * variables a plan gives), and how it is called; such an initiative's title says it has none.
   */
  public static final String NO_WORKSTREAM = "";
  public static final String NO_WORKSTREAM_LABEL = "ワークストリーム未設定";
  public static final String NO_TITLE = "（題名なし）";

  /**
   * One initiative: the phase the plan expects on the date, the one it is in, and how late it is; who it
   * belongs to, how it relates to other items of its plan, and the predecessors it is still waiting for.
   */
  public record InitiativeProgress(String businessKey, String processInstanceId, String initiativeId, String title,
      String workstream, String ownerGroup, Phase plannedPhase, Phase actualPhase, ProgressStatus status,
      String statusLabel, long daysLate, boolean delayFlagged, List<Phase> phases, Owners owners, List<Link> links,
      List<Waiting> waitingFor, List<Phase> actualPhases, LocalDate completed, String completedText) {

    public InitiativeProgress {
      phases = List.copyOf(phases);
      links = List.copyOf(links);
      waitingFor = List.copyOf(waitingFor);
      actualPhases = List.copyOf(actualPhases);
    }

    /** Without its history: no phase run yet, not completed. */
    public InitiativeProgress(String businessKey, String processInstanceId, String initiativeId, String title,
        String workstream, String ownerGroup, Phase plannedPhase, Phase actualPhase, ProgressStatus status,
        String statusLabel, long daysLate, boolean delayFlagged, List<Phase> phases, Owners owners, List<Link> links,
        List<Waiting> waitingFor) {
      this(businessKey, processInstanceId, initiativeId, title, workstream, ownerGroup, plannedPhase, actualPhase,
          status, statusLabel, daysLate, delayFlagged, phases, owners, links, waitingFor, List.of(), null, null);
    }

    /** The same progress, waiting for these predecessors. */
    InitiativeProgress waitingFor(List<Waiting> predecessors) {
      return new InitiativeProgress(businessKey, processInstanceId, initiativeId, title, workstream, ownerGroup,
          plannedPhase, actualPhase, status, statusLabel, daysLate, delayFlagged, phases, owners, links, predecessors,
          actualPhases, completed, completedText);
    }
  }

  /**
   * A phase from its first to its last possible day; {@code period} as the plan says it (「第3四半期」「7月頃」); the
   * actual phase: since when. In {@code actualPhases} (the history): from the day its task opened to the day it was
   * done ({@code end} null while still open), {@code period} those days in words (「4月1日〜5月30日」「9月20日〜（実施中）」).
   */
  public record Phase(String key, String name, LocalDate start, LocalDate end, String period) {}

  /**
   * Who the initiative belongs to, as its instance was started (group ids, partners by name), and the same in
   * words ({@code text}: 「主担当: … ／共同: … ／関係先: … ／協力: … ／実施区: …」).
   */
  public record Owners(String lead, List<String> coOwners, List<String> counterparts, List<String> partners,
      String wardScope, List<String> wards, String text) {

    public Owners {
      coOwners = List.copyOf(coOwners);
      counterparts = List.copyOf(counterparts);
      partners = List.copyOf(partners);
      wards = List.copyOf(wards);
    }

    /** Whether the group leads it, shares its tasks, or it runs in that ward. */
    public boolean concerns(String group) {
      return group.equals(lead) || coOwners.contains(group) || wards.contains(group);
    }
  }

  /**
   * A link of the plan from this initiative: {@code kind} its code ({@code follows}, {@code discussedAt},
   * {@code alignedWith}) and {@code kindLabel} in Japanese; {@code targetTitle} the title of the item, meeting or
   * workstream it points at.
   */
  public record Link(String kind, String kindLabel, String target, String targetTitle, String note) {}

  /** A predecessor ({@code follows}) of the same plan and year that is not finished while this one is under way. */
  public record Waiting(String initiativeId, String title, ProgressStatus status, String statusLabel) {}

  /** Counts by status within one workstream or owner group. */
  public record Summary(String key, int total, int onSchedule, int ahead, int delayed, int completed) {}
}
