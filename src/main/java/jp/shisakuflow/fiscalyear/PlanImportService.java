package jp.shisakuflow.fiscalyear;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeRevision;
import jp.shisakuflow.organization.Cities;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.CityDefinitions;
import jp.shisakuflow.plan.InvalidPlanException;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanDocument;
import jp.shisakuflow.plan.PlanDocuments;
import jp.shisakuflow.plan.PlanError;
import jp.shisakuflow.plan.PlanParser;
import jp.shisakuflow.plan.PlannedInitiative;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a plan into a fiscal year: checks it whole (nothing is imported when anything is wrong), keeps
 * its text as a deployment resource, and starts its {@code fiscal-year-plan} instance; importing the
 * same plan again starts nothing, and a revised plan moves the planned dates of running instances.
 */
@Service
public class PlanImportService {

  public static final String DEPLOYMENT_PREFIX = "plan-";
  private static final Logger log = LoggerFactory.getLogger(PlanImportService.class);

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final IdentityService identityService;
  private final InitiativeLifecycleService initiatives;
  private final InitiativeRevision revision;
  private final PlanInitiatives planInitiatives;
  private final HistoryService historyService;
  private final MilestoneSchedule schedule;
  private final int preparationLeadDays;

  public PlanImportService(RepositoryService repositoryService, RuntimeService runtimeService,
      ManagementService managementService, IdentityService identityService, InitiativeLifecycleService initiatives,
      InitiativeRevision revision, PlanInitiatives planInitiatives, HistoryService historyService,
      MilestoneSchedule schedule, PlanProperties properties) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.identityService = identityService;
    this.initiatives = initiatives;
    this.revision = revision;
    this.planInitiatives = planInitiatives;
    this.historyService = historyService;
    this.schedule = schedule;
    this.preparationLeadDays = properties.preparationLeadDays();
  }

  /**
   * @param source the file name, for error messages
   * @param targetFiscalYear the year to import into, or null for the plan's own year
   */
  @Transactional
  public PlanImportResult importPlan(String source, String yaml, Integer targetFiscalYear) {
    return importPlan(source, yaml, targetFiscalYear, null);
  }

  /** As {@link #importPlan(String, String, Integer)}, naming {@code actor} as who revised running initiatives. */
  @Transactional
  public PlanImportResult importPlan(String source, String yaml, Integer targetFiscalYear, String actor) {
    return importPlan(PlanDocument.yaml(source, yaml), targetFiscalYear, actor);
  }

  /** As {@link #importPlan(String, String, Integer, String)}, for a file read by {@link PlanDocuments}. */
  @Transactional
  public PlanImportResult importPlan(PlanDocument document, Integer targetFiscalYear, String actor) {
    return importPlan(document, targetFiscalYear, actor, decision -> { });
  }

  /**
   * As {@link #importPlan(PlanDocument, Integer, String)}; {@code beforeWriting} sees the decision first and may refuse
   * it by throwing (the upload page's import refuses one taken against another state than its preview's).
   */
  @Transactional
  public PlanImportResult importPlan(PlanDocument document, Integer targetFiscalYear, String actor,
      Consumer<PlanImportDecision> beforeWriting) {
    PlanImportDecision decision = decide(document, targetFiscalYear);
    beforeWriting.accept(decision);
    Plan plan = decision.plan();
    if (decision.status() == PlanImportResult.Status.UNCHANGED) {
      return new PlanImportResult(plan.businessKey(), plan.fiscalYear(), PlanImportResult.Status.UNCHANGED, 0, 0);
    }
    String resource = "plans/" + plan.id() + ".yaml";
    Deployment deployment = repositoryService.createDeployment()
        .name(DEPLOYMENT_PREFIX + plan.id())
        .source(document.source())
        .addString(resource, document.yaml())
        .deploy();
    return decision.status() == PlanImportResult.Status.STARTED ? start(plan, deployment.getId(), resource)
        : revise(decision.runningPlanInstanceId(), plan, deployment.getId(), actor);
  }

  /**
   * What importing {@code document} would do, without writing anything: the plan checked whole (an invalid one is
   * refused with every error at its place), and whether it starts a year, revises the running one or changes nothing.
   * The import and its preview both ask this.
   */
  public PlanImportDecision decide(PlanDocument document, Integer targetFiscalYear) {
    String source = document.source();
    Plan parsed = document.parse(new PlanParser(knownGroups()));
    int year = targetFiscalYear == null ? parsed.fiscalYear() : targetFiscalYear;
    if (!FiscalYear.isSupported(year)) {
      throw new InvalidPlanException(source, List.of(new PlanError(0, FiscalYear.unsupported(year))));
    }
    Plan plan = parsed.inFiscalYear(year);
    ProcessInstance running = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(FiscalYearPlan.PROCESS_KEY)
        .processInstanceBusinessKey(plan.businessKey())
        .singleResult();
    boolean finished = running == null && yearAlreadyRan(plan);
    // The same plan, whatever its text (a workbook's YAML is not the file the year was imported from): unchanged.
    PlanImportResult.Status status = finished || running != null
        && (document.yaml().equals(importedText(running.getId())) || plan.sameContent(importedPlan(running.getId(), year)))
        ? PlanImportResult.Status.UNCHANGED
        : running == null ? PlanImportResult.Status.STARTED : PlanImportResult.Status.REVISED;
    return new PlanImportDecision(document, plan, status, running == null ? null : running.getId(),
        running == null ? null : deploymentOf(running.getId()), finished);
  }

  /** The plan a running plan instance was imported from, in its year. */
  public Plan importedPlan(String planInstanceId, int fiscalYear) {
    return PlanParser.forImportedPlans().parse("imported", importedText(planInstanceId)).inFiscalYear(fiscalYear);
  }

  /** The running initiative instance of a plan's item (not the plan's own instance), if one runs. */
  public Optional<String> runningInstance(Plan plan, PlannedInitiative initiative) {
    return runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(jp.shisakuflow.initiative.InitiativeStart.businessKey(plan.fiscalYear(),
            initiative.id()))
        .active()
        .list().stream().filter(p -> !p.getProcessDefinitionId().startsWith(FiscalYearPlan.PROCESS_KEY + ":"))
        .map(ProcessInstance::getId)
        .findFirst();
  }

  private String deploymentOf(String planInstanceId) {
    return FiscalYearPlan.Typed.PLAN_DEPLOYMENT_ID.read(
        runtimeService.getVariable(planInstanceId, FiscalYearPlan.Var.PLAN_DEPLOYMENT_ID));
  }

  /** The plan text a running plan instance was imported from. */
  private String importedText(String planInstanceId) {
    String deploymentId = deploymentOf(planInstanceId);
    String resource = FiscalYearPlan.Typed.PLAN_RESOURCE.read(
        runtimeService.getVariable(planInstanceId, FiscalYearPlan.Var.PLAN_RESOURCE));
    try (var in = repositoryService.getResourceAsStream(deploymentId, resource)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private PlanImportResult start(Plan plan, String deploymentId, String resource) {
    long before = initiatives.countInYear(plan.fiscalYear());
    Map<String, Object> variables = new HashMap<>();
    variables.put(FiscalYearPlan.Var.PLAN_ID, plan.id());
    variables.put(FiscalYearPlan.Var.PLAN_TITLE, plan.title());
    variables.put(FiscalYearPlan.Var.FISCAL_YEAR, plan.fiscalYear());
    variables.put(FiscalYearPlan.Var.PLAN_DEPLOYMENT_ID, deploymentId);
    variables.put(FiscalYearPlan.Var.PLAN_RESOURCE, resource);
    variables.put(FiscalYearPlan.Var.PREPARATION_LEAD_DAYS, preparationLeadDays);
    CityDefinitions.start(runtimeService, FiscalYearPlan.PROCESS_KEY).businessKey(plan.businessKey())
        .setVariables(variables).execute();
    int started = (int) (initiatives.countInYear(plan.fiscalYear()) - before);
    log.info("Plan {} imported into FY{}: {} initiatives started", plan.id(), plan.fiscalYear(), started);
    return new PlanImportResult(plan.businessKey(), plan.fiscalYear(), PlanImportResult.Status.STARTED, started, 0);
  }

  private PlanImportResult revise(String planInstanceId, Plan plan, String deploymentId, String actor) {
    runtimeService.setVariable(planInstanceId, FiscalYearPlan.Var.PLAN_DEPLOYMENT_ID, deploymentId);
    int revised = 0;
    for (PlannedInitiative initiative : plan.initiatives()) {
      var instance = runningInstance(plan, initiative);
      if (instance.isPresent() && revision.revise(instance.get(), initiative.phases(), actor)) {
        revised++;
      }
    }
    int started = planInitiatives.startAll(plan);
    rescheduleMilestones(planInstanceId, plan);
    log.info("Plan {} revised in FY{}: {} initiatives revised, {} started", plan.id(), plan.fiscalYear(), revised,
        started);
    return new PlanImportResult(plan.businessKey(), plan.fiscalYear(), PlanImportResult.Status.REVISED, started,
        revised);
  }

  /** Milestones whose date moved: new local dates on their scope, and their timers recalculated. */
  private void rescheduleMilestones(String planInstanceId, Plan plan) {
    int leadDays = FiscalYearPlan.Typed.PREPARATION_LEAD_DAYS.read(
        runtimeService.getVariable(planInstanceId, FiscalYearPlan.Var.PREPARATION_LEAD_DAYS));
    Map<String, Milestone> byId = plan.milestones().stream().collect(Collectors.toMap(Milestone::id, m -> m));
    for (VariableInstance variable : runtimeService.createVariableInstanceQuery()
        .processInstanceIdIn(planInstanceId).variableName(FiscalYearPlan.Var.MILESTONE_ID).list()) {
      Milestone milestone = byId.get(FiscalYearPlan.Typed.MILESTONE_ID.read(variable.getValue()));
      if (milestone != null) {
        runtimeService.setVariablesLocal(variable.getExecutionId(), schedule.variables(milestone, leadDays));
      }
    }
    // Each waiting timer sees its milestone's (new) dates through the scope it runs in.
    managementService.createJobQuery().processInstanceId(planInstanceId).timers().list().stream()
        .filter(job -> runtimeService.getVariable(job.getExecutionId(), FiscalYearPlan.Var.MILESTONE_ID) != null)
        .forEach(job -> managementService.recalculateJobDuedate(job.getId(), false));
  }

  private boolean yearAlreadyRan(Plan plan) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(FiscalYearPlan.PROCESS_KEY)
        .processInstanceBusinessKey(plan.businessKey()).finished().count() > 0;
  }

  /** The groups of the city the import runs for ({@link jp.shisakuflow.organization.CityScope}): a plan names no other's. */
  Set<String> knownGroups() {
    String city = Cities.authenticatedCity(identityService).orElse(City.SEED.tenantId());
    return Set.copyOf(Cities.groupsOf(identityService, city));
  }
}
