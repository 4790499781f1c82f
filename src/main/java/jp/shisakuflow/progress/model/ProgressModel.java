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
import jp.shisakuflow.progress.ProgressTimeline;

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
  static final String CITY_INDEX = "SHISAKU_IDX_PROGRESS_CITY";
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
  /**
   * Bumped by every engine write that changes what the status depends on (the phase plan, the runs, the end): the
   * status intervals below hold for the row while {@value #STATUS_VERSION} equals it.
   */
  static final String VERSION = "VERSION_";
  /** The {@value #VERSION} the status intervals were computed for; null: none yet (computed by the next read). */
  static final String STATUS_VERSION = "STATUS_VERSION_";
  /**
   * The status intervals ({@link ProgressTimeline}) an initiative's row keeps: {@code STATUS_0_} before
   * {@code STATUS_FROM_1_}, {@code STATUS_1_} from it until {@code STATUS_FROM_2_}, and so on; an unused pair is null.
   * A row with more intervals keeps none ({@code STATUS_0_} null) and is computed by each read (none seen in the
   * random check; a lifecycle has some 3).
   */
  static final int MAX_INTERVALS = 8;
  /** The status columns in order: STATUS_0_, STATUS_FROM_1_, STATUS_1_, ... */
  static final List<String> STATUS_COLUMNS = statusColumns();

  /**
   * H2 and PostgreSQL alike (on H2 with the order's generated columns, {@link #H2_ORDER_COLUMNS}, whose index
   * {@link #h2OrderIndex} follows the upgrade); a text column as long as the engine's own (ACT_HI_VARINST.TEXT_).
   */
  static List<String> ddl(boolean h2) {
    StringBuilder table = new StringBuilder("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + ID
        + " VARCHAR(64) NOT NULL PRIMARY KEY, " + PROCESS_KEY + " VARCHAR(255), " + BUSINESS_KEY + " VARCHAR(255), "
        + FISCAL_YEAR + " INTEGER, " + TENANT_ID + " VARCHAR(64), " + START_TIME + " TIMESTAMP, " + END_TIME
        + " TIMESTAMP");
    VARIABLE_COLUMNS.forEach((name, column) -> table.append(", ").append(column)
        .append(name.equals(DELAYED) ? " BOOLEAN" : " VARCHAR(4000)"));
    // Unbounded text (H2: up to 1 MB; PostgreSQL: unlimited): a lifecycle's runs, some 100 characters each.
    table.append(", ").append(RUNS).append(" VARCHAR");
    ADDED_COLUMNS.forEach((column, type) -> table.append(", ").append(column).append(" ").append(type));
    if (h2) {
      H2_ORDER_COLUMNS.forEach((column, type) -> table.append(", ").append(column).append(" ").append(type));
    }
    table.append(")");
    List<String> statements = new ArrayList<>(List.of(table.toString(),
        "CREATE INDEX IF NOT EXISTS " + INDEX + " ON " + TABLE + "(" + FISCAL_YEAR + ")",
        // A city's year among many cities' (CityCondition): its rows without walking every city's year.
        "CREATE INDEX IF NOT EXISTS " + CITY_INDEX + " ON " + TABLE + "(" + TENANT_ID + ", " + FISCAL_YEAR + ")"));
    // H2's order index names the generated columns, which a table of an older version gets only by its upgrade.
    if (!h2) {
      statements.add(postgresOrderIndex());
    }
    return statements;
  }

  static final String ORDER_INDEX = "SHISAKU_IDX_PROGRESS_ORDER";

  /**
   * PostgreSQL: the year's rows in a page's order ({@link #pageOrder}), so that a page walks the index and stops
   * after its rows instead of sorting the year.
   */
  static String postgresOrderIndex() {
    return "CREATE INDEX IF NOT EXISTS " + ORDER_INDEX + " ON " + TABLE + " (" + FISCAL_YEAR + ", "
        + String.join(", ", pageOrder("", true)) + ")";
  }

  /** H2's stored copies of the page's order (H2 indexes no expressions): workstream, initiative id. */
  static final String ORDER_WORKSTREAM = "ORDER_WORKSTREAM_";
  static final String ORDER_INITIATIVE_ID = "ORDER_INITIATIVE_ID_";
  /**
   * H2: the order's expressions as columns H2 computes on every write (generated columns), each with its type; a table
   * without them gets them at start ({@link #upgrade}), H2 computing them for its rows.
   */
  static final Map<String, String> H2_ORDER_COLUMNS = h2OrderColumns();

  private static Map<String, String> h2OrderColumns() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put(ORDER_WORKSTREAM, "VARCHAR(4000) GENERATED ALWAYS AS " + orderExpressions("").get(0));
    columns.put(ORDER_INITIATIVE_ID, "VARCHAR(4000) GENERATED ALWAYS AS " + orderExpressions("").get(1));
    return java.util.Collections.unmodifiableMap(columns);
  }

  /** H2: PostgreSQL's index over the generated columns, which H2's page orders by. */
  static String h2OrderIndex() {
    return "CREATE INDEX IF NOT EXISTS " + ORDER_INDEX + " ON " + TABLE + " (" + FISCAL_YEAR + ", " + ORDER_WORKSTREAM
        + ", " + ORDER_INITIATIVE_ID + ", " + ID + ")";
  }

  /**
   * A page's order, as {@link ProgressService}'s answer sorts (workstream, initiative id, instance), for rows aliased
   * {@code alias}: the workstream or empty; the initiative id variable, else the business key's id ({@code FY2019-<id>},
   * every row of a year has a key of that form, see {@link #fiscalYearOf}), else the key; the instance id. On H2 the
   * first two are the columns {@link #H2_ORDER_COLUMNS} keep of the same expressions.
   *
   * <p>Java's String order (UTF-16 code units, ProgressService's sort): H2 compares strings as Java does unless a
   * collation is set (the app sets none); PostgreSQL with the "C" collation compares UTF-8 bytes, i.e. code points,
   * the same order except between a character beyond U+FFFF and one from U+E000 to U+FFFF (full-width forms):
   * workstream codes and initiative ids are plain text the plans give, in which no such pair was met.
   */
  static List<String> pageOrder(String alias, boolean postgres) {
    if (!postgres) {
      // The year first (one year is read): H2 sorts by an index only where the ORDER BY begins with its first column.
      return List.of(alias + FISCAL_YEAR, alias + ORDER_WORKSTREAM, alias + ORDER_INITIATIVE_ID, alias + ID);
    }
    String collate = " COLLATE \"C\"";
    List<String> expressions = orderExpressions(alias);
    return List.of(expressions.get(0) + collate, expressions.get(1) + collate, "(" + alias + ID + ")" + collate);
  }

  /** The workstream or empty, and the initiative id, in SQL. */
  private static List<String> orderExpressions(String alias) {
    return List.of("(COALESCE(" + alias + VARIABLE_COLUMNS.get(InitiativeLifecycle.Var.WORKSTREAM) + ", ''))",
        "(" + initiativeId(alias) + ")");
  }

  /** ProgressService's initiative id in SQL: the variable, else the business key's id ({@code FY2019-<id>}), else the key. */
  static String initiativeId(String alias) {
    String key = alias + BUSINESS_KEY;
    return "COALESCE(" + alias + VARIABLE_COLUMNS.get(InitiativeLifecycle.Var.INITIATIVE_ID) + ", CASE WHEN LENGTH(" + key
        + ") > 7 THEN SUBSTRING(" + key + ", 8) ELSE " + key + " END)";
  }

  /**
   * The columns added after the table's first version (issue #20's status intervals), each with its type: a table of
   * an older version gets them at start ({@link #upgrade}); its rows' intervals are then computed by the first read.
   */
  static final Map<String, String> ADDED_COLUMNS = addedColumns();

  private static Map<String, String> addedColumns() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put(VERSION, "INTEGER DEFAULT 0 NOT NULL");
    columns.put(STATUS_VERSION, "INTEGER");
    STATUS_COLUMNS.forEach(column -> columns.put(column, column.startsWith("STATUS_FROM_") ? "DATE" : "VARCHAR(16)"));
    return java.util.Collections.unmodifiableMap(columns);
  }

  /** The statements adding the columns a table of an older version lacks (none for a current one). */
  static List<String> upgrade(java.util.Set<String> existingColumns, boolean h2) {
    java.util.Set<String> existing = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    existing.addAll(existingColumns);
    Map<String, String> wanted = new LinkedHashMap<>(ADDED_COLUMNS);
    if (h2) {
      wanted.putAll(H2_ORDER_COLUMNS);
    }
    List<String> statements = new ArrayList<>();
    wanted.forEach((column, type) -> {
      if (!existing.contains(column)) {
        statements.add("ALTER TABLE " + TABLE + " ADD COLUMN " + column + " " + type);
      }
    });
    return statements;
  }

  private static List<String> statusColumns() {
    List<String> columns = new ArrayList<>(List.of("STATUS_0_"));
    for (int i = 1; i < MAX_INTERVALS; i++) {
      columns.add("STATUS_FROM_" + i + "_");
      columns.add("STATUS_" + i + "_");
    }
    return List.copyOf(columns);
  }

  /** The status columns' values for these intervals, in {@link #STATUS_COLUMNS}' order (all null: too many). */
  static List<Object> statusValues(List<ProgressTimeline.Interval> intervals) {
    List<Object> values = new ArrayList<>(java.util.Collections.nCopies(STATUS_COLUMNS.size(), null));
    if (intervals.size() <= MAX_INTERVALS) {
      values.set(0, intervals.get(0).status().name());
      for (int i = 1; i < intervals.size(); i++) {
        values.set(2 * i - 1, java.sql.Date.valueOf(intervals.get(i).from()));
        values.set(2 * i, intervals.get(i).status().name());
      }
    }
    return values;
  }

  /**
   * The status columns of an instance as the model holds it (its {@link #STATUS_COLUMNS} and {@value #STATUS_VERSION}
   * {@code version}): its intervals; a plan's instance, or one whose intervals cannot be computed (a phase plan that
   * cannot be read) or are too many, keeps none ({@code STATUS_0_} null) and is left to each read (which computes it
   * as the full answer does).
   */
  static Map<String, Object> statusColumns(InstanceRecord instance, int version) {
    Map<String, Object> columns = new LinkedHashMap<>();
    List<Object> values;
    try {
      values = instance.plan() ? null : statusValues(ProgressTimeline.of(instance));
    } catch (RuntimeException e) {
      values = null;
    }
    columns.put(STATUS_VERSION, version);
    for (int i = 0; i < STATUS_COLUMNS.size(); i++) {
      columns.put(STATUS_COLUMNS.get(i), values == null ? null : values.get(i));
    }
    return columns;
  }

  /** An instance as a write of the model names its columns (a new row: all it has). */
  static InstanceRecord record(String id, Map<String, Object> columns, String runs) {
    Map<String, Object> variables = new HashMap<>();
    VARIABLE_COLUMNS.forEach((name, column) -> {
      if (columns.get(column) != null) {
        variables.put(name, columns.get(column));
      }
    });
    return new InstanceRecord(id, (String) columns.get(BUSINESS_KEY), (String) columns.get(PROCESS_KEY),
        (String) columns.get(TENANT_ID), instant(columns.get(START_TIME)), instant(columns.get(END_TIME)), variables,
        runs(runs));
  }

  private static Instant instant(Object timestamp) {
    return timestamp instanceof Timestamp t ? t.toInstant() : null;
  }

  /**
   * The row's status on a day (the parameter, {@link #MAX_INTERVALS} - 1 times) from its intervals, in SQL; null
   * where the intervals are not those of the row as it is ({@value #STATUS_VERSION} behind) or not kept.
   */
  static String statusOn(String alias) {
    StringBuilder sql = new StringBuilder("CASE WHEN " + alias + STATUS_VERSION + " IS NULL OR " + alias
        + STATUS_VERSION + " <> " + alias + VERSION + " THEN NULL");
    for (int i = 1; i < MAX_INTERVALS; i++) {
      sql.append(" WHEN ").append(alias).append("STATUS_FROM_").append(i).append("_ IS NULL OR ? < ").append(alias)
          .append("STATUS_FROM_").append(i).append("_ THEN ").append(alias).append("STATUS_").append(i - 1)
          .append("_");
    }
    return sql.append(" ELSE ").append(alias).append("STATUS_").append(MAX_INTERVALS - 1).append("_ END").toString();
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
