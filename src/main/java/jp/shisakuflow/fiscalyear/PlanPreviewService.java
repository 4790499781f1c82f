package jp.shisakuflow.fiscalyear;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.shisakuflow.initiative.InitiativeRevision;
import jp.shisakuflow.initiative.OwnersText;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanDocument;
import jp.shisakuflow.plan.PlannedInitiative;
import org.springframework.stereotype.Service;

/**
 * The dry run of a plan import: what {@link PlanImportService#importPlan} would do with the same file, asked of the
 * same code ({@link PlanImportService#decide}, {@link PlanInitiatives#absent}, {@link InitiativeRevision#wouldChange})
 * and described in the plan's words. Reads only: it deploys, starts and changes nothing.
 */
@Service
public class PlanPreviewService {

  static final String NONE = "（なし）";

  private final PlanImportService imports;
  private final PlanInitiatives planInitiatives;
  private final InitiativeRevision revision;

  public PlanPreviewService(PlanImportService imports, PlanInitiatives planInitiatives, InitiativeRevision revision) {
    this.imports = imports;
    this.planInitiatives = planInitiatives;
    this.revision = revision;
  }

  /**
   * @param contentHash the hash of the uploaded bytes, handed back for the import to check
   * @throws jp.shisakuflow.plan.InvalidPlanException for an invalid file, with every error at its place
   */
  public PlanPreview preview(PlanDocument document, Integer targetFiscalYear, String contentHash) {
    PlanImportDecision decision = imports.decide(document, targetFiscalYear);
    Plan plan = decision.plan();
    List<PlanPreview.StartingInitiative> starting = new ArrayList<>();
    List<PlanPreview.ChangedInitiative> changed = new ArrayList<>();
    List<PlanPreview.MovedMilestone> moved = new ArrayList<>();
    if (decision.status() != PlanImportResult.Status.UNCHANGED) {
      planInitiatives.absent(plan).forEach(i -> starting.add(starting(plan, i)));
    }
    if (decision.status() == PlanImportResult.Status.REVISED) {
      for (PlannedInitiative initiative : plan.initiatives()) {
        imports.runningInstance(plan, initiative)
            .flatMap(instance -> revision.wouldChange(instance, initiative.phases()))
            .ifPresent(before -> changed.add(new PlanPreview.ChangedInitiative(initiative.id(), initiative.title(),
                workstream(plan, initiative), phaseChanges(before, initiative.phases()))));
      }
      moved.addAll(movedMilestones(imports.importedPlan(decision.runningPlanInstanceId(), plan.fiscalYear()), plan));
    }
    return new PlanPreview(plan.id(), plan.title(), plan.fiscalYear(), plan.fiscalYear() + "年度", plan.businessKey(),
        document.source(), decision.status(), statusText(decision, starting.size(), changed.size(), moved.size()),
        contentHash, decision.basis(), starting, changed, moved);
  }

  static String statusText(PlanImportDecision decision, int starting, int changed, int moved) {
    String year = decision.plan().fiscalYear() + "年度";
    return switch (decision.status()) {
      case STARTED -> year + "の計画として新しく取り込みます。施策 " + starting + " 件を開始します";
      case REVISED -> "実行中の" + year + "の計画を改定します。予定が変わる施策 " + changed + " 件、新しく開始する施策 "
          + starting + " 件、日付が変わるマイルストーン " + moved + " 件";
      case UNCHANGED -> decision.yearFinished() ? year + "の計画は終了しています。取り込んでも何も変わりません"
          : "同じ計画が取り込み済みです。取り込んでも何も変わりません";
    };
  }

  private static PlanPreview.StartingInitiative starting(Plan plan, PlannedInitiative initiative) {
    return new PlanPreview.StartingInitiative(initiative.id(), initiative.title(), workstream(plan, initiative),
        OwnersText.of(initiative.owners().lead(), initiative.owners().coOwners(), initiative.owners().counterparts(),
            initiative.owners().partners(), initiative.wards().mode().name(), initiative.wards().wards()),
        initiative.phases().stream().map(p -> new PlanPreview.Phase(p.name(), p.periodTextJa())).toList());
  }

  private static String workstream(Plan plan, PlannedInitiative initiative) {
    return plan.workstream(initiative.workstream()).map(Plan.Workstream::name).orElse(initiative.workstream());
  }

  /** Every phase of before and after, by key in the new plan's order (removed ones last). */
  static List<PlanPreview.PhaseChange> phaseChanges(List<PlannedPhase> before, List<PlannedPhase> after) {
    Map<String, PlannedPhase> old = before.stream()
        .collect(Collectors.toMap(PlannedPhase::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    List<PlanPreview.PhaseChange> changes = new ArrayList<>();
    for (PlannedPhase phase : after) {
      Optional<PlannedPhase> was = Optional.ofNullable(old.remove(phase.key()));
      String beforeText = was.map(PlannedPhase::periodTextJa).orElse(NONE);
      changes.add(new PlanPreview.PhaseChange(phase.name(), beforeText, phase.periodTextJa(),
          was.map(w -> !w.equals(phase)).orElse(true)));
    }
    old.values().forEach(p -> changes.add(new PlanPreview.PhaseChange(p.name(), p.periodTextJa(), NONE, true)));
    return changes;
  }

  private static List<PlanPreview.MovedMilestone> movedMilestones(Plan before, Plan after) {
    Map<String, Milestone> old = before.milestones().stream()
        .collect(Collectors.toMap(Milestone::id, Function.identity(), (a, b) -> a));
    return after.milestones().stream()
        .filter(m -> old.containsKey(m.id()) && !old.get(m.id()).date().equals(m.date()))
        .map(m -> new PlanPreview.MovedMilestone(m.id(), m.title(), old.get(m.id()).date().textJa(), m.date().textJa()))
        .toList();
  }
}
