package jp.shisakuflow.security;

import java.util.ArrayList;
import java.util.List;
import jp.shisakuflow.organization.CityAuthorizationProvider;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * The engine's authorization checks, kept fast when there is one grant per open task (the engine grants
 * each candidate group on each task, 100k rows at 100k open tasks; BENCHMARKS.md):
 * <ul>
 * <li>A department's own task list skips the engine's authorization join. Camunda 7 checks a task query row
 * by row against {@code ACT_RU_AUTHORIZATION} joined on {@code RESOURCE_ID_ IN (task id, definition key,
 * '*')}, which PostgreSQL can only nested-loop. Where the query itself restricts the tasks to the caller's
 * own candidacy ({@link CandidateTaskScope}), every row is one the engine granted, so the check is left
 * out; every other query, and every query of a caller with revoke authorizations, keeps the engine's. Only
 * with the engine's default authorization provider, whose grants this relies on.
 * <li>The caller's groups are not first filtered down to the groups that hold any authorization: the engine
 * reads every distinct group id of the authorization table for that, once per command, a full scan of it
 * for every request. A group without authorizations matches no row of the checks anyway.
 * <li>On H2, a task query by candidacy joins the identity links with an inner join ({@link H2TaskQueries}).
 * </ul>
 */
@Component
public class AuthorizationAtScale extends SpringProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        Class<?> provider = configuration.getResourceAuthorizationProvider().getClass();
        // The cities' provider adds grants on persons and groups; a task's are the engine's own.
        return new Manager(provider == DefaultAuthorizationProvider.class || provider == CityAuthorizationProvider.class);
      }
    });
  }

  @Override
  public void postProcessEngineBuild(org.camunda.bpm.engine.ProcessEngine engine) {
    H2TaskQueries.register((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration());
  }

  /** The engine's authorization manager with the two changes above. */
  static class Manager extends AuthorizationManager {

    private final boolean candidacyImpliesGrant;

    Manager(boolean candidacyImpliesGrant) {
      this.candidacyImpliesGrant = candidacyImpliesGrant;
    }

    @Override
    public void configureTaskQuery(TaskQueryImpl query) {
      super.configureTaskQuery(query);
      AuthorizationCheck check = query.getAuthCheck();
      Authentication caller = getCurrentAuthentication();
      if (candidacyImpliesGrant && check.isAuthorizationCheckEnabled() && !check.isRevokeAuthorizationCheckEnabled()
          && caller != null
          && CandidateTaskScope.impliedByCandidacy(query.getQueries().size() - 1, query.getCandidateUser(),
              query.getCandidateGroups(), query.getCandidateGroupLike(), caller.getUserId(), caller.getGroupIds())) {
        check.setPermissionChecks(new CompositePermissionCheck());
      }
    }

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      return authenticatedGroupIds == null || authenticatedGroupIds.isEmpty() ? EMPTY_LIST
          : new ArrayList<>(authenticatedGroupIds);
    }
  }
}
