package jp.shisakuflow.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.http.HttpMethod;

/**
 * Spring Security in front of the engine. {@code /engine-rest/**} and the app's {@code /api/**} take
 * HTTP Basic, checked against the engine's users; the Camunda webapps keep their own login for now.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

  public static final String ENGINE_REST = "/engine-rest";
  public static final String APP_API = "/api";
  static final String REALM = "Shisaku Flow";
  static final String MANAGERS = EngineIdentityAuthenticationProvider.GROUP_AUTHORITY_PREFIX + "managers";
  static final String ADMINISTRATORS = EngineIdentityAuthenticationProvider.GROUP_AUTHORITY_PREFIX + "camunda-admin";

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, EngineIdentityAuthenticationProvider provider) throws Exception {
    var paths = PathPatternRequestMatcher.withDefaults();
    return http
        // Matched on the whole path: the engine's REST API is a servlet of its own, outside Spring MVC.
        .securityMatcher(new OrRequestMatcher(paths.matcher(ENGINE_REST + "/**"), paths.matcher(APP_API + "/**")))
        .authenticationProvider(provider)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher(HttpMethod.POST, APP_API + "/plans")).hasAnyAuthority(MANAGERS, ADMINISTRATORS)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName(REALM))
        // Stateless Basic authentication: no session cookie a browser could replay, so no CSRF token.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain webappChain(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        // The Camunda webapps run their own login and CSRF filter (X-XSRF-TOKEN).
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
        .build();
  }

  /**
   * Hands the user Spring Security authenticated to the engine for every REST call, so that the engine
   * records who did what and applies that user's authorizations.
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns(ENGINE_REST + "/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        ContainerBasedAuthenticationProvider.class.getName());
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    registration.setName("engineRestAuthenticationFilter");
    return registration;
  }
}
