package jp.shisakuflow.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Counts the SQL statements the application prepares, to show that a read model's query count is bounded. */
@TestConfiguration
public class StatementCounter {

  private static final AtomicInteger STATEMENTS = new AtomicInteger();

  public static int count() {
    return STATEMENTS.get();
  }

  @Bean
  static BeanPostProcessor countingDataSource() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource ? wrap(dataSource) : bean;
      }
    };
  }

  static DataSource wrap(DataSource target) {
    return (DataSource) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object result = invoke(target, method, args);
          return result instanceof Connection connection ? wrap(connection) : result;
        });
  }

  static Connection wrap(Connection target) {
    return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")
              || method.getName().equals("prepareCall")) {
            STATEMENTS.incrementAndGet();
          }
          return invoke(target, method, args);
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
