package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.camunda.bpm.spring.boot.starter.property.CsrfProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * One switch, {@code SHISAKU_COOKIE_SECURE}, makes both the session cookie and Camunda's {@code XSRF-TOKEN}
 * cookie {@code Secure}: application.yaml bound as the application binds it.
 */
class SecureCookieSettingsTest {

  @Test
  void behindTlsBothCookiesAreSecure() throws IOException {
    Binder binder = binder(Map.of("SHISAKU_COOKIE_SECURE", "true"));
    assertThat(binder.bind("server.servlet.session.cookie.secure", Boolean.class).get()).isTrue();
    assertThat(binder.bind("camunda.bpm.webapp.csrf", CsrfProperties.class).get().isEnableSecureCookie()).isTrue();
  }

  @Test
  void withoutTlsNeitherIs() throws IOException {
    Binder binder = binder(Map.of());
    assertThat(binder.bind("server.servlet.session.cookie.secure", Boolean.class).get()).isFalse();
    assertThat(binder.bind("camunda.bpm.webapp.csrf", CsrfProperties.class).get().isEnableSecureCookie()).isFalse();
  }

  private static Binder binder(Map<String, Object> environment) throws IOException {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test-environment", environment));
    new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
        .forEach(env.getPropertySources()::addLast);
    return Binder.get(env);
  }
}
