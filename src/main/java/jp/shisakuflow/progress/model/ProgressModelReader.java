package jp.shisakuflow.progress.model;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.progress.InstanceRecord;
import jp.shisakuflow.progress.ProgressService;
import jp.shisakuflow.progress.ProgressStatus;
import jp.shisakuflow.security.Caller;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * The instances of a year from the read model, in one query touching one row per instance of the year (by its year's
 * index) and nothing else: a row exists while its instance's history does ({@link ProgressModelDeletion} deletes it
 * with the history, in the same transaction). Also the year's counts by status on a
 * day in one {@code GROUP BY} (from the rows' status intervals, {@link ProgressModel#statusOn}), one page of the year's
 * initiatives in the answer's order, and the few rows whose intervals are behind (computed and written back by
 * {@link ProgressService}).
 */
@Component
public class ProgressModelReader implements ProgressService.ProgressSource {

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  /** The reads of {@link #inSnapshot} on this thread: one connection, one transaction. */
  private final ThreadLocal<JdbcTemplate> snapshot = new ThreadLocal<>();
  private final String columns;
  private final String fromYear;
  private final String initiatives;
  private final String initiativeId;
  private final String page;
  private final String counts;
  private final org.camunda.bpm.engine.IdentityService identity;

  public ProgressModelReader(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    this.dataSource = configuration.getDataSource();
    this.identity = engine.getIdentityService();
    this.jdbc = new JdbcTemplate(dataSource);
    this.columns = "SELECT R." + ProgressModel.ID + ", R." + ProgressModel.BUSINESS_KEY + ", R."
        + ProgressModel.PROCESS_KEY + ", R." + ProgressModel.TENANT_ID + ", R." + ProgressModel.START_TIME + ", R."
        + ProgressModel.END_TIME + ", R." + ProgressModel.RUNS + ", R." + ProgressModel.VERSION + ", R."
        + ProgressModel.STATUS_VERSION
        + ProgressModel.VARIABLE_COLUMNS.values().stream().map(c -> ", R." + c).reduce("", String::concat);
    this.fromYear = fromYear("");
    this.initiatives = fromYear + notPlans();
    this.initiativeId = ProgressModel.initiativeId("R.");
    boolean postgres = "postgres".equals(configuration.getDatabaseType());
    // H2 sorts the year unless told: for a few rows its cost estimate prefers the year's index, and at 50k as well.
    this.page = columns + fromYear(postgres ? "" : " USE INDEX (" + ProgressModel.ORDER_INDEX + ")")
        + notPlans() + " ORDER BY " + String.join(", ", ProgressModel.pageOrder("R.", postgres)) + " LIMIT ? OFFSET ?";
    String workstream = "R." + ProgressModel.VARIABLE_COLUMNS.get(jp.shisakuflow.initiative.InitiativeLifecycle.Var
        .WORKSTREAM);
    String owner = "R." + ProgressModel.VARIABLE_COLUMNS.get(jp.shisakuflow.initiative.InitiativeLifecycle.Var
        .OWNER_GROUP);
    this.counts = "SELECT X.W, X.O, X.S, COUNT(*) FROM (SELECT " + workstream + " AS W, " + owner + " AS O, "
        + ProgressModel.statusOn("R.") + " AS S" + initiatives + ") X GROUP BY X.W, X.O, X.S";
  }

  @Override
  public List<InstanceRecord> instances(int fiscalYear) {
    return read(columns + fromYear, fiscalYear).stream().map(ProgressService.ModelRow::instance).toList();
  }

  @Override
  public <T> T inSnapshot(Supplier<T> reads) {
    if (snapshot.get() != null) {
      return reads.get();
    }
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      int isolation = connection.getTransactionIsolation();
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setAutoCommit(false);
      snapshot.set(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
      try {
        T result = reads.get();
        connection.commit();
        return result;
      } catch (RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        snapshot.remove();
        connection.setAutoCommit(autoCommit);
        connection.setTransactionIsolation(isolation);
      }
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException("Could not read the progress read model: " + e.getMessage(), e);
    }
  }

  @Override
  public List<ProgressService.StatusCount> statusCounts(int fiscalYear, LocalDate asOf) {
    List<Object> parameters = new ArrayList<>(java.util.Collections.nCopies(ProgressModel.MAX_INTERVALS - 1,
        java.sql.Date.valueOf(asOf)));
    parameters.add(fiscalYear);
    return jdbc().query(inCities(counts), (row, i) -> new ProgressService.StatusCount(row.getString(1),
        row.getString(2), row.getString(3) == null ? null : ProgressStatus.valueOf(row.getString(3)), row.getInt(4)),
        inCities(parameters.toArray(), counts));
  }

  @Override
  public List<ProgressService.ModelRow> withoutStatus(int fiscalYear) {
    return read(columns + initiatives + " AND (R." + ProgressModel.STATUS_VERSION + " IS NULL OR R."
        + ProgressModel.STATUS_VERSION + " <> R." + ProgressModel.VERSION + " OR R." + ProgressModel.STATUS_COLUMNS
        .get(0) + " IS NULL)", fiscalYear);
  }

