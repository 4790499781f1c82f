package jp.shisakuflow.fiscalyear;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Bean names that versions of {@code fiscal-year-plan} deployed before a rename still call: their running
 * instances keep their own definition, so the old name must keep resolving to the same bean.
 */
@Component
class DeployedExpressionNames implements BeanFactoryPostProcessor {

  /** {@link PlanScopes} was called {@code planCalendar} up to the version deployed in December 2026. */
  static final String PLAN_SCOPES_BEFORE_RENAME = "planCalendar";

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    beanFactory.registerAlias(PlanScopes.BEAN, PLAN_SCOPES_BEFORE_RENAME);
  }
}
