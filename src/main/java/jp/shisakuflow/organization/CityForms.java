package jp.shisakuflow.organization;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.entity.CamundaFormDefinitionManager;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * A city's own version of a form wins for that city. The engine looks a task's form up by its key
 * ({@code camunda:formRef}, binding {@code latest}) among every form the caller's cities may see: with a
 * city's own form beside the shared one it found two and failed. Here the latest form of the caller's one city
 * wins where there is one, else the shared one (no city's); a person of several cities with forms of their own
 * gets the shared one.
 */
@Component
public class CityForms extends SpringProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return CamundaFormDefinitionManager.class;
      }

      @Override
      public Session openSession() {
        return new Manager();
      }
    });
  }

  /** The engine's manager of form definitions, choosing a city's own form first. */
  static class Manager extends CamundaFormDefinitionManager {

    @Override
    public CamundaFormDefinitionEntity findLatestDefinitionByKey(String key) {
      @SuppressWarnings("unchecked")
      List<CamundaFormDefinitionEntity> latest = getDbEntityManager()
          .selectList("selectLatestCamundaFormDefinitionByKey", configureParameterizedQuery(key));
      if (latest.size() <= 1) {
        return latest.isEmpty() ? null : latest.get(0);
      }
      Authentication caller = getCurrentAuthentication();
      List<String> cities = caller == null || caller.getTenantIds() == null ? List.of() : caller.getTenantIds();
      List<CamundaFormDefinitionEntity> ownCitys = latest.stream()
          .filter(form -> form.getTenantId() != null && cities.contains(form.getTenantId())).toList();
      if (ownCitys.size() == 1) {
        return ownCitys.get(0);
      }
      return latest.stream().filter(form -> form.getTenantId() == null).findFirst()
          .orElseThrow(() -> new ProcessEngineException("フォーム '" + key + "' は複数の市の版があり、共通の版がありません "
              + "(form '" + key + "' has versions of several cities and no shared one)"));
    }
  }
}
