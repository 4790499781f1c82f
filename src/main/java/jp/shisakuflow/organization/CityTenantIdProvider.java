package jp.shisakuflow.organization;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Which city an instance of a shared definition (deployed without tenant) belongs to: a called instance its
 * caller's, else the one city it is started for ({@link CityScope}, a job of a city's instance, or the person's
 * only city); a person of no city (the administrator) starts the seed city's ({@link City#SEED}), as in a
 * single-city deployment. A person of several cities must name one: the start is refused rather than filed under
 * a guess. What no one starts (a timer start event of the application's own process, the daily digest) is every
 * city's: it carries no tenant, and its jobs see every city's tasks. With a directory (LDAP) for
 * people, which holds no tenants, there is one city and its records carry no tenant.
 */
@Component
public class CityTenantIdProvider extends SpringProcessEnginePlugin implements TenantIdProvider {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(this);
  }

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
    DelegateExecution caller = context.getSuperExecution();
    return caller != null ? caller.getTenantId() : authenticatedCity();
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
    return context.getSuperExecution() != null ? context.getSuperExecution().getTenantId() : authenticatedCity();
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
    return context.getExecution() != null ? context.getExecution().getTenantId() : authenticatedCity();
  }

  static String authenticatedCity() {
    if (Context.getProcessEngineConfiguration().getIdentityService().isReadOnly()) {
      // A directory (LDAP) holds no tenants: one city, whose records carry none, as before cities.
      return null;
    }
    Authentication authentication = Context.getProcessEngineConfiguration().getIdentityService()
        .getCurrentAuthentication();
    if (authentication == null) {
      // Started by no one, for no city: the application's own process (the daily digest's timer), every city's.
      return null;
    }
    List<String> tenants = authentication.getTenantIds() == null ? List.of() : authentication.getTenantIds();
    return switch (tenants.size()) {
      case 0 -> City.SEED.tenantId();
      case 1 -> tenants.get(0);
      default -> throw new ProcessEngineException("どの市の施策として開始するか決められません。利用者が複数の市 "
          + tenants + " に属しています (the user belongs to several cities; start the work for one of them)");
    };
  }
}
