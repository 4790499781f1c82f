package jp.shisakuflow.organization;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;

/**
 * Which definition a city's work starts: its own version where the city has one (a deployment for its tenant),
 * else the shared one every city runs. A city's own version wins for that city only.
 */
public final class CityDefinitions {

  private CityDefinitions() {}

  /** A start of {@code key} for the city the work is for (the one authenticated city; none: the shared version). */
  public static ProcessInstantiationBuilder start(RuntimeService runtime, String key) {
    String own = ((ServiceImpl) runtime).getCommandExecutor().execute(context ->
        Cities.authenticatedCity(context.getProcessEngineConfiguration().getIdentityService())
            .filter(city -> context.getProcessDefinitionManager().findLatestProcessDefinitionByKeyAndTenantId(key, city)
                != null)
            .orElse(null));
    return own != null ? runtime.createProcessInstanceByKey(key).processDefinitionTenantId(own)
        : runtime.createProcessInstanceByKey(key).processDefinitionWithoutTenantId();
  }
}
