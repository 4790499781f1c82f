package jp.shisakuflow.organization;

import java.util.ArrayList;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Engine commands run on a thread inside {@link #call} skip the engine's permission checks (the application's door
 * checked the caller before) and its bound on an authenticated person's query results, never its tenant check. Each command gets its checks back when it ends, so a command
 * joined mid-way (a delegate's) continues as it was.
 */
@Component
public class DoorCheckedCommands extends SpringProcessEnginePlugin {

  /** The door-checked work the current thread is in (the innermost); unset outside it. */
  private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

  /** Door-checked work: for the authenticated cities, or (the application's own work for no one) every city. */
  private record Scope(boolean everyCity) {}

  /** Door-checked work; {@code everyCity}: the engine's tenant check is off as well (the app's own work). */
  public static <T> T call(boolean everyCity, Supplier<T> work) {
    return within(new Scope(everyCity), work);
  }

  private static <T> T within(Scope scope, Supplier<T> work) {
    Scope outer = SCOPE.get();
    if (scope == null) {
      SCOPE.remove();
    } else {
      SCOPE.set(scope);
    }
    try {
      return work.get();
    } finally {
      if (outer == null) {
        SCOPE.remove();
      } else {
        SCOPE.set(outer);
      }
    }
  }

  /**
   * Runs {@code work} with the engine's permission checks, inside door-checked work too: where the application asks
   * the engine whether the person may do something.
   */
  public static <T> T withPermissionChecks(Supplier<T> work) {
    return within(null, work);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    if (configuration.getCustomPostCommandInterceptorsTxRequiresNew() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequiresNew(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new Interceptor());
    configuration.getCustomPostCommandInterceptorsTxRequiresNew().add(new Interceptor());
  }

  private static final class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      Scope scope = SCOPE.get();
      if (scope == null) {
        return next.execute(command);
      }
      if (command instanceof AbstractQuery<?, ?> query) {
        // The engine bounds an authenticated person's queries (the REST API's limit); the application's own reads
        // are bounded by what they ask, as they were when they ran as no one.
        query.disableMaxResultsLimit();
      }
      CommandContext context = Context.getCommandContext();
      boolean checked = context.isAuthorizationCheckEnabled();
      boolean tenantChecked = context.isTenantCheckEnabled();
      context.disableAuthorizationCheck();
      if (scope.everyCity()) {
        context.disableTenantCheck();
      }
      try {
        return next.execute(command);
      } finally {
        if (checked) {
          context.enableAuthorizationCheck();
        }
        if (tenantChecked) {
          context.enableTenantCheck();
        }
      }
    }
  }
}
