package jp.shisakuflow.initiative;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.organization.CityDefinitions;
import jp.shisakuflow.security.Grants;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts initiatives ({@code initiative-lifecycle} or {@code initiative-steps}), at most one per
 * initiative and fiscal year. The owner group may read its initiative, running and in the history: that
 * is what "the initiatives they take part in" means for department staff (their tasks they may work
 * through the engine's own grants to candidate groups).
 */
@Service
public class InitiativeLifecycleService {

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final AuthorizationService authorizationService;

  public InitiativeLifecycleService(RuntimeService runtimeService, HistoryService historyService,
      AuthorizationService authorizationService) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.authorizationService = authorizationService;
  }

  /**
   * Starts the lifecycle unless one with the same business key exists, running or finished.
   *
   * @return the id of the new instance, or empty when it already existed
   */
  @Transactional // one commit for the lookup, the start and the grants, not four
  public Optional<String> startIfAbsent(InitiativeStart initiative) {
    if (find(initiative.businessKey()).isPresent()) {
      return Optional.empty();
    }
    String id = CityDefinitions.start(runtimeService, initiative.processKey()).businessKey(initiative.businessKey())
        .setVariables(variables(initiative)).execute().getId();
    // The wards an item runs in read it too: their tasks are part of it (wards chosen during the year work
    // their tasks through the engine's grants to candidate groups).
    for (String group : java.util.stream.Stream.of(initiative.owners().readerGroups(), initiative.wards().wards(),
        initiative.wards().previousWards()).flatMap(List::stream).distinct().toList()) {
      Grants.grantNew(authorizationService, group, Resources.PROCESS_INSTANCE, id, List.of(Permissions.READ));
      Grants.grantNew(authorizationService, group, Resources.HISTORIC_PROCESS_INSTANCE, id,
          List.of(HistoricProcessInstancePermissions.READ));
    }
    return Optional.of(id);
  }

  /** How many initiative instances exist (running or finished) in a fiscal year. */
  public long countInYear(int fiscalYear) {
    return historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKeyIn(InitiativeProcesses.keys())
        .processInstanceBusinessKeyLike(BusinessKey.likeInYear(fiscalYear))
        .count();
  }

  public Optional<HistoricProcessInstance> find(String businessKey) {
    // By business key alone, which is indexed: with the definition keys in the query too, H2 scanned every
    // instance, and starts slowed down as the years piled up (BENCHMARKS.md).
    return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().stream()
        .filter(instance -> InitiativeProcesses.KEYS.contains(instance.getProcessDefinitionKey()))
        .reduce((one, other) -> {
          throw new IllegalStateException("Two initiative instances with business key " + businessKey);
        });
  }

  /** The variables an initiative's instance starts with. */
  public static Map<String, Object> variables(InitiativeStart initiative) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Var.INITIATIVE_ID, initiative.initiativeId());
    variables.put(Var.TITLE, initiative.title());
    variables.put(Var.WORKSTREAM, initiative.workstream());
    variables.put(Var.OWNER_GROUP, initiative.ownerGroup());
    variables.put(Var.OWNER_GROUPS, String.join(",", initiative.owners().taskGroups()));
    variables.put(Var.COUNTERPART_GROUPS, String.join(",", initiative.owners().counterparts()));
    variables.put(Var.PARTNERS, String.join("、", initiative.owners().partners()));
    variables.put(Var.WARD_SCOPE, initiative.wards().mode().name());
    variables.put(Var.WARDS, String.join(",", initiative.wards().wards()));
    variables.put(Var.PREVIOUS_WARDS, String.join(",", initiative.wards().previousWards()));
    variables.put(Var.FISCAL_YEAR, initiative.fiscalYear());
    variables.put(Var.PHASE_PLAN, PhasePlanCodec.write(initiative.phases()));
    variables.put(Var.PLANNED_OUTCOME, initiative.plannedOutcome().code());
    variables.put(Var.PLANNED_OUTCOME_LABEL, initiative.plannedOutcomeLabel());
    variables.put(Var.DELAYED, false);
    variables.put(Var.DELAYED_PHASES, "");
    if (initiative.planKey() != null) {
      variables.put(Var.PLAN_KEY, initiative.planKey());
    }
    if (initiative.previousBusinessKey() != null) {
      variables.put(Var.PREVIOUS_BUSINESS_KEY, initiative.previousBusinessKey());
    }
    return variables;
  }
}
