package jp.shisakuflow.operations;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * H2's query cache sized for the engine: H2 keeps the parsed form of the last {@code QUERY_CACHE_SIZE} statements of a
 * connection (8 by default), and a task completion runs more distinct statements than that, so H2 parsed the same
 * ones again and again: its parser took 12 % of a lifecycle's CPU in a profile, and with 64 the lifecycles per second
 * rose by about a tenth (BENCHMARKS.md). Given to the pool as a connection property when the URL is H2's and names no
 * size of its own (H2 refuses a setting given twice).
 */
@Component
public class H2Settings implements BeanPostProcessor {

  static final String QUERY_CACHE_SIZE = "QUERY_CACHE_SIZE";

  private final int queryCacheSize;

  public H2Settings(@Value("${shisaku.h2.query-cache-size}") int queryCacheSize) {
    this.queryCacheSize = queryCacheSize;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && appliesTo(pool.getJdbcUrl())
        && !pool.getDataSourceProperties().containsKey(QUERY_CACHE_SIZE)) {
      pool.addDataSourceProperty(QUERY_CACHE_SIZE, String.valueOf(queryCacheSize));
    }
    return bean;
  }

  /** An H2 URL that does not set the size itself. */
  static boolean appliesTo(String jdbcUrl) {
    return jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")
        && !jdbcUrl.toUpperCase(Locale.ROOT).contains(";" + QUERY_CACHE_SIZE + "=");
  }
}
