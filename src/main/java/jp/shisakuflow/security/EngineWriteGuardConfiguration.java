package jp.shisakuflow.security;

import jp.shisakuflow.web.ErrorResponses;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link EngineWriteGuard} on both doors of the engine's REST API, after the request guard. */
@Configuration
public class EngineWriteGuardConfiguration {

  @Bean
  FilterRegistrationBean<EngineWriteGuard> engineWriteGuard(EngineWriteRules rules, ErrorResponses errors) {
    var registration = new FilterRegistrationBean<>(new EngineWriteGuard(rules, errors));
    registration.addUrlPatterns(SecurityConfiguration.ENGINE_REST + "/*", SecurityConfiguration.WEBAPPS + "/api/engine/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
    registration.setName("engineWriteGuard");
    return registration;
  }
}
