package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A ward's own task list skips the engine's authorization join; nothing else does, and no one sees more.
 * The caller's groups go into the checks as they are.
 */
@ApiTest
class AuthorizationAtScaleTest {

  private static final List<String> TAKATSU = List.of(OrganizationGroup.WARD_TAKATSU.id());
  private static final List<String> KAWASAKI = List.of(OrganizationGroup.WARD_KAWASAKI.id());

  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired TaskService taskService;
  @Autowired InitiativeLifecycleService initiatives;

  private String takatsuTask;
  private String kawasakiTask;
  private String revoke;

  @BeforeEach
  void oneTaskPerWard() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    takatsuTask = firstTask(OrganizationGroup.WARD_TAKATSU);
    kawasakiTask = firstTask(OrganizationGroup.WARD_KAWASAKI);
  }

  @AfterEach
  void noRevokeLeft() {
    if (revoke != null) {
      authorizationService.deleteAuthorization(revoke);
    }
  }

  @Test
  void wardsOwnListSkipsTheAuthorizationJoin() {
    assertThat(performsAuthorizationCheck(taskService.createTaskQuery().taskCandidateGroupIn(TAKATSU))).isFalse();
    assertThat(performsAuthorizationCheck(taskService.createTaskQuery().taskCandidateUser("takatsu"))).isFalse();
  }

  @Test
  void everyOtherTaskQueryKeepsTheEngineCheck() {
    assertThat(performsAuthorizationCheck(taskService.createTaskQuery())).isTrue();
    assertThat(performsAuthorizationCheck(taskService.createTaskQuery().taskCandidateGroupIn(KAWASAKI))).isTrue();
    assertThat(performsAuthorizationCheck(taskService.createTaskQuery().taskCandidateGroupLike("ward%"))).isTrue();
    assertThat(performsAuthorizationCheck(taskService.createTaskQuery().taskCandidateGroupIn(TAKATSU)
        .or().taskName("調整").endOr())).isTrue();
  }

  @Test
  void wardSeesWhatTheEngineCheckShowsIt() {
    List<String> shortcut = asTakatsu(q -> q.taskCandidateGroupIn(TAKATSU));
    // The same tasks through a query shape the shortcut does not apply to: the engine's own check.
    List<String> checked = asTakatsu(q -> q.or().taskCandidateGroupIn(TAKATSU).taskCandidateGroupIn(TAKATSU).endOr());
    assertThat(shortcut).contains(takatsuTask).doesNotContain(kawasakiTask).containsExactlyInAnyOrderElementsOf(checked);
  }

  @Test
  void anotherWardsTasksStayHidden() {
    assertThat(asTakatsu(q -> q.taskCandidateGroupIn(KAWASAKI))).isEmpty();
    assertThat(asTakatsu(q -> q.taskCandidateGroupLike("ward%"))).doesNotContain(kawasakiTask).contains(takatsuTask);
  }

  @Test
  void aTaskRevokedFromTheUserStaysHidden() {
    // A user's revoke outranks the group's grant (the engine's precedence: user before group).
    Authorization revocation = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revocation.setUserId("takatsu");
    revocation.setResource(Resources.TASK);
    revocation.setResourceId(takatsuTask);
    revocation.removePermission(Permissions.READ);
    revoke = authorizationService.saveAuthorization(revocation).getId();

    assertThat(performsAuthorizationCheck(taskService.createTaskQuery().taskCandidateGroupIn(TAKATSU))).isTrue();
    assertThat(asTakatsu(q -> q.taskCandidateGroupIn(TAKATSU))).doesNotContain(takatsuTask);
  }

  @Test
  void theCallersGroupsAreNotFilteredThroughTheWholeAuthorizationTable() {
    // The engine's version reads every group id of ACT_RU_AUTHORIZATION first (and needs a command for it).
    assertThat(new AuthorizationAtScale.Manager(true).filterAuthenticatedGroupIds(List.of("wardTakatsu", "noGrants")))
        .containsExactly("wardTakatsu", "noGrants");
  }

  @Test
  void aCallerInAGroupWithoutGrantsStillSeesOnlyWhatItsOtherGroupMay() {
    identityService.setAuthentication("takatsu", List.of(OrganizationGroup.WARD_TAKATSU.id(), "groupWithoutGrants"), List.of(jp.shisakuflow.organization.City.SEED.tenantId()));
    try {
      List<String> visible = taskService.createTaskQuery().listPage(0, 2000).stream().map(Task::getId).toList();
      assertThat(visible).contains(takatsuTask).doesNotContain(kawasakiTask);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private String firstTask(OrganizationGroup ward) {
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("cand-" + System.nanoTime(), "候補テストの施策",
        "social-design-center", ward.id(), 2031)).orElseThrow();
    return taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
  }

  private List<String> asTakatsu(Function<TaskQuery, TaskQuery> query) {
    identityService.setAuthentication("takatsu", TAKATSU, List.of(jp.shisakuflow.organization.City.SEED.tenantId()));
    try {
      return query.apply(taskService.createTaskQuery()).listPage(0, 2000).stream().map(Task::getId).toList();
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Configures the query as the engine does before running it, as 高津区役所 staff. */
  private boolean performsAuthorizationCheck(TaskQuery query) {
    TaskQueryImpl impl = (TaskQueryImpl) query;
    identityService.setAuthentication("takatsu", TAKATSU, List.of(jp.shisakuflow.organization.City.SEED.tenantId()));
    try {
      return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
          .execute(context -> {
            context.getAuthorizationManager().configureTaskQuery(impl);
            return impl.getAuthCheck().getShouldPerformAuthorizatioCheck();
          });
    } finally {
      identityService.clearAuthentication();
    }
  }
}
