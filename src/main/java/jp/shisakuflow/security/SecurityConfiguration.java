package jp.shisakuflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.web.ErrorResponses;
import jp.shisakuflow.web.ProblemType;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security is the one door. A single Japanese login page ({@code /login}) makes the session that
 * Tasklist, Cockpit and Admin honour (Camunda's container-based authentication), and that the engine's
 * REST API ({@code /engine-rest/**}) and the app's API ({@code /api/**}) accept too; both APIs also take
 * HTTP Basic for machine clients. {@code /logout} (and the webapps' own logout) ends the session.
 * Camunda's own login endpoint is closed. Every access rule holds for every HTTP method: rules name
 * paths, never methods, so that HEAD or OPTIONS cannot slip past a rule written for GET.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

  public static final String ENGINE_REST = "/engine-rest";
  public static final String APP_API = "/api";
  public static final String WEBAPPS = "/camunda";
  /** Browser clients of the APIs send the value of this cookie back in {@link #CSRF_HEADER}. */
  public static final String CSRF_COOKIE = "SHISAKU-XSRF-TOKEN";
  public static final String CSRF_HEADER = "X-SHISAKU-XSRF-TOKEN";
  static final String REALM = "Shisaku Flow";
  static final String MANAGERS = EngineIdentityAuthenticationProvider.GROUP_AUTHORITY_PREFIX + OrganizationGroup.MANAGERS.id();
  static final String ADMINISTRATORS = EngineIdentityAuthenticationProvider.GROUP_AUTHORITY_PREFIX + OrganizationGroup.ADMINISTRATORS.id();
  static final String AUDITORS = EngineIdentityAuthenticationProvider.GROUP_AUTHORITY_PREFIX + OrganizationGroup.AUDITORS.id();
  static final String OVERVIEW = EngineIdentityAuthenticationProvider.GROUP_AUTHORITY_PREFIX + OrganizationGroup.OVERVIEW.id();
  static final String PAGE_CSP = "default-src 'self'; script-src 'none'; object-src 'none'; frame-ancestors 'none';"
      + " form-action 'self'; base-uri 'self'";

  /** The webapps' own login, which would check any account's password and replace the caller's session. */
  static final String WEBAPP_LOGIN = WEBAPPS + "/api/admin/auth/user/*/login/**";
  static final String WEBAPP_LOGOUT = WEBAPPS + "/api/admin/auth/user/*/logout";
  static final ReferrerPolicy REFERRER_POLICY = ReferrerPolicy.SAME_ORIGIN;
  private static final String CAMUNDA_CSRF_CHECKED = SecurityConfiguration.class.getName() + ".CAMUNDA_CSRF_CHECKED";

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

  /** The engine's REST API answers both at {@code /engine-rest/…} and at {@code /engine-rest/engine/{name}/…}. */
  static RequestMatcher engineRest(String path) {
    return paths(ENGINE_REST + path, ENGINE_REST + "/engine/*" + path);
  }

  /**
   * Engine-wide figures: metrics, per-definition statistics and the history's statistics and reports
   * (counts over every instance, task and incident, whoever may read them), in the engine's REST API, the
   * webapps' copy of it, and Cockpit's plugin API.
   */
  static RequestMatcher engineWideFigures() {
    String[] engineApis = {ENGINE_REST, ENGINE_REST + "/engine/*", WEBAPPS + "/api/engine/engine/*"};
    String[] figures = {"/metrics/**", "/process-definition/statistics/**", "/process-definition/*/statistics/**",
        "/process-definition/key/*/statistics/**", "/process-definition/key/*/tenant-id/*/statistics/**",
        "/history/*/*/statistics/**", "/history/*/report/**", "/history/*/cleanable-*-report/**"};
    String cockpit = WEBAPPS + "/api/cockpit/plugin/base/*/process-definition";
    return paths(java.util.stream.Stream.concat(
        Arrays.stream(engineApis).flatMap(api -> Arrays.stream(figures).map(figure -> api + figure)),
        java.util.stream.Stream.of(cockpit + "/statistics/**", cockpit + "/statistics-count/**"))
        .toArray(String[]::new));
  }

  /** Logged in, and in another group than the overview role (which reads progress only). */
  static boolean notOverviewOnly(org.springframework.security.core.Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
      return false;
    }
    List<String> groups = authentication.getAuthorities().stream().map(a -> a.getAuthority())
        .filter(a -> a.startsWith(EngineIdentityAuthenticationProvider.GROUP_AUTHORITY_PREFIX)).toList();
    return !groups.equals(List.of(OVERVIEW));
  }

  private static RequestMatcher paths(String... patterns) {
    return new OrRequestMatcher(Arrays.stream(patterns).map(PATHS::matcher).toArray(RequestMatcher[]::new));
  }

  /** Health for load balancers and probes, open; metrics and the rest for administrators (HTTP Basic). */
  @Bean
  @Order(0)
  SecurityFilterChain operationsChain(HttpSecurity http, EngineIdentityAuthenticationProvider provider,
      ErrorResponses errors) throws Exception {
    return http
        .securityMatcher(PATHS.matcher("/actuator/**"))
        .authenticationProvider(provider)
        .authorizeHttpRequests(requests -> requests
            // Any method: a probe may HEAD; health has nothing to write, and its details need a login (yaml).
            .requestMatchers(PATHS.matcher("/actuator/health/**")).permitAll()
            .anyRequest().hasAuthority(ADMINISTRATORS))
        .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(jsonUnauthorized(errors)))
        .sessionManagement(session -> session.sessionCreationPolicy(
            org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
        // Only GET endpoints are exposed, and no session is kept: nothing for CSRF to protect.
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(REFERRER_POLICY)))
        .build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, EngineIdentityAuthenticationProvider provider,
      ErrorResponses errors) throws Exception {
    AuthenticationEntryPoint unauthorized = jsonUnauthorized(errors);
    CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
    csrfTokens.setCookieName(CSRF_COOKIE);
    csrfTokens.setHeaderName(CSRF_HEADER);
    // The token is loaded on every request, so that a browser has the cookie before its first POST (Spring would
    // otherwise write it only once a request used the token, i.e. after a refused POST).
    var csrfRequests = new CsrfTokenRequestAttributeHandler();
    csrfRequests.setCsrfRequestAttributeName(null);
    return http
        // Matched on the whole path: the engine's REST API is a servlet of its own, outside Spring MVC.
        .securityMatcher(new OrRequestMatcher(PATHS.matcher(ENGINE_REST + "/**"), PATHS.matcher(APP_API + "/**")))
        .authenticationProvider(provider)
        // Paths, not methods (see the class comment).
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(PATHS.matcher(APP_API + "/calendar/feed/**")).permitAll() // its secret token is the key
            // Progress and the cities' overview: every logged-in role, the overview role across cities included.
            .requestMatchers(PATHS.matcher(APP_API + "/progress/**"), PATHS.matcher(APP_API + "/cities/**"))
            .authenticated()
            // The app's operations (the progress read model's rebuild): administrators alone, any method.
            .requestMatchers(PATHS.matcher(APP_API + "/admin/**")).hasAuthority(ADMINISTRATORS)
            .requestMatchers(PATHS.matcher(APP_API + "/plans/**")).hasAnyAuthority(MANAGERS, ADMINISTRATORS,
                EngineIdentityAuthenticationProvider.CITY_ADMINISTRATOR)
            .requestMatchers(PATHS.matcher(APP_API + "/initiatives/**")).hasAnyAuthority(MANAGERS, ADMINISTRATORS)
            .requestMatchers(PATHS.matcher(APP_API + "/reports/**")).hasAnyAuthority(MANAGERS, AUDITORS)
            .requestMatchers(PATHS.matcher(APP_API + "/audit/**")).hasAnyAuthority(MANAGERS, AUDITORS)
            .requestMatchers(engineRest("/deployment/create/**")).hasAuthority(ADMINISTRATORS)
            .requestMatchers(engineWideFigures()).hasAnyAuthority(MANAGERS, AUDITORS, ADMINISTRATORS)
            // The overview role reads progress only: no engine record, report, audit trail or calendar of anyone.
            .anyRequest().access((authentication, context) -> new AuthorizationDecision(
                notOverviewOnly(authentication.get()))))
        .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized))
        .addFilterBefore(new VerifiedBasicCredentialFilter(provider, unauthorized), CsrfFilter.class)
        .exceptionHandling(failures -> failures.authenticationEntryPoint(unauthorized)
            .accessDeniedHandler(jsonForbidden(errors)))
        // A browser session needs the CSRF token; a client that proved its Basic credential on this very
        // request, or has no session, does not. Any other Authorization header is no proof.
        .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
            .csrfTokenRequestHandler(csrfRequests)
            .ignoringRequestMatchers(request -> VerifiedBasicCredentialFilter.isVerified(request)
                || request.getRequestedSessionId() == null))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
            .referrerPolicy(referrer -> referrer.policy(REFERRER_POLICY)))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain webChain(HttpSecurity http, EngineIdentityAuthenticationProvider provider, LoginLock loginLock)
      throws Exception {
    // The Tasklist's and Cockpit's ログアウト button sends Camunda's CSRF token; a POST without it is no logout
    // (it goes on to Camunda's own CSRF filter, which refuses it).
    RequestMatcher webappLogout = new AndRequestMatcher(PATHS.matcher(HttpMethod.POST, WEBAPP_LOGOUT),
        SecurityConfiguration::carriesCamundaCsrfToken);
    return http
        .authenticationProvider(provider)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(PATHS.matcher("/login"), PATHS.matcher("/login.css"), PATHS.matcher("/error"),
                PATHS.matcher("/favicon.ico")).permitAll()
            // One login door: /login. Any method, so that nothing reaches Camunda's login resource.
            .requestMatchers(PATHS.matcher(WEBAPP_LOGIN)).denyAll()
            .requestMatchers(engineWideFigures()).hasAnyAuthority(MANAGERS, AUDITORS, ADMINISTRATORS)
            .anyRequest().authenticated())
        // Every failure gets one answer (LoginFailedException): a locked account is not told from a wrong password;
        // the page adds how long the engine's delay after a failure still refuses every password.
        .formLogin(form -> form.loginPage("/login").failureHandler(new LoginFailureHandler(loginLock))
            .defaultSuccessUrl(WEBAPPS + "/app/", false).permitAll()
            // Redirect to "/login", not to an absolute URL built from the request's Host header.
            .withObjectPostProcessor(new ObjectPostProcessor<LoginUrlAuthenticationEntryPoint>() {
              @Override
              public <O extends LoginUrlAuthenticationEntryPoint> O postProcess(O entryPoint) {
                entryPoint.setFavorRelativeUris(true);
                return entryPoint;
              }
            }))
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(PATHS.matcher(HttpMethod.POST, "/logout"), webappLogout))
            .defaultLogoutSuccessHandlerFor(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.OK), webappLogout)
            .logoutSuccessUrl("/login?logout"))
        .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
            new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), PATHS.matcher(WEBAPPS + "/api/**")))
        // The webapps bring their own CSRF protection (X-XSRF-TOKEN); Spring's guards the login and logout forms.
        .csrf(csrf -> csrf.ignoringRequestMatchers(PATHS.matcher(WEBAPPS + "/**")))
        .headers(headers -> headers
            .frameOptions(frame -> frame.sameOrigin())
            .referrerPolicy(referrer -> referrer.policy(REFERRER_POLICY))
            // The webapps send their own CSP with script nonces; the app's pages get this one.
            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                request -> !request.getRequestURI().startsWith(WEBAPPS + "/"),
                new ContentSecurityPolicyHeaderWriter(PAGE_CSP))))
        .build();
  }

  /** Whether the request carries, in {@code X-XSRF-TOKEN}, the CSRF token Camunda's filter keeps in the session. */
  static boolean carriesCamundaCsrfToken(HttpServletRequest request) {
    // Decided once per request: the logout's success handler asks again after the session is gone.
    if (request.getAttribute(CAMUNDA_CSRF_CHECKED) instanceof Boolean decided) {
      return decided;
    }
    String header = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    HttpSession session = request.getSession(false);
    boolean carries = header != null && !header.isBlank() && session != null
        && session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME) instanceof String token
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
    request.setAttribute(CAMUNDA_CSRF_CHECKED, carries);
    return carries;
  }

  /** 401 with a JSON body that says why (wrong password, or a locked account). */
  static AuthenticationEntryPoint jsonUnauthorized(ErrorResponses errors) {
    return (request, response, exception) -> {
      response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
      String message = exception instanceof LoginFailedException ? exception.getMessage()
          : "ログインが必要です。ユーザー名とパスワードを確認してください (authentication required)";
      errors.write(request, response, HttpStatus.UNAUTHORIZED.value(), ProblemType.UNAUTHORIZED, "AuthenticationException",
          message, List.of());
    };
  }

  /** 403 with a JSON body: a role the path needs, or a browser session's request without its CSRF token. */
  static AccessDeniedHandler jsonForbidden(ErrorResponses errors) {
    return (request, response, exception) -> {
      String message = exception instanceof CsrfException
          ? "CSRFトークンがないか正しくありません。画面を再読み込みしてください (missing or invalid CSRF token)"
          : "この操作を行う権限がありません (forbidden: your role may not do this)";
      errors.write(request, response, HttpStatus.FORBIDDEN.value(), ProblemType.FORBIDDEN, "AuthorizationException",
          message, List.of());
    };
  }

  /** Hands the user Spring Security authenticated, with their groups and cities, to the engine for every REST call. */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns(ENGINE_REST + "/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        SpringEngineRestAuthentication.class.getName());
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    registration.setName("engineRestAuthenticationFilter");
    return registration;
  }

  /** Makes the webapps take the logged-in user from Spring Security, instead of their own login. */
  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappAuthenticationFilter() {
    var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
    registration.addUrlPatterns(WEBAPPS + "/app/*", WEBAPPS + "/api/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        ContainerBasedAuthenticationProvider.class.getName());
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    registration.setName("webappContainerAuthenticationFilter");
    return registration;
  }

  /**
   * First of all filters: with {@code shisaku.public-url} set, every request reports that address (scheme,
   * host, port), so no redirect or link is built from a client's Host header. Checked at start-up where
   * complete.
   */
  @Bean
  FilterRegistrationBean<PublicUrlFilter> publicUrlFilter(org.springframework.core.env.Environment environment) {
    String configured;
    try {
      configured = environment.getProperty(PublicUrlFilter.PROPERTY, "");
    } catch (IllegalArgumentException notYetResolvable) {
      configured = ""; // e.g. ${local.server.port}: checked at the first request
    }
    if (!configured.isBlank()) {
      PublicUrlFilter.parse(configured);
    }
    var registration = new FilterRegistrationBean<>(new PublicUrlFilter(environment));
    registration.addUrlPatterns("/*");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1);
    registration.setName("publicUrlFilter");
    return registration;
  }

  /**
   * Before Camunda's webapp filters: each webapp request keeps its own CSP nonce, so that the index.html a
   * request writes carries the nonce of its own header ({@link WebappNonceFilter}).
   */
  @Bean
  FilterRegistrationBean<WebappNonceFilter> webappNonceFilter() {
    var registration = new FilterRegistrationBean<>(new WebappNonceFilter());
    registration.addUrlPatterns(WEBAPPS + "/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    registration.setName("webappNonceFilter");
    return registration;
  }

  /** Refuses expressions and oversized bodies before they reach the engine. */
  @Bean
  FilterRegistrationBean<RequestGuardFilter> requestGuardFilter(
      @Value("${shisaku.security.max-request-bytes:1048576}") long maxRequestBytes, ErrorResponses errors) {
    var registration = new FilterRegistrationBean<>(new RequestGuardFilter(maxRequestBytes, errors));
    registration.addUrlPatterns(ENGINE_REST + "/*", WEBAPPS + "/api/*", APP_API + "/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    registration.setName("requestGuardFilter");
    return registration;
  }

  /** After the login and the request guard: the app's own API works within the caller's cities. */
  @Bean
  FilterRegistrationBean<ApiCityFilter> apiCityFilter(jp.shisakuflow.organization.CityScope cities,
      ErrorResponses errors) {
    var registration = new FilterRegistrationBean<>(new ApiCityFilter(cities, errors));
    registration.addUrlPatterns(APP_API + "/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
    registration.setName("apiCityFilter");
    return registration;
  }
}
