package jp.shisakuflow.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Work the application does on someone's behalf after checking, at its own door, that they may: the
 * engine records the person (user operation log, comments) but does not check their engine
 * authorizations a second time. Used for plan revisions, which managers may make through {@code /api}.
 */
@Component
public class AttributedWork {

  public static final String SYSTEM = "system";

  private final ProcessEngineConfigurationImpl configuration;

  public AttributedWork(ProcessEngine engine) {
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  public void runAs(String actor, Runnable work) {
    callAs(actor, () -> {
      work.run();
      return null;
    });
  }

  /** As {@link #runAs}, returning what the work gives. */
  public <T> T callAs(String actor, Supplier<T> work) {
    IdentityService identity = configuration.getIdentityService();
    Authentication previous = identity.getCurrentAuthentication();
    identity.setAuthenticatedUserId(actor == null ? SYSTEM : actor);
    try {
      return configuration.getCommandExecutorTxRequired().execute(commandContext -> {
        commandContext.disableAuthorizationCheck();
        return work.get();
      });
    } finally {
      if (previous == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(previous);
      }
    }
  }
}
