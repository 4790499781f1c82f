package jp.shisakuflow.audit;

import java.util.Map;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.fiscalyear.StandalonePlanServices;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;

/**
 * FY2069 as auditors read it: the seed plan imported (so workstreams have their names), and one initiative
 * worked to its end by people with names: claimed by 加藤 花子, handed to 佐藤 次郎 by the manager 鈴木 一郎,
 * a value saved twice unchanged, verified 要改善, decided 継続実施.
 */
public final class AuditedYear {

  public static final int YEAR = 2069;
  public static final String TITLE = "監査の流れを確かめる施策";
  public static final String STAFF = "kato2069";
  public static final String OTHER_STAFF = "sato2069";
  public static final String MANAGER = "suzuki2069";
  private static String ended;

  private AuditedYear() {}

  /** The worked initiative's process instance id (ended), creating the year once per JVM. */
  public static synchronized String ensure(IdentityService identity, PlanImportService plans,
      InitiativeLifecycleService initiatives, TaskService tasks, RuntimeService runtime) {
    if (ended != null) {
      return ended;
    }
    TestUsers.ensure(identity, "auditor", OrganizationGroup.AUDITORS);
    person(identity, STAFF, "加藤", "花子", OrganizationGroup.WARD_TAKATSU);
    person(identity, OTHER_STAFF, "佐藤", "次郎", OrganizationGroup.WARD_TAKATSU);
    person(identity, MANAGER, "鈴木", "一郎", OrganizationGroup.MANAGERS);
    plans.importPlan("fy2019-community.yaml", StandalonePlanServices.seedYaml(), YEAR);

    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("audit-walk", TITLE, "hiroba",
        OrganizationGroup.WARD_TAKATSU.id(), YEAR)).orElseThrow();
    String coordinate = task(tasks, instance);
    as(identity, STAFF, OrganizationGroup.WARD_TAKATSU);
    try {
      tasks.claim(coordinate, STAFF);
      as(identity, MANAGER, OrganizationGroup.MANAGERS);
      tasks.setAssignee(coordinate, OTHER_STAFF);
      as(identity, OTHER_STAFF, OrganizationGroup.WARD_TAKATSU);
      tasks.complete(coordinate, Map.of("coordinationPartners", "高津区 地域振興課"));
      // Saved again with the same value (by the system): nothing changed, nothing to show.
      identity.clearAuthentication();
      runtime.setVariable(instance, "coordinationPartners", "高津区 地域振興課");
      runtime.setVariable(instance, "coordinationPartners", "高津区 地域振興課");
      as(identity, OTHER_STAFF, OrganizationGroup.WARD_TAKATSU);
      tasks.complete(task(tasks, instance), Map.of("participantCount", 25));
      tasks.complete(task(tasks, instance), Map.of(Var.VERIFICATION_RATING, "needsImprovement",
          Var.ACHIEVEMENT_RATE, 60, Var.RECOORDINATE, false));
      as(identity, MANAGER, OrganizationGroup.MANAGERS);
      tasks.complete(task(tasks, instance), Map.of(Var.DECIDED_OUTCOME, "continue", Var.DECISION_REASON,
          "参加者の声を受けて継続"));
      as(identity, OTHER_STAFF, OrganizationGroup.WARD_TAKATSU);
      tasks.complete(task(tasks, instance), Map.of());
    } finally {
      identity.clearAuthentication();
    }
    if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() != 0) {
      throw new IllegalStateException("the audited initiative did not end");
    }
    ended = instance;
    return ended;
  }

  private static void as(IdentityService identity, String user, OrganizationGroup group) {
    identity.setAuthentication(user, java.util.List.of(group.id()),
        java.util.List.of(jp.shisakuflow.organization.City.SEED.tenantId()));
  }

  private static String task(TaskService tasks, String instance) {
    return tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
  }

  private static void person(IdentityService identity, String id, String lastName, String firstName,
      OrganizationGroup group) {
    TestUsers.ensure(identity, id, group);
    var user = identity.createUserQuery().userId(id).singleResult();
    user.setLastName(lastName);
    user.setFirstName(firstName);
    identity.saveUser(user);
  }
}
