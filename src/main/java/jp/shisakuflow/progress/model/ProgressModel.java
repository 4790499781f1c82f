package jp.shisakuflow.progress.model;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.progress.InstanceRecord;
import jp.shisakuflow.progress.ProgressCalculator;
import jp.shisakuflow.progress.ProgressService;

/**
 * The progress read model: one row per instance of a year (an initiative's lifecycle or steps, or a plan's year) in
 * {@value #TABLE}, holding what progress, the schedule dashboard, the quarterly report and the charts read: its key,
 * year, process, tenant (null until tenants), start and end, the variables {@link ProgressService#VARIABLES} names (a
 * column each) and the runs of its phase tasks ({@value #RUNS}, an append-only log, see {@link #runs}). Written in the
 * engine's own transactions by {@link ProgressHistoryHandler}; rebuilt from the history by {@link ProgressModelRebuild}.
 */
public final class ProgressModel {

  public static final String TABLE = "SHISAKU_PROGRESS";
  static final String INDEX = "SHISAKU_IDX_PROGRESS_YEAR";
  static final String ID = "PROC_INST_ID_";
  static final String PROCESS_KEY = "PROC_DEF_KEY_";
  static final String BUSINESS_KEY = "BUSINESS_KEY_";
  static final String FISCAL_YEAR = "FISCAL_YEAR_";
  static final String TENANT_ID = "TENANT_ID_";
  static final String START_TIME = "START_TIME_";
  static final String END_TIME = "END_TIME_";
  static final String RUNS = "RUNS_";
  /** The one variable kept as a boolean: only {@code true} counts (a flag set by the lifecycle). */
  static final String DELAYED = InitiativeLifecycle.Var.DELAYED;
  /** Each variable's column: {@code phasePlan} in {@code PHASE_PLAN_}. */
  static final Map<String, String> VARIABLE_COLUMNS = columns();

  /** H2 and PostgreSQL alike; a text column as long as the engine's own (ACT_HI_VARINST.TEXT_). */
  static List<String> ddl() {
    StringBuilder table = new StringBuilder("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + ID
        + " VARCHAR(64) NOT NULL PRIMARY KEY, " + PROCESS_KEY + " VARCHAR(255), " + BUSINESS_KEY + " VARCHAR(255), "
        + FISCAL_YEAR + " INTEGER, " + TENANT_ID + " VARCHAR(64), " + START_TIME + " TIMESTAMP, " + END_TIME
        + " TIMESTAMP");
    VARIABLE_COLUMNS.forEach((name, column) -> table.append(", ").append(column)
        .append(name.equals(DELAYED) ? " BOOLEAN" : " VARCHAR(4000)"));
    // Unbounded text (H2: up to 1 MB; PostgreSQL: unlimited): a lifecycle's runs, some 100 characters each.
    table.append(", ").append(RUNS).append(" VARCHAR)");
    return List.of(table.toString(),
        "CREATE INDEX IF NOT EXISTS " + INDEX + " ON " + TABLE + "(" + FISCAL_YEAR + ")");
  }

  private ProgressModel() {}

  private static Map<String, String> columns() {
    Map<String, String> columns = new LinkedHashMap<>();
    ProgressService.VARIABLES.forEach(name -> columns.put(name,
        name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT) + "_"));
    return java.util.Collections.unmodifiableMap(columns);
  }

  /**
   * The fiscal year a business key belongs to as progress reads it ({@code LIKE 'FY2019-%'}): {@code FY}, four
   * digits and a hyphen; null for any other key.
   */
  static Integer fiscalYearOf(String businessKey) {
    if (businessKey == null || businessKey.length() < 7 || !businessKey.startsWith("FY")
        || businessKey.charAt(6) != '-') {
      return null;
    }
    for (int i = 2; i < 6; i++) {
      if (businessKey.charAt(i) < '0' || businessKey.charAt(i) > '9') {
        return null;
      }
    }
    return Integer.parseInt(businessKey.substring(2, 6));
  }

  /** A run opened: {@code S,<task id>,<task key>,<start millis>;}. */
  static String opened(String taskId, String taskKey, java.util.Date start) {
    return "S," + taskId + "," + taskKey + "," + (start == null ? "" : start.getTime()) + ";";
  }

  /** A run ended (completed, or deleted with its instance): {@code E,<task id>,<end millis>;}. */
  static String ended(String taskId, java.util.Date end) {
    return "E," + taskId + "," + (end == null ? "" : end.getTime()) + ";";
  }

  /** A run's task moved to another task key (a migration): {@code K,<task id>,<task key>;}. */
  static String rekeyed(String taskId, String taskKey) {
    return "K," + taskId + "," + taskKey + ";";
  }

  /**
   * The phase task runs of a log: each task's last opening, key and end; a record repeated (a rebuild racing a
   * command) changes nothing.
   */
  static List<InstanceRecord.Run> runs(String log) {
    if (log == null || log.isEmpty()) {
      return List.of();
    }
    Map<String, String[]> runs = new LinkedHashMap<>();
    for (String record : log.split(";")) {
      String[] f = record.split(",", -1);
      switch (f[0]) {
        case "S" -> runs.computeIfAbsent(f[1], k -> new String[3])[0] = f[2];
        case "E" -> runs.computeIfPresent(f[1], (k, r) -> { r[2] = f[2]; return r; });
        case "K" -> runs.computeIfPresent(f[1], (k, r) -> { r[0] = f[2]; return r; });
        default -> { }
      }
      if (f[0].equals("S")) {
        runs.get(f[1])[1] = f[3];
      }
    }
    List<InstanceRecord.Run> result = new ArrayList<>();
    runs.forEach((id, r) -> {
      if (ProgressCalculator.isPhaseTask(r[0])) {
        result.add(new InstanceRecord.Run(id, r[0], millis(r[1]), millis(r[2])));
      }
    });
    return result;
  }

  private static Instant millis(String text) {
    return text == null || text.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(text));
  }

  static Timestamp timestamp(java.util.Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }

  static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /** An instance's variables as progress reads them from a row (absent where the column is null). */
  static Map<String, Object> variables(java.sql.ResultSet row) throws java.sql.SQLException {
    Map<String, Object> variables = new HashMap<>();
    for (Map.Entry<String, String> column : VARIABLE_COLUMNS.entrySet()) {
      Object value = column.getKey().equals(DELAYED) ? row.getObject(column.getValue(), Boolean.class)
          : row.getString(column.getValue());
      if (value != null) {
        variables.put(column.getKey(), value);
      }
    }
    return variables;
  }

  /** A variable's value in its column, from the history's form: text, and for {@code delayed} whether it is true. */
  static Object columnValue(String name, String serializer, String text, Long number) {
    if (name.equals(DELAYED)) {
      return "boolean".equals(serializer) && Long.valueOf(1).equals(number);
    }
    return "boolean".equals(serializer) ? null : text;
  }

  /** The same from what progress read from the history ({@link jp.shisakuflow.progress.ProgressHistory}). */
  static Object columnValue(String name, Object value) {
    if (name.equals(DELAYED)) {
      return Boolean.TRUE.equals(value);
    }
    return value instanceof String text ? text : null;
  }
}
