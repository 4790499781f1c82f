package jp.shisakuflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

class DatabaseUnavailableTest {

  @Test
  void aLostConnectionDeepInTheCausesCounts() {
    assertThat(DatabaseUnavailable.isCause(new ProcessEngineException("engine",
        new RuntimeException(new SQLTransientConnectionException("pool timeout"))))).isTrue();
    assertThat(DatabaseUnavailable.isCause(new ProcessEngineException(new SQLException("gone", "08006")))).isTrue();
    assertThat(DatabaseUnavailable.isCause(new SQLException("shutting down", "57P01"))).isTrue();
    assertThat(DatabaseUnavailable.isCause(new TransactionSystemException("JDBC rollback failed"))).isTrue();
  }

  @Test
  void otherDatabaseAndEngineErrorsDoNot() {
    assertThat(DatabaseUnavailable.isCause(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(DatabaseUnavailable.isCause(new ProcessEngineException("Cannot find task"))).isFalse();
    assertThat(DatabaseUnavailable.isCause(new IllegalStateException())).isFalse();
  }
}
