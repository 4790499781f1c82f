package jp.shisakuflow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies one city's records, as the product wrote them, to many other cities in PostgreSQL: the way to a
 * database of 1,700 cities in minutes (the product's own path makes some 30 lifecycles a second, hours for
 * 255,000). Every row of the template city (every engine and product table with a {@code TENANT_ID_}) is copied
 * once per city with the city's tenant, its instance ids suffixed ({@code …-c0002}) so that the copies refer to
 * each other as the originals do, and its own people: the template city's users and groups (its departments and
 * wards) are copied as the city's, with their memberships and their grants; the roles (managers, auditors) are
 * every city's groups, as in the product. Definitions stay shared. Rows of no city are not copied.
 */
final class CityCloner {

  /** Columns that hold the id of a runtime or history record (copied with the city's suffix). */
  private static final Set<String> RECORD_IDS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "execution_id_",
      "parent_id_", "super_exec_", "super_process_instance_id_", "act_inst_id_", "parent_act_inst_id_",
      "act_instance_id_", "task_id_", "parent_task_id_", "call_proc_inst_id_", "var_scope_", "bytearray_id_",
      "exception_stack_id_", "job_exception_stack_id_", "job_id_", "cause_incident_id_", "root_cause_incident_id_",
      "var_inst_id_", "operation_id_", "process_instance_id_", "batch_id_", "external_task_id_");
  /** Columns that name a person or a group (copied with the suffix where it is one of the template city's). */
  private static final Set<String> PRINCIPALS = Set.of("user_id_", "group_id_", "assignee_", "owner_",
      "start_user_id_", "assigner_id_");
  private static final Set<String> SKIPPED_PREFIXES = Set.of("act_re_", "act_id_");

  private final String url;
  private final String template;

  CityCloner(String url, String template) {
    this.url = url;
    this.template = template;
  }

  static String tenantId(int city) {
    return "c%04d".formatted(city);
  }

  /** Adds cities 2 … {@code cities} (tenants {@code c0002} …), each a copy of the template city; rows per table. */
  Map<String, Long> cloneTo(int cities, int citiesPerStatement) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        Statement sql = connection.createStatement()) {
      sql.execute("SET synchronous_commit = off");
      // The copies refer to each other as the originals do; their foreign keys are not checked row by row while
      // the tables fill in no particular order.
      sql.execute("SET session_replication_role = replica");
      sql.execute("CREATE TEMP TABLE city_principal AS SELECT user_id_ AS id FROM act_id_tenant_member WHERE tenant_id_ = '"
          + template + "' AND user_id_ IS NOT NULL UNION SELECT group_id_ FROM act_id_tenant_member WHERE tenant_id_ = '"
          + template + "' AND group_id_ IS NOT NULL");
      sql.execute("CREATE TEMP TABLE city_record AS SELECT id_ AS id FROM act_ru_task WHERE tenant_id_ = '" + template
          + "' UNION SELECT id_ FROM act_hi_taskinst WHERE tenant_id_ = '" + template
          + "' UNION SELECT id_ FROM act_hi_procinst WHERE tenant_id_ = '" + template + "'");
      sql.execute("CREATE UNIQUE INDEX ON city_principal (id)");
      sql.execute("CREATE UNIQUE INDEX ON city_record (id)");
      Map<String, List<String>> tables = tablesOfCities(connection);
      for (int first = 2; first <= cities; first += citiesPerStatement) {
        int last = Math.min(cities, first + citiesPerStatement - 1);
        sql.execute("DROP TABLE IF EXISTS clone");
        sql.execute("CREATE TEMP TABLE clone AS SELECT n, '-' || 'c' || lpad(n::text, 4, '0') AS sfx, 'c' || lpad(n::text, 4, '0') AS tenant"
            + " FROM generate_series(" + first + ", " + last + ") n");
        long began = System.nanoTime();
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
          rows.merge(table.getKey(), (long) sql.executeUpdate(copyOfCityRows(table.getKey(), table.getValue())),
              Long::sum);
        }
        rows.merge("act_ru_authorization", (long) sql.executeUpdate(copyOfGrants(columns(connection,
            "act_ru_authorization"))), Long::sum);
        rows.merge("act_id_user", (long) sql.executeUpdate(copyOfPrincipals(connection, "act_id_user")), Long::sum);
        rows.merge("act_id_group", (long) sql.executeUpdate(copyOfPrincipals(connection, "act_id_group")), Long::sum);
        rows.merge("act_id_membership", (long) sql.executeUpdate("INSERT INTO act_id_membership (user_id_, group_id_) "
            + "SELECT " + principal("m.user_id_") + ", " + principal("m.group_id_") + " FROM act_id_membership m "
            + "CROSS JOIN clone k WHERE m.user_id_ IN (SELECT id FROM city_principal)"), Long::sum);
        rows.merge("act_id_tenant", (long) sql.executeUpdate("INSERT INTO act_id_tenant (id_, name_, rev_) "
            + "SELECT k.tenant, '市 ' || k.n, 1 FROM clone k"), Long::sum);
        rows.merge("act_id_tenant_member", (long) sql.executeUpdate("INSERT INTO act_id_tenant_member "
            + "(id_, tenant_id_, user_id_, group_id_) SELECT t.id_ || k.sfx, k.tenant, " + principal("t.user_id_") + ", "
            + principal("t.group_id_") + " FROM act_id_tenant_member t CROSS JOIN clone k WHERE t.tenant_id_ = '"
            + template + "'"), Long::sum);
        System.out.printf("cities %d–%d copied in %.0f s%n", first, last, (System.nanoTime() - began) / 1e9);
      }
    }
    return rows;
  }

  /** Every table of records with a city (a {@code tenant_id_}), but definitions and the identity's own. */
  private static Map<String, List<String>> tablesOfCities(Connection connection) throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Statement sql = connection.createStatement();
        ResultSet found = sql.executeQuery("SELECT table_name FROM information_schema.columns WHERE table_schema = "
            + "'public' AND column_name = 'tenant_id_' ORDER BY table_name")) {
      List<String> names = new ArrayList<>();
      while (found.next()) {
        names.add(found.getString(1));
      }
      for (String name : names) {
        if (SKIPPED_PREFIXES.stream().noneMatch(name::startsWith)) {
          tables.put(name, columns(connection, name));
        }
      }
    }
    return tables;
  }

  private static List<String> columns(Connection connection, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement sql = connection.createStatement();
        ResultSet found = sql.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = "
            + "'public' AND table_name = '" + table + "' ORDER BY ordinal_position")) {
      while (found.next()) {
        columns.add(found.getString(1));
      }
    }
    return columns;
  }

  private String copyOfCityRows(String table, List<String> columns) {
    List<String> values = columns.stream().map(c -> c.equals("tenant_id_") ? "k.tenant"
        : RECORD_IDS.contains(c) ? recordId("s." + c)
        : PRINCIPALS.contains(c) ? principal("s." + c) : "s." + c).toList();
    return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
        + " FROM " + table + " s CROSS JOIN clone k WHERE s.tenant_id_ = '" + template + "'";
  }

  /** The grants on the template city's tasks and instances and those of its people. */
  private String copyOfGrants(List<String> columns) {
    String resource = "CASE WHEN s.resource_id_ IN (SELECT id FROM city_record) OR s.resource_id_ IN "
        + "(SELECT id FROM city_principal) THEN " + recordId("s.resource_id_") + " ELSE s.resource_id_ END";
    List<String> values = columns.stream().map(c -> c.equals("id_") ? recordId("s.id_")
        : c.equals("resource_id_") ? resource
        : PRINCIPALS.contains(c) ? principal("s." + c) : "s." + c).toList();
    return "INSERT INTO act_ru_authorization (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
        + " FROM act_ru_authorization s CROSS JOIN clone k WHERE s.resource_id_ IN (SELECT id FROM city_record) "
        + "OR s.group_id_ IN (SELECT id FROM city_principal) OR s.user_id_ IN (SELECT id FROM city_principal)";
  }

  private String copyOfPrincipals(Connection connection, String table) throws SQLException {
    List<String> columns = columns(connection, table);
    List<String> values = columns.stream().map(c -> c.equals("id_") ? "s.id_ || k.sfx" : "s." + c).toList();
    return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
        + " FROM " + table + " s CROSS JOIN clone k WHERE s.id_ IN (SELECT id FROM city_principal)";
  }

  /**
   * The copy's id: the original with the city's suffix, within the engine's 64 characters (an activity
   * instance's id, its activity's id and a UUID, may fill them: its end, the UUID, is kept).
   */
  private static String recordId(String column) {
    return "right(" + column + ", 58) || k.sfx";
  }

  private static String principal(String column) {
    return "CASE WHEN " + column + " IN (SELECT id FROM city_principal) THEN " + column + " || k.sfx ELSE " + column
        + " END";
  }
}
