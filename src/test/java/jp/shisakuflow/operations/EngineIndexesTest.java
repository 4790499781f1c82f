package jp.shisakuflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import jp.shisakuflow.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ApiTest
class EngineIndexesTest {

  @Autowired DataSource dataSource;
  @Autowired EngineIndexes indexes;

  @Test
  void completingATaskFindsItsSubTasksByAnIndexAndStartingAgainKeepsIt() throws Exception {
    indexes.ensure(); // a second start: nothing to do, no error
    try (Connection connection = dataSource.getConnection();
        ResultSet index = connection.getMetaData().getIndexInfo(null, null, "ACT_RU_TASK", false, false)) {
      boolean found = false;
      while (index.next()) {
        found |= "SHISAKU_IDX_TASK_PARENT".equalsIgnoreCase(index.getString("INDEX_NAME"))
            && "PARENT_TASK_ID_".equalsIgnoreCase(index.getString("COLUMN_NAME"));
      }
      assertThat(found).as("index on ACT_RU_TASK(PARENT_TASK_ID_)").isTrue();
    }
  }
}
