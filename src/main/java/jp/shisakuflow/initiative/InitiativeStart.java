package jp.shisakuflow.initiative;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jp.shisakuflow.time.FiscalYear;

/**
 * What one initiative instance starts from: one initiative in one fiscal year, with its owners, the
 * wards it runs in, its planned phases (empty: every stage of the lifecycle, due at the year's end) and
 * next-year outcome.
 */
public record InitiativeStart(String initiativeId, String title, String workstream, Owners owners, WardScope wards,
    int fiscalYear, List<PlannedPhase> phases, Outcome plannedOutcome, String plannedOutcomeLabel,
    String planKey, String previousBusinessKey) {

  /** An initiative led by one group alone, in no particular ward. */
  public InitiativeStart(String initiativeId, String title, String workstream, String ownerGroup, int fiscalYear,
      List<PlannedPhase> phases, Outcome plannedOutcome, String plannedOutcomeLabel, String planKey,
      String previousBusinessKey) {
    this(initiativeId, title, workstream, ownerGroup == null ? null : Owners.led(ownerGroup), WardScope.NONE,
        fiscalYear, phases, plannedOutcome, plannedOutcomeLabel, planKey, previousBusinessKey);
  }

  /** An initiative without a plan: the whole lifecycle, expected to continue. */
  public static InitiativeStart unplanned(String initiativeId, String title, String workstream, String ownerGroup,
      int fiscalYear) {
    return new InitiativeStart(initiativeId, title, workstream, ownerGroup, fiscalYear, List.of(), Outcome.CONTINUE,
        Outcome.CONTINUE.labelJa(), null, null);
  }

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public InitiativeStart {
    List<String> problems = new ArrayList<>();
    if (initiativeId == null || !ID.matcher(initiativeId).matches()) {
      problems.add("initiativeId: 英小文字・数字・ハイフンで 63 文字以内 (lower-case letters, digits and '-', got '"
          + initiativeId + "')");
    }
    if (title == null || title.isBlank()) {
      problems.add("title: 入力が必要です (required)");
    }
    if (workstream == null || workstream.isBlank()) {
      problems.add("workstream: 入力が必要です (required)");
    }
    if (owners == null || owners.lead() == null || owners.lead().isBlank()) {
      problems.add("ownerGroup: 入力が必要です (required)");
    }
    if (!FiscalYear.isSupported(fiscalYear)) {
      problems.add(FiscalYear.unsupported(fiscalYear));
    }
    if (plannedOutcome == null) {
      problems.add("plannedOutcome: 入力が必要です (required)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    phases = List.copyOf(phases);
    wards = wards == null ? WardScope.NONE : wards;
  }

  /** The group that leads it. */
  public String ownerGroup() {
    return owners.lead();
  }

  /** Items whose phases are the canonical stages run the lifecycle; the others their own steps. */
  public String processKey() {
    return phases.stream().allMatch(p -> p.stage() != null) ? InitiativeLifecycle.PROCESS_KEY
        : InitiativeSteps.PROCESS_KEY;
  }

  /** {@code FY<year>-<initiativeId>}, the business key of the initiative's lifecycle in that year. */
  public String businessKey() {
    return businessKey(fiscalYear, initiativeId);
  }

  public static String businessKey(int fiscalYear, String initiativeId) {
    return BusinessKey.of(fiscalYear, initiativeId).toString();
  }
}
