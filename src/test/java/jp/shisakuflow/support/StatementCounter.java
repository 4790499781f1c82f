package jp.shisakuflow.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the application prepares, to show that a read model's query count is bounded; and keeps
 * the writing ones, to show that a read (a plan import's preview) writes nothing.
 */
@TestConfiguration
public class StatementCounter {

  private static final AtomicInteger STATEMENTS = new AtomicInteger();
  /** Each writing statement prepared (INSERT, UPDATE, DELETE, MERGE) while recording, as "thread: SQL". */
  private static final List<String> WRITES = new CopyOnWriteArrayList<>();
  /** Each statement prepared while recording, as "thread: SQL". */
  private static final List<String> STATEMENTS_RECORDED = new CopyOnWriteArrayList<>();
  private static volatile boolean recording;

  public static int count() {
    return STATEMENTS.get();
  }

  /**
   * The writing statements prepared, by any thread, while {@code action} ran, each as "thread name: SQL" (the
   * engine's job executor writes on threads of its own). One recording at a time.
   */
  public static synchronized List<String> writesDuring(Runnable action) {
    record(action);
    return List.copyOf(WRITES);
  }

  /** Every statement prepared, by any thread, while {@code action} ran, as "thread name: SQL". One recording at a time. */
  public static synchronized List<String> statementsDuring(Runnable action) {
    record(action);
    return List.copyOf(STATEMENTS_RECORDED);
  }

  private static void record(Runnable action) {
    WRITES.clear();
    STATEMENTS_RECORDED.clear();
    recording = true;
    try {
      action.run();
    } finally {
      recording = false;
    }
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
            if (recording && args != null && args.length > 0 && args[0] instanceof String sql) {
              STATEMENTS_RECORDED.add(Thread.currentThread().getName() + ": " + sql);
              if (isWrite(sql)) {
                WRITES.add(Thread.currentThread().getName() + ": " + sql);
              }
            }
          }
          return invoke(target, method, args);
        });
  }

  private static boolean isWrite(String sql) {
    String start = sql.stripLeading().toLowerCase(java.util.Locale.ROOT);
    return start.startsWith("insert") || start.startsWith("update") || start.startsWith("delete")
        || start.startsWith("merge");
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
