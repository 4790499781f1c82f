package jp.shisakuflow.security;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * The login session lives in the application's database (Spring Session JDBC, configured by Spring Boot from
 * {@code spring.session.*} and {@code server.servlet.session.*}), so that every node of a cluster serves every
 * browser and a node's crash costs nobody their login. What the session holds must serialize: Spring Security's
 * context, Camunda's {@code Authentications} and its CSRF token, and the login page's failure count.
 *
 * <p>The webapps send several requests of one session at once; two of them may add the same attribute, and the
 * plain {@code INSERT} of the second would fail on the primary key. On PostgreSQL and H2 the attribute is written
 * as an upsert instead.
 */
@Configuration(proxyBeanMethods = false)
class SharedSessionConfiguration {

  static final String H2_UPSERT_ATTRIBUTE = """
      MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
      KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)""";

  @Bean
  SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertSessionAttributes(DataSource dataSource) {
    String database = databaseProduct(dataSource);
    return repository -> {
      if (database.contains("postgres")) {
        new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(repository);
      } else if (database.contains("h2")) {
        repository.setCreateSessionAttributeQuery(H2_UPSERT_ATTRIBUTE);
      }
    };
  }

  private static String databaseProduct(DataSource dataSource) {
    try {
      String name = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
      return name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
    } catch (MetaDataAccessException unknown) {
      return ""; // the plain INSERT: correct, only less tolerant of concurrent requests
    }
  }
}
