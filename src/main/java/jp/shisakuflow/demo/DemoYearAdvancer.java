package jp.shisakuflow.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.shisakuflow.fiscalyear.AssemblyDecision;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.initiative.Variable;
import jp.shisakuflow.initiative.VerificationRating;
import jp.shisakuflow.initiative.WardScope;
import jp.shisakuflow.initiative.WardTasks;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo only: lives the current fiscal year from 1 April up to now on the engine's clock, so that the
 * history has real dates. Most work is done on time; every fifth initiative is late (its overdue phase
 * stays open and is escalated), a few run ahead; the latest quarterly review and the escalations wait
 * for a manager.
 */
@Component
@Profile("demo")
public class DemoYearAdvancer {

  private static final Logger log = LoggerFactory.getLogger(DemoYearAdvancer.class);
  static final Duration AHEAD_BY = Duration.ofDays(45);
  static final java.util.Set<String> AHEAD = java.util.Set.of("hiroba-booklet", "localization-guideline");
  static final Duration WORKING_TIME = Duration.ofDays(2);
  static final Duration QUARTER = Duration.ofDays(92);
  static final int MAX_STEPS = 5_000;
  static final int FIRST_YEAR_MODEL_WARDS = 2;

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final IdentityService identityService;
  /** The demo users' groups, read once per worker (memberships do not change while the year is lived). */
  private final Map<String, List<String>> groupsOf = new ConcurrentHashMap<>();
  private final Map<String, List<String>> citiesOf = new ConcurrentHashMap<>();
  private int jobsExecuted;

