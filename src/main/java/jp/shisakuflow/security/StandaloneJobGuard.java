package jp.shisakuflow.security;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Jobs that belong to no process instance (the history cleanup, a definition's suspension) are the
 * administrators' alone. The engine's own checks skip such "standalone" jobs entirely, so any logged-in
 * user could read, suspend, re-time, retry, execute or delete the history cleanup and silently stop
 * retention. This adds one more command checker: reading or changing a job without a process instance
 * needs {@code camunda-admin}. The job executor and the engine's own bootstrap run unauthenticated and
 * pass, as with every engine check. Lists are narrowed at the HTTP edge ({@link EngineWriteGuard}).
 */
@Component
public class StandaloneJobGuard extends SpringProcessEnginePlugin {

  static final Set<String> JOB_CHECKS = Set.of("checkReadJob", "checkUpdateJob", "checkUpdateRetriesJob");

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    var checkers = new ArrayList<>(configuration.getCommandCheckers());
    checkers.add(checker(configuration));
    configuration.setCommandCheckers(checkers);
  }

  /** A checker that acts on the three job checks and leaves every other check to the engine's own checkers. */
  static CommandChecker checker(ProcessEngineConfigurationImpl configuration) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (JOB_CHECKS.contains(method.getName()) && args != null && args.length == 1
          && args[0] instanceof JobEntity job && job.getProcessInstanceId() == null) {
        requireAdministrator(configuration, job);
      } else if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("toString") ? "StandaloneJobGuard"
            : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
      }
      return null;
    };
    return (CommandChecker) Proxy.newProxyInstance(StandaloneJobGuard.class.getClassLoader(),
        new Class<?>[] {CommandChecker.class}, handler);
  }

  private static void requireAdministrator(ProcessEngineConfigurationImpl configuration, JobEntity job) {
    CommandContext context = Context.getCommandContext();
    Authentication caller = context.getAuthentication();
    boolean checked = configuration.isAuthorizationEnabled() && context.isAuthorizationCheckEnabled()
        && caller != null && caller.getUserId() != null;
    if (checked && !context.getAuthorizationManager().isCamundaAdmin(caller)) {
      throw new AuthorizationException("プロセスインスタンスに属さないジョブ " + job.getId()
          + " は管理者だけが参照・操作できます (only camunda-admin may read or change a job that belongs to no process"
          + " instance; user " + caller.getUserId() + ")");
    }
  }
}
