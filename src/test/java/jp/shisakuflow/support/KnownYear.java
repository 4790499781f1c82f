package jp.shisakuflow.support;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.Map;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.fiscalyear.StandalonePlanServices;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.progress.ProgressCalculator;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;


/**
 * A known FY2019 in the shared {@link ApiTest} context: the seed plan imported on 1 April; the model
 * support's coordination done on 20 September, the booklet two steps ahead by 10 October, the repeal
 * finished on 27 September, the guidebook's survey late (flagged on 15 October, with a comment).
 */

public class KnownYear {

  public static final int YEAR = 2019;
  public static final String GUIDEBOOK_COMMENT = "庁内調査の回答待ち（3課未回答）";
  private static boolean seeded;

  private final PlanImportService plans;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final IdentityService identityService;

  public KnownYear(PlanImportService plans, RuntimeService runtimeService, TaskService taskService,
      ManagementService managementService, IdentityService identityService) {
    this.plans = plans;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.identityService = identityService;
  }

  public synchronized void ensure() {
    if (seeded) {
      return;
    }
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    TestUsers.ensure(identityService, "kawasaki", OrganizationGroup.WARD_KAWASAKI);
    TestUsers.ensure(identityService, "auditor", OrganizationGroup.AUDITORS);
    try {
      at(LocalDate.of(2019, 4, 1));
      plans.importPlan("fy2019-community.yaml", StandalonePlanServices.seedYaml(), YEAR);
      completeStep("hiroba-model-support", LocalDate.of(2019, 9, 20));
      completeStep("hiroba-booklet", LocalDate.of(2019, 9, 25));
      completeStep("hiroba-booklet", LocalDate.of(2019, 10, 10));
      completeStep("ward-council-repeal", LocalDate.of(2019, 5, 30));
      completeStep("ward-council-repeal", LocalDate.of(2019, 6, 28));
      decide("ward-council-repeal", LocalDate.of(2019, 7, 5), Outcome.NONE);
      at(LocalDate.of(2019, 10, 15));
      String guidebook = instanceId("hiroba-guidebook");
      managementService.createJobQuery().processInstanceId(guidebook).executable().list()
          .forEach(job -> managementService.executeJob(job.getId()));
      taskService.createComment(null, guidebook, GUIDEBOOK_COMMENT);
    } finally {
      ClockUtil.reset();
    }
    seeded = true;
  }

  public String instanceId(String initiativeId) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("FY" + YEAR + "-" + initiativeId)
        .singleResult().getId();
  }

  private void completeStep(String initiativeId, LocalDate day) {
    at(day);
    var task = taskService.createTaskQuery().processInstanceId(instanceId(initiativeId)).list().stream()
        .filter(t -> ProgressCalculator.isPhaseTask(t.getTaskDefinitionKey())).findFirst().orElseThrow();
    taskService.complete(task.getId());
  }

  /** The managers' next-year decision, the planned outcome or another. */
  private void decide(String initiativeId, LocalDate day, Outcome outcome) {
    at(day);
    var task = taskService.createTaskQuery().processInstanceId(instanceId(initiativeId))
        .taskDefinitionKey(InitiativeLifecycle.Element.TASK_DECIDE_NEXT_YEAR).singleResult();
    taskService.complete(task.getId(), Map.of(InitiativeLifecycle.Var.DECIDED_OUTCOME, outcome.code()));
  }

  private static void at(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(10, 0)).atZone(CityTime.ZONE).toInstant()));
  }
}
