package jp.shisakuflow.demo;

import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_COORDINATE;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_IMPLEMENT_MODEL;
import static jp.shisakuflow.initiative.InitiativeLifecycle.Element.TASK_VERIFY;

import java.time.ZoneId;
import java.util.Map;
import jp.shisakuflow.initiative.FiscalYear;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.VerificationRating;
import jp.shisakuflow.organization.OrganizationGroup;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo profile only: groups, users and a few running initiatives. Creates only what is missing. */
@Component
@Profile("demo")
public class DemoDataSeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);
  static final ZoneId CITY_ZONE = ZoneId.of("Asia/Tokyo");

  private final IdentityService identityService;
  private final TaskService taskService;
  private final InitiativeLifecycleService lifecycles;

  public DemoDataSeeder(IdentityService identityService, TaskService taskService,
      InitiativeLifecycleService lifecycles) {
    this.identityService = identityService;
    this.taskService = taskService;
    this.lifecycles = lifecycles;
  }

  @Override
  public void run(ApplicationArguments args) {
    seed();
  }

  public void seed() {
    int groups = 0;
    for (OrganizationGroup organizationGroup : OrganizationGroup.values()) {
      groups += createGroupIfMissing(organizationGroup) ? 1 : 0;
    }
    int users = 0;
    for (DemoDirectory.DemoUser demoUser : DemoDirectory.USERS) {
      users += createUserIfMissing(demoUser) ? 1 : 0;
    }
    int fiscalYear = FiscalYear.containing(ClockUtil.now().toInstant().atZone(CITY_ZONE).toLocalDate());
    int started = 0;
    for (DemoInitiatives.DemoInitiative initiative : DemoInitiatives.ALL) {
      var instanceId = lifecycles.startIfAbsent(initiative.startIn(fiscalYear));
      if (instanceId.isPresent()) {
        started++;
        if (initiative.advanceToDecision()) {
          advanceToDecision(instanceId.get(), initiative.ownerGroup());
        }
      }
    }
    log.info("Demo data: {} groups, {} users and {} FY{} initiatives created (the rest existed)",
        groups, users, started, fiscalYear);
  }

  private boolean createGroupIfMissing(OrganizationGroup organizationGroup) {
    if (identityService.createGroupQuery().groupId(organizationGroup.id()).count() > 0) {
      return false;
    }
    Group group = identityService.newGroup(organizationGroup.id());
    group.setName(organizationGroup.nameJa());
    group.setType(organizationGroup.engineType());
    identityService.saveGroup(group);
    return true;
  }

  private boolean createUserIfMissing(DemoDirectory.DemoUser demoUser) {
    if (identityService.createUserQuery().userId(demoUser.id()).count() > 0) {
      return false;
    }
    User user = identityService.newUser(demoUser.id());
    user.setFirstName(demoUser.firstName());
    user.setLastName(demoUser.lastName());
    user.setEmail(demoUser.email());
    user.setPassword(demoUser.id());
    identityService.saveUser(user);
    identityService.createMembership(demoUser.id(), demoUser.group().id());
    return true;
  }

  /** Works the first three phases as a member of the owner group, so that a manager has a decision to make. */
  private void advanceToDecision(String processInstanceId, String ownerGroup) {
    String worker = DemoDirectory.USERS.stream()
        .filter(u -> u.group().id().equals(ownerGroup)).findFirst().orElseThrow().id();
    identityService.setAuthenticatedUserId(worker);
    try {
      complete(processInstanceId, TASK_COORDINATE, worker, Map.of());
      complete(processInstanceId, TASK_IMPLEMENT_MODEL, worker, Map.of());
      complete(processInstanceId, TASK_VERIFY, worker, Map.of(
          Var.VERIFICATION_RATING, VerificationRating.GOOD.code(),
          Var.ACHIEVEMENT_RATE, 85));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void complete(String processInstanceId, String taskKey, String worker, Map<String, Object> variables) {
    var task = taskService.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(taskKey).singleResult();
    taskService.claim(task.getId(), worker);
    taskService.complete(task.getId(), variables);
  }
}
