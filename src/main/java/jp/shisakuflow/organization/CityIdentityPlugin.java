package jp.shisakuflow.organization;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * The cities' administrators in the engine: their grants ({@link CityAuthorizationProvider}) and the checks of
 * the engine's own identity store ({@link CityIdentityProvider}). A directory of its own (LDAP) replaces the store;
 * its persons and groups are kept there, not in Admin.
 */
@Component
public class CityIdentityPlugin extends SpringProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new CityAuthorizationProvider());
    if (configuration.getIdentityProviderSessionFactory() == null) {
      configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(CityIdentityProvider.class));
    }
  }
}
