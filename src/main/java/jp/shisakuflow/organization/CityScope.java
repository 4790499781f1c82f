package jp.shisakuflow.organization;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Work the application does for a city, after its own door has judged the caller: the engine sees the city as
 * the authenticated tenant, so every query inside is the city's alone (the engine's tenant check) and every
 * instance started inside is the city's ({@link CityTenantIdProvider}); the person's engine permissions are not
 * checked a second time ({@link DoorCheckedCommands}). Each engine call inside is its own command, as outside.
 */
@Component
public class CityScope {

  private final IdentityService identity;

  @org.springframework.beans.factory.annotation.Autowired
  public CityScope(ProcessEngine engine) {
    this.identity = engine.getIdentityService();
  }

  /** For an engine configured without Spring Boot (the process tests'), given its configuration. */
  public CityScope(ProcessEngineConfigurationImpl configuration) {
    this.identity = configuration.getIdentityService();
  }

  /**
   * Runs {@code work} as {@code actor} (null: keeps whoever is authenticated, or no one) for {@code tenantIds}
   * (the caller's cities; one where the work starts something; null: every city, the application's own work
   * for no one in particular).
   */
  public <T> T call(String actor, List<String> tenantIds, Supplier<T> work) {
    Authentication previous = identity.getCurrentAuthentication();
    String user = actor != null ? actor : previous == null ? null : previous.getUserId();
    List<String> groups = actor == null && previous != null ? previous.getGroupIds() : List.of();
    identity.setAuthentication(new Authentication(user, groups, tenantIds == null ? null : List.copyOf(tenantIds)));
    try {
      return DoorCheckedCommands.call(tenantIds == null, work);
    } finally {
      if (previous == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(previous);
      }
    }
  }

  /** As {@link #call(String, List, Supplier)} for one city, keeping who is authenticated. */
  public <T> T call(String tenantId, Supplier<T> work) {
    return call(null, List.of(tenantId), work);
  }

  /** Runs {@code work} for the city of {@code tenantId}; for null (a record of no city) as it is, in no city. */
  public void run(String tenantId, Runnable work) {
    if (tenantId == null) {
      work.run();
      return;
    }
    call(tenantId, () -> {
      work.run();
      return null;
    });
  }
}
