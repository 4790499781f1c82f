package jp.shisakuflow.security;

import java.util.ArrayList;
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
 * A department's own task list without the engine's authorization join. Camunda 7 checks a task query
 * row by row against {@code ACT_RU_AUTHORIZATION} joined on {@code RESOURCE_ID_ IN (task id, definition
 * key, '*')}; with one grant per open task of a group, PostgreSQL can only nested-loop that, and a ward's
 * list took seconds at 100k open tasks (BENCHMARKS.md). Where the query itself restricts the tasks to the
 * caller's own candidacy ({@link CandidateTaskScope}), every row is one the engine granted, so the check is
 * left out; every other query, and every query of a caller with revoke authorizations, keeps the engine's.
 * Only with the engine's default authorization provider, whose grants this relies on.
 */
@Component
public class CandidateTaskAuthorization extends SpringProcessEnginePlugin {

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
        return configuration.getResourceAuthorizationProvider().getClass() == DefaultAuthorizationProvider.class
            ? new Manager() : new AuthorizationManager();
      }
    });
  }

  /** The engine's authorization manager, except for task queries within the caller's candidacy. */
  static class Manager extends AuthorizationManager {

    @Override
    public void configureTaskQuery(TaskQueryImpl query) {
      super.configureTaskQuery(query);
      AuthorizationCheck check = query.getAuthCheck();
      Authentication caller = getCurrentAuthentication();
      if (check.isAuthorizationCheckEnabled() && !check.isRevokeAuthorizationCheckEnabled() && caller != null
          && CandidateTaskScope.impliedByCandidacy(query.getQueries().size() - 1, query.getCandidateUser(),
              query.getCandidateGroups(), query.getCandidateGroupLike(), caller.getUserId(), caller.getGroupIds())) {
        check.setPermissionChecks(new CompositePermissionCheck());
      }
    }
  }
}
