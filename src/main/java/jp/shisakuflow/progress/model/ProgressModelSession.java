package jp.shisakuflow.progress.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * One command's changes to the read model, written when the command flushes its sessions (before it commits, in its
 * transaction, on the connection of its {@link DbSqlSession}): per instance touched, one {@code INSERT} (started in
 * this command) or one {@code UPDATE} of the columns that changed, the runs appended to the log. Nothing when the
 * command changed nothing progress reads; a command that fails writes nothing (its transaction rolls back).
 */
public class ProgressModelSession implements Session {

  private final DbSqlSession dbSqlSession;
  private final Map<String, Change> changes = new LinkedHashMap<>();

  ProgressModelSession(DbSqlSession dbSqlSession) {
    this.dbSqlSession = dbSqlSession;
  }

  Change change(String processInstanceId) {
    return changes.computeIfAbsent(processInstanceId, Change::new);
  }

  @Override
  public void flush() {
    if (changes.isEmpty()) {
      return;
    }
    Connection connection = dbSqlSession.getSqlSession().getConnection();
    try {
      for (Change change : changes.values()) {
        change.write(connection);
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not write the progress read model (" + ProgressModel.TABLE + "): "
          + e.getMessage(), e);
    }
    changes.clear();
  }

  @Override
  public void close() {
    changes.clear();
  }

  /** What changed of one instance in this command. */
  static final class Change {

    private final String id;
    private boolean insert;
    private final Map<String, Object> columns = new LinkedHashMap<>();
    private final StringBuilder runs = new StringBuilder();

    Change(String id) {
      this.id = id;
    }

    void insert() {
      insert = true;
    }

    void set(String column, Object value) {
      columns.put(column, value);
    }

    void run(String record) {
      runs.append(record);
    }

    void write(Connection connection) throws SQLException {
      if (!insert && columns.isEmpty() && runs.isEmpty()) {
        return;
      }
      List<Object> values = new ArrayList<>();
      String sql;
      if (insert) {
        // A new row has all it holds: its status intervals computed here, in the same statement.
        Map<String, Object> all = new LinkedHashMap<>(columns);
        all.put(ProgressModel.VERSION, 0);
        all.putAll(ProgressModel.statusColumns(ProgressModel.record(id, columns, runs.toString()), 0));
        List<String> names = new ArrayList<>(all.keySet());
        values.addAll(all.values());
        names.add(ProgressModel.RUNS);
        values.add(runs.toString());
        names.add(ProgressModel.ID);
        values.add(id);
        sql = "INSERT INTO " + ProgressModel.TABLE + " (" + String.join(", ", names) + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")";
      } else {
        List<String> sets = new ArrayList<>();
        columns.forEach((column, value) -> {
          sets.add(column + " = ?");
          values.add(value);
        });
        if (!runs.isEmpty()) {
          sets.add(ProgressModel.RUNS + " = COALESCE(" + ProgressModel.RUNS + ", '') || ?");
          values.add(runs.toString());
        }
        // What the status depends on changed: its intervals are recomputed by the next read (same statement).
        if (!runs.isEmpty() || columns.containsKey(ProgressModel.END_TIME)
            || columns.containsKey(ProgressModel.VARIABLE_COLUMNS.get(jp.shisakuflow.initiative.InitiativeLifecycle.Var.PHASE_PLAN))
            || columns.containsKey(ProgressModel.PROCESS_KEY)) {
          sets.add(ProgressModel.VERSION + " = " + ProgressModel.VERSION + " + 1");
        }
        values.add(id);
        sql = "UPDATE " + ProgressModel.TABLE + " SET " + String.join(", ", sets) + " WHERE " + ProgressModel.ID
            + " = ?";
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.size(); i++) {
          statement.setObject(i + 1, values.get(i));
        }
        statement.executeUpdate();
      }
    }
  }

  /** Opens one session per command, beside the command's {@link DbSqlSession}. */
  static final class Factory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return ProgressModelSession.class;
    }

    @Override
    public Session openSession() {
      return new ProgressModelSession(Context.getCommandContext().getDbSqlSession());
    }
  }
}