  @Override
  public List<InstanceRecord> initiatives(int fiscalYear, int offset, int limit) {
    return read(pageStatement(), fiscalYear, limit, offset).stream()
        .map(ProgressService.ModelRow::instance).toList();
  }

  /** A page of a year's initiatives: parameters year, limit, offset. */
  String pageStatement() {
    return page;
  }

  /** The rows of a year (parameter 1) aliased R, from the table as {@code hint} says. */
  private static String fromYear(String hint) {
    return " FROM " + ProgressModel.TABLE + " R" + hint + " WHERE " + YEAR_CONDITION;
  }

  private static final String YEAR_CONDITION = "R." + ProgressModel.FISCAL_YEAR + " = ?";

  private static String notPlans() {
    return " AND (R." + ProgressModel.PROCESS_KEY + " IS NULL OR R." + ProgressModel.PROCESS_KEY + " <> '"
        + FiscalYearPlan.PROCESS_KEY + "')";
  }

  @Override
  public List<InstanceRecord> plans(int fiscalYear) {
    return read(columns + fromYear + " AND R." + ProgressModel.PROCESS_KEY + " = '" + FiscalYearPlan.PROCESS_KEY + "'",
        fiscalYear).stream().map(ProgressService.ModelRow::instance).toList();
  }

  @Override
  public List<InstanceRecord> initiativesWithIds(int fiscalYear, Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Object> parameters = new ArrayList<>(List.of(fiscalYear));
    parameters.addAll(ids);
    return read(columns + initiatives + " AND " + initiativeId + " IN (" + String.join(", ",
        java.util.Collections.nCopies(ids.size(), "?")) + ")", parameters.toArray()).stream()
        .map(ProgressService.ModelRow::instance).toList();
  }

  /**
   * The intervals of rows read behind their version, each written only if the row is still at the version read
   * (else a command changed it since: the next read computes it again). Outside any snapshot, one statement each.
   */
  @Override
  public void keepStatus(List<ProgressService.ModelRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<String> sets = new ArrayList<>(List.of(ProgressModel.STATUS_VERSION));
    sets.addAll(ProgressModel.STATUS_COLUMNS);
    String sql = "UPDATE " + ProgressModel.TABLE + " SET " + String.join(" = ?, ", sets) + " = ? WHERE "
        + ProgressModel.ID + " = ? AND " + ProgressModel.VERSION + " = ?";
    // In the rows' id order, so that two nodes keeping the same rows take their locks in the same order.
    jdbc.batchUpdate(sql, rows.stream().sorted(java.util.Comparator.comparing(row -> row.instance().id())).map(row -> {
      Map<String, Object> status = ProgressModel.statusColumns(row.instance(), row.version());
      List<Object> values = new ArrayList<>(status.values());
      values.add(row.instance().id());
      values.add(row.version());
      return values.toArray();
    }).toList());
  }

  /**
   * The year's rows of the cities the reader may see ({@link Caller#citiesInScope}): a city's people read their
   * city's rows alone (and rows of no city, as the engine's tenant check does), whatever door the read came
   * through; the year's condition is where the cities are added.
   */
  private String inCities(String sql) {
    String tenant = "R." + ProgressModel.TENANT_ID;
    return identity == null ? sql : Caller.citiesInScope(identity).map(cities -> sql.replace(YEAR_CONDITION,
        YEAR_CONDITION + (cities.isEmpty() ? " AND " + tenant + " IS NULL" : " AND (" + tenant + " IS NULL OR "
            + tenant + " IN (" + String.join(", ", java.util.Collections.nCopies(cities.size(), "?")) + "))")))
        .orElse(sql);
  }

  /** The parameters of {@link #inCities(String)}'s statement: the cities right after the year's. */
  private Object[] inCities(Object[] parameters, String sql) {
    java.util.Optional<List<String>> cities = identity == null ? java.util.Optional.empty()
        : Caller.citiesInScope(identity);
    if (cities.isEmpty() || cities.get().isEmpty()) {
      return parameters;
    }
    int year = (int) sql.substring(0, sql.indexOf(YEAR_CONDITION)).chars().filter(c -> c == '?').count();
    List<Object> scoped = new ArrayList<>(List.of(parameters));
    scoped.addAll(year + 1, cities.get());
    return scoped.toArray();
  }

  private JdbcTemplate jdbc() {
    JdbcTemplate bound = snapshot.get();
    return bound != null ? bound : jdbc;
  }

  private List<ProgressService.ModelRow> read(String sql, Object... parameters) {
    List<ProgressService.ModelRow> records = new ArrayList<>();
    Object[] scopedParameters = inCities(parameters, sql);
    jdbc().query(inCities(sql), row -> {
      Integer statusVersion = (Integer) row.getObject(9, Integer.class);
      records.add(new ProgressService.ModelRow(new InstanceRecord(row.getString(1), row.getString(2),
          row.getString(3), row.getString(4), instant(row.getTimestamp(5)), instant(row.getTimestamp(6)),
          ProgressModel.variables(row), ProgressModel.runs(row.getString(7))), row.getInt(8),
          statusVersion != null && statusVersion == row.getInt(8)));
    }, scopedParameters);
    return records;
  }

  private static java.time.Instant instant(java.sql.Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