  public DemoYearAdvancer(RuntimeService runtimeService, TaskService taskService,
      ManagementService managementService, IdentityService identityService) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.identityService = identityService;
  }

  /**
   * Runs {@code importPlans} at the start of the plans' year (one year, every city's plan), then works the year up
   * to {@code now}.
   */
  public void liveYear(List<Plan> plans, Instant now, Runnable importPlans) {
    Map<String, Integer> position = new HashMap<>();
    for (Plan plan : plans) {
      for (int i = 0; i < plan.initiatives().size(); i++) {
        position.put(plan.initiatives().get(i).id(), i);
      }
    }
    Instant clock = CityTime.startOf(jp.shisakuflow.time.FiscalYear.start(plans.get(0).fiscalYear())).toInstant()
        .plus(Duration.ofHours(9));
    groupsOf.clear();
    citiesOf.clear();
    jobsExecuted = 0;
    long began = System.nanoTime();
    int steps = 0;
    int completed = 0;
    try {
      ClockUtil.setCurrentTime(Date.from(clock));
      importPlans.run();
      for (int step = 0; step < MAX_STEPS && !clock.isAfter(now); step++, steps++) {
        ClockUtil.setCurrentTime(Date.from(clock));
        fireDueTimers();
        Instant next = now.plusSeconds(1);
        List<Task> tasks = taskService.createTaskQuery().active().list();
        // One query for the step's business keys, not one per task: the per-task query was a third of the
        // seeding's time (JFR, BENCHMARKS.md "Demo app start-up").
        Map<String, String> businessKeys = tasks.isEmpty() ? Map.of() : businessKeys();
        for (Task task : tasks) {
          Optional<Instant> doneAt = completionTime(task, now, position, businessKeys);
          if (doneAt.isEmpty()) {
            continue;
          }
          if (!doneAt.get().isAfter(clock)) {
            complete(task);
            completed++;
          } else if (doneAt.get().isBefore(next)) {
            next = doneAt.get();
          }
        }
        Instant nextTimer = managementService.createJobQuery().timers().orderByJobDuedate().asc().listPage(0, 1)
            .stream().map(j -> j.getDuedate().toInstant()).findFirst().orElse(next);
        Instant following = nextTimer.isBefore(next) ? nextTimer : next;
        clock = following.isAfter(clock) ? following : clock.plusSeconds(60);
      }
    } finally {
      ClockUtil.reset();
    }
    log.info("Demo year lived in {} ms: {} steps of the engine's clock, {} tasks completed, {} jobs executed",
        (System.nanoTime() - began) / 1_000_000, steps, completed, jobsExecuted);
  }

  /** When staff would finish this task, or empty when it is left open for the demo. */
  Optional<Instant> completionTime(Task task, Instant now, Map<String, Integer> position,
      Map<String, String> businessKeys) {
    Instant created = task.getCreateTime().toInstant();
    Instant due = task.getDueDate() == null ? created : task.getDueDate().toInstant();
    String key = task.getTaskDefinitionKey();
    switch (key) {
      case InitiativeLifecycle.Element.TASK_HANDLE_DELAY, InitiativeSteps.Element.TASK_HANDLE_DELAY:
        return Optional.empty();
      case FiscalYearPlan.Element.TASK_PREPARE_MILESTONE:
        return Optional.of(due.minus(Duration.ofHours(6)));
      case FiscalYearPlan.Element.TASK_RECORD_MINUTES, InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR:
        return Optional.of(created.plus(WORKING_TIME));
      case FiscalYearPlan.Element.TASK_QUARTERLY_REVIEW:
        // Reviews are done within a week, but for the latest one, which waits for the managers.
        return created.plus(QUARTER).isBefore(now) ? Optional.of(created.plus(Duration.ofDays(7))) : Optional.empty();
      default:
        break;
    }
    String businessKey = businessKeys.getOrDefault(task.getProcessInstanceId(), "");
    String initiativeId = businessKey.substring(businessKey.indexOf('-') + 1);
    int index = position.getOrDefault(initiativeId, 0);
    if (index % 5 == 1) {
      return Optional.empty();
    }
    Instant onTime = due.minus(Duration.ofHours(8));
    if (AHEAD.contains(initiativeId)) {
      Instant early = onTime.minus(AHEAD_BY);
      return Optional.of(early.isAfter(created) ? early : created.plus(Duration.ofHours(1)));
    }
    return Optional.of(onTime.isAfter(created) ? onTime : created.plus(Duration.ofHours(1)));
  }

  private Map<String, String> businessKeys() {
    Map<String, String> keys = new HashMap<>();
    for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().active().list()) {
      keys.put(instance.getId(), instance.getBusinessKey());
    }
    return keys;
  }

  private void fireDueTimers() {
    List<Job> due;
    int rounds = 0;
    while (!(due = managementService.createJobQuery().executable().list()).isEmpty() && rounds++ < 100) {
      for (Job job : due) {
        managementService.executeJob(job.getId());
        jobsExecuted++;
      }
    }
  }

  /** The demo's choice of model wards: two the first year, one more each year after (順次モデル実施). */
  static String demoWards(String previousWards) {
    List<String> chosen = new java.util.ArrayList<>(WardTasks.split(previousWards));
    int more = chosen.isEmpty() ? FIRST_YEAR_MODEL_WARDS : 1;
    WardTasks.ALL_WARDS.stream().filter(w -> !chosen.contains(w)).limit(more).forEach(chosen::add);
    return String.join(",", chosen);
  }

  /** Completes the task as a member of its candidate group, so that the history names a person. */
  private void complete(Task task) {
    String worker = taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(link -> DemoDirectory.USERS.stream().filter(u -> u.groupId().equals(link.getGroupId())
            && u.cities().stream().anyMatch(c -> c.tenantId().equals(task.getTenantId()))).findFirst())
        .flatMap(Optional::stream)
        .map(DemoDirectory.DemoUser::id)
        .findFirst().orElse("admin");
    Map<String, Object> variables = new HashMap<>();
    switch (task.getTaskDefinitionKey()) {
      case InitiativeLifecycle.Element.TASK_VERIFY -> {
        variables.put(Var.VERIFICATION_RATING, VerificationRating.GOOD.code());
        variables.put(Var.ACHIEVEMENT_RATE, 85);
      }
      case InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR ->
          variables.put(Var.DECIDED_OUTCOME, taskService.getVariable(task.getId(), Var.RECOMMENDED_OUTCOME));
      case FiscalYearPlan.Element.TASK_RECORD_MINUTES -> {
        if (Milestone.Kind.ASSEMBLY.code().equals(taskService.getVariable(task.getId(), FiscalYearPlan.Var.MILESTONE_KIND))) {
          variables.put(FiscalYearPlan.Var.ASSEMBLY_DECISION, AssemblyDecision.PASSED.code());
        }
      }
      case InitiativeLifecycle.Element.TASK_COORDINATE -> {
        if (WardScope.Mode.DECIDED_IN_YEAR.name().equals(taskService.getVariable(task.getId(), Var.WARD_SCOPE))) {
          variables.put(Var.WARDS, demoWards(Variable.text(Var.PREVIOUS_WARDS).read(
              taskService.getVariable(task.getId(), Var.PREVIOUS_WARDS))));
        }
      }
      default -> { }
    }
    // As the person, with their groups, so that the engine applies their authorizations.
    identityService.setAuthentication(worker, groupsOf.computeIfAbsent(worker, w ->
        identityService.createGroupQuery().groupMember(w).list().stream()
            .map(org.camunda.bpm.engine.identity.Group::getId).toList()), citiesOf.computeIfAbsent(worker, w ->
        jp.shisakuflow.organization.Cities.of(identityService, w)));
    try {
      taskService.claim(task.getId(), worker);
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
