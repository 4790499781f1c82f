package jp.shisakuflow.security;

import java.util.function.Supplier;
import jp.shisakuflow.organization.CityScope;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Work the application does on someone's behalf after checking, at its own door, that they may: the
 * engine records the person (user operation log, comments) but does not check their engine
 * authorizations a second time. It stays within the person's cities ({@link CityScope}). Used for plan
 * revisions and starts, which managers may make through {@code /api}.
 */
@Component
public class AttributedWork {

  public static final String SYSTEM = "system";

  private final ProcessEngine engine;
  private final CityScope cities;

  public AttributedWork(ProcessEngine engine, CityScope cities) {
    this.engine = engine;
    this.cities = cities;
  }

  public void runAs(String actor, Runnable work) {
    callAs(actor, () -> {
      work.run();
      return null;
    });
  }

  /**
   * As {@link #runAs}, returning what the work gives; within the cities of the work already running (the
   * application's own work for no one: every city).
   */
  public <T> T callAs(String actor, Supplier<T> work) {
    Authentication current = engine.getIdentityService().getCurrentAuthentication();
    return cities.call(actor == null ? SYSTEM : actor, current == null ? null : current.getTenantIds(), work);
  }

  /** As {@link #callAs(String, Supplier)} for the caller of a request, within the caller's cities. */
  public <T> T callAs(Caller caller, Supplier<T> work) {
    return cities.call(caller.userId(), caller.tenantIds(), work);
  }
}
