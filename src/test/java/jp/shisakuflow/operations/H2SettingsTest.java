package jp.shisakuflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import jp.shisakuflow.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@ApiTest
class H2SettingsTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void theAppsH2KeepsTheParsedFormOf64StatementsPerConnection() {
    assertThat(jdbc.queryForObject("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?",
        String.class, H2Settings.QUERY_CACHE_SIZE)).isEqualTo("64");
  }

  @Test
  void aUrlThatSetsTheSizeOrIsNotH2sIsLeftAlone() {
    assertThat(H2Settings.appliesTo("jdbc:h2:file:./data/shisaku-flow")).isTrue();
    assertThat(H2Settings.appliesTo("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isTrue();
    assertThat(H2Settings.appliesTo("jdbc:h2:file:./data/x;query_cache_size=16")).isFalse();
    assertThat(H2Settings.appliesTo("jdbc:postgresql://127.0.0.1:5432/shisaku")).isFalse();
    assertThat(H2Settings.appliesTo(null)).isFalse();

    HikariDataSource postgres = new HikariDataSource();
    postgres.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/shisaku");
    new H2Settings(64).postProcessBeforeInitialization(postgres, "dataSource");
    assertThat(postgres.getDataSourceProperties()).isEmpty();

    HikariDataSource set = new HikariDataSource();
    set.setJdbcUrl("jdbc:h2:mem:x");
    set.addDataSourceProperty(H2Settings.QUERY_CACHE_SIZE, "16");
    new H2Settings(64).postProcessBeforeInitialization(set, "dataSource");
    assertThat(set.getDataSourceProperties()).containsEntry(H2Settings.QUERY_CACHE_SIZE, "16");
  }
}
