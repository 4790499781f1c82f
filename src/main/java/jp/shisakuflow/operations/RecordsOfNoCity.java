package jp.shisakuflow.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The upgrade of a database from before cities were tenants: its process instances carry no city, and the engine
 * shows records of no city to every city. Gives every record of such instances — runtime, history, the variables'
 * bytes, the progress read model: each table with a {@code TENANT_ID_} that names an instance — one city, in one
 * transaction. An instance is taken with its whole tree (its root's, by {@code ROOT_PROC_INST_ID_}), so that a
 * called instance follows its caller. Definitions stay shared; the instances of {@link CitylessProcess}es (the
 * daily digest) stay of no city. A dry run counts what would change and writes nothing.
 */
@Component
public class RecordsOfNoCity {

  /** Tables of definitions, the identity, and the engine's bookkeeping: never an instance's record. */
  private static final List<String> NOT_RECORDS = List.of("ACT_RE_", "ACT_ID_", "ACT_RU_JOBDEF", "ACT_RU_METER_LOG",
      "ACT_RU_TASK_METER_LOG", "ACT_RU_BATCH", "ACT_HI_BATCH", "ACT_GE_");
  private static final String BYTES = "ACT_GE_BYTEARRAY";
  private static final String HISTORIC_INSTANCES = "ACT_HI_PROCINST";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final IdentityService identity;
  private final List<String> cityless;

  public RecordsOfNoCity(ProcessEngine engine, PlatformTransactionManager transactions,
      List<CitylessProcess> citylessProcesses) {
    DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = new TransactionTemplate(transactions);
    this.identity = engine.getIdentityService();
    this.cityless = citylessProcesses.stream().map(CitylessProcess::processKey).sorted().toList();
  }

  /** Rows given {@code city} (or that would be, {@code dryRun}), per table; only tables with any. */
  public Map<String, Integer> assign(String city, boolean dryRun) {
    if (city == null || city.isBlank() || identity.createTenantQuery().tenantId(city).count() == 0) {
      throw new IllegalArgumentException("city: 市 '" + city + "' はありません (no such city; the cities are the "
          + "engine's tenants)");
    }
    return transaction.execute(status -> {
      Map<String, Integer> rows = new LinkedHashMap<>();
      // The historic instances last: the others' conditions read which of them have no city yet.
      List<String> tables = new ArrayList<>(tables());
      tables.remove(HISTORIC_INSTANCES);
      tables.add(HISTORIC_INSTANCES);
      for (String table : tables) {
        String condition = condition(table, columns(table));
        if (condition == null) {
          continue;
        }
        String where = " WHERE TENANT_ID_ IS NULL AND " + condition;
        Object[] parameters = citylessKeysFor(condition);
        int count = dryRun ? jdbc.queryForObject("SELECT COUNT(*) FROM " + table + where, Integer.class, parameters)
            : jdbc.update("UPDATE " + table + " SET TENANT_ID_ = ?" + where, prepend(city, parameters));
        if (count > 0) {
          rows.put(table, count);
        }
      }
      if (dryRun) {
        status.setRollbackOnly();
      }
      return rows;
    });
  }

  /**
   * Which rows of {@code table} are of the instances concerned, by every column that names one (the engine leaves
   * the root's column empty on some rows); {@code null}: none of its rows is an instance's.
   */
  private String condition(String table, Set<String> columns) {
    List<String> conditions = new ArrayList<>();
    if (columns.contains("ROOT_PROC_INST_ID_")) {
      conditions.add("ROOT_PROC_INST_ID_ IN (" + roots() + ")");
    }
    if (!table.equals(BYTES)) {
      for (String column : List.of("PROC_INST_ID_", "PROCESS_INSTANCE_ID_")) {
        if (columns.contains(column)) {
          conditions.add(column + " IN (" + instances() + ")");
        }
      }
      if (conditions.isEmpty() && columns.contains("TASK_ID_")) {
        conditions.add("TASK_ID_ IN (SELECT ID_ FROM ACT_HI_TASKINST WHERE PROC_INST_ID_ IN (" + instances() + "))");
      }
    }
    return conditions.isEmpty() ? null : "(" + String.join(" OR ", conditions) + ")";
  }

  /** Every instance of the trees concerned. */
  private String instances() {
    return "SELECT ID_ FROM " + HISTORIC_INSTANCES + " WHERE ROOT_PROC_INST_ID_ IN (" + roots() + ")";
  }

  /** The root instances of no city but of the cityless processes (their keys the statement's parameters). */
  private String roots() {
    String keys = cityless.isEmpty() ? "" : " AND PROC_DEF_KEY_ NOT IN ("
        + String.join(", ", java.util.Collections.nCopies(cityless.size(), "?")) + ")";
    return "SELECT ID_ FROM " + HISTORIC_INSTANCES + " WHERE TENANT_ID_ IS NULL AND ID_ = ROOT_PROC_INST_ID_" + keys;
  }

  /** Every table with a TENANT_ID_ that may hold an instance's records, in upper case (as the engine names them). */
  private List<String> tables() {
    return jdbc.queryForList("SELECT UPPER(TABLE_NAME) FROM INFORMATION_SCHEMA.COLUMNS WHERE UPPER(COLUMN_NAME) = "
        + "'TENANT_ID_' AND UPPER(TABLE_SCHEMA) = UPPER(CURRENT_SCHEMA) ORDER BY 1", String.class).stream()
        .filter(table -> table.equals(BYTES) || NOT_RECORDS.stream().noneMatch(table::startsWith)).toList();
  }

  private Set<String> columns(String table) {
    return Set.copyOf(jdbc.queryForList("SELECT UPPER(COLUMN_NAME) FROM INFORMATION_SCHEMA.COLUMNS WHERE "
        + "UPPER(TABLE_NAME) = ? AND UPPER(TABLE_SCHEMA) = UPPER(CURRENT_SCHEMA)", String.class, table));
  }

  /** The statement's parameters: the cityless keys, once for each time the condition names the roots. */
  private Object[] citylessKeysFor(String condition) {
    int roots = (condition.length() - condition.replace(roots(), "").length()) / roots().length();
    List<Object> parameters = new ArrayList<>();
    for (int i = 0; i < roots; i++) {
      parameters.addAll(cityless);
    }
    return parameters.toArray();
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** The counts as the API answers them: per table in name order, and the total. */
  public static Map<String, Object> summary(String city, boolean dryRun, Map<String, Integer> rows) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("city", city);
    answer.put("dryRun", dryRun);
    answer.put("rows", new TreeMap<>(rows));
    answer.put("total", rows.values().stream().mapToInt(Integer::intValue).sum());
    return answer;
  }
}
