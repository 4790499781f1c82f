package jp.shisakuflow.security;

import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code shisaku.ldap.enabled=true}: users and groups come from a directory through Camunda's LDAP
 * identity plugin (read-only), instead of the engine's own tables. Every other {@code shisaku.ldap.*}
 * property is a setting of the plugin (server-url, manager-dn, base-dn, user-search-base, …).
 */
@Configuration
@ConditionalOnProperty(name = "shisaku.ldap.enabled", havingValue = "true")
public class LdapIdentityConfiguration {

  @Bean
  @ConfigurationProperties("shisaku.ldap")
  LdapIdentityProviderPlugin ldapIdentityProviderPlugin() {
    return new LdapIdentityProviderPlugin();
  }
}
