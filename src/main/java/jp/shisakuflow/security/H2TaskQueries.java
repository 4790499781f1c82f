package jp.shisakuflow.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.TaskQueryProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's task query on H2, with one change: where the query asks for candidacy (candidate group, user,
 * with candidate groups/users) and neither as an alternative ({@code or()}) nor for an involved user, the
 * identity links are joined with an inner join instead of the engine's {@code LEFT JOIN}.
 *
 * <p>Why: H2 does not reorder an outer join, so for the engine's {@code ACT_RU_TASK RES LEFT JOIN
 * ACT_RU_IDENTITYLINK I ... WHERE I.TYPE_ = 'candidate' AND I.GROUP_ID_ IN (…)} it reads every open task and
 * looks up its links (at 100k open tasks: 100 001 tasks and 300 000 links scanned for a ward's 14 287; 1.2 s
 * per task list). With an inner join it starts from the group's links by their index and looks up just
 * those tasks. The answer is the same: the {@code WHERE} clause requires a candidate link ({@code I.TYPE_ =
 * 'candidate'}), which no row of the outer join without a link has; only an {@code or()} query or an
 * involved user (who may be assignee or owner without a link) can be answered by such rows, and those keep
 * the engine's {@code LEFT JOIN}. PostgreSQL reorders the engine's query itself and keeps it.
 *
 * <p>And where it joins them so, the tasks are read by their primary key only ({@code USE INDEX}): a query by an
 * authenticated user carries the engine's tenant check ({@code RES.TENANT_ID_ is null}), and with that and the
 * candidacy's {@code RES.ASSIGNEE_ is null} H2 estimates the open tasks cheaper to walk by those columns' indexes
 * than the group's links (its statistics see few distinct groups), so it read every unassigned open task again:
 * at 10k open tasks 10 001 tasks and 20 000 links for a ward's 1 430, 3–4× the same list without authentication
 * (BENCHMARKS.md). Read by their key, the tasks are looked up from the group's links as without authentication.
 * The index's name is H2's own ({@code PRIMARY_KEY_…}), read from the schema once it exists.
 *
 * <p>At 100k open tasks reading a ward's 14 300 tasks by key was still a second on H2 (BENCHMARKS.md): the list
 * read every one of them to sort by creation time and return 50, and the count read every one to test two columns.
 * So a list ordered by creation time alone (Tasklist's order) walks the tasks' creation-time index from the
 * wanted end and stops at the page's last row (about 350 tasks for a ward's 50 of 100k); and the count reads two
 * indexes that hold every column it tests ({@link #INDEXES}, created here on H2), no table row. The walk's worst
 * case is a group with almost no open tasks: it then reads every open task, as the engine's own statement always
 * did. A list in any other order reads the group's tasks by key as before.
 *
 * <p>How: the statements are the engine's own, read from its {@code Task.xml} at start with that one line
 * replaced, registered under other names in this engine's MyBatis configuration and mapped for H2 on this
 * engine's session factory only. Should a Camunda upgrade change that line, the engine's statements stay in
 * use (logged) and {@code H2TaskQueriesTest} fails.
 */
public final class H2TaskQueries {

  static final String LIST = "shisakuH2SelectTaskByQueryCriteria";
  static final String COUNT = "shisakuH2SelectTaskCountByQueryCriteria";
  private static final String LIST_CRITERIA = "shisakuH2SelectTaskByQueryCriteriaSql";
  private static final String COUNT_CRITERIA = "shisakuH2SelectTaskCountByQueryCriteriaSql";
  /** Camunda's own index of ACT_RU_TASK.CREATE_TIME_ (a fixed name in its H2 schema). */
  static final String CREATE_TIME_INDEX = "ACT_IDX_TASK_CREATE";
  static final String TASK_CANDIDACY_INDEX = "SHISAKU_IDX_TASK_CANDIDACY";
  static final String LINK_CANDIDACY_INDEX = "SHISAKU_IDX_IDLNK_CANDIDACY";
  /** What a count by candidacy tests, in two indexes: the links by group and type, the tasks by key. */
  static final List<String> INDEXES = List.of(
      "CREATE INDEX IF NOT EXISTS " + LINK_CANDIDACY_INDEX + " ON %sACT_RU_IDENTITYLINK(GROUP_ID_, TYPE_, TASK_ID_)",
      "CREATE INDEX IF NOT EXISTS " + TASK_CANDIDACY_INDEX + " ON %sACT_RU_TASK(ID_, ASSIGNEE_, TENANT_ID_)");
  private static final String ENGINE_NAMESPACE = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity";
  private static final String ENGINE_MAPPING = "org/camunda/bpm/engine/impl/mapping/entity/Task.xml";
  static final String ENGINE_JOIN = "left join ${prefix}ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_";
  private static final String LINKS = "${prefix}ACT_RU_IDENTITYLINK I";
  private static final String JOIN = "<choose><when test=\"SHISAKU_I_OUTER\">left join</when>"
      + "<otherwise>inner join</otherwise></choose> " + LINKS + " on I.TASK_ID_ = RES.ID_";
  private static final String QUERIES_LOOP = "<foreach collection=\"queries\" item=\"query\">";
  static final String ENGINE_FROM = "from ${prefix}ACT_RU_TASK RES";
  /** Whether the links are joined (the engine's own condition for it) and whether outer: set before {@code from}. */
  private static final String JOIN_KIND = "<bind name=\"SHISAKU_I_OUTER\" value=\"false\" />"
      + "<bind name=\"SHISAKU_I_JOIN\" value=\"false\" />" + QUERIES_LOOP
      + "<if test=\"query != null &amp;&amp; (query.isOrQueryActive || query.involvedUser != null)\">"
      + "<bind name=\"SHISAKU_I_OUTER\" value=\"true\" /></if>"
      + "<if test=\"query != null &amp;&amp; (query.candidateUser != null || query.candidateGroups != null"
      + " || query.candidateGroupLike != null || query.withCandidateGroups || query.withCandidateUsers)\">"
      + "<bind name=\"SHISAKU_I_JOIN\" value=\"true\" /></if></foreach>";
  private static final Logger LOG = LoggerFactory.getLogger(H2TaskQueries.class);

  private H2TaskQueries() {}

  /**
   * The indexes a task query by candidacy is pinned to on H2, each null where missing: the tasks' key, their
   * creation time (a list ordered by it alone), the count's {@link #TASK_CANDIDACY_INDEX}, and the links' index by
   * task (the walk's links).
   */
  record Pins(String byKey, String byCreateTime, String forCount, String linksByTask) {}

  /** Once the engine is built (its schema exists): the indexes and the statements, for this engine's H2 database. */
  static void register(ProcessEngineConfigurationImpl configuration) {
    if (!DbSqlSessionFactory.H2.equals(configuration.getDatabaseType())) {
      return;
    }
    createIndexes(configuration);
    String task = table(configuration, "ACT_RU_TASK");
    // The links' index by task: the one H2 made for the engine's foreign key (a generated name).
    String linksByTask = index(configuration, table(configuration, "ACT_RU_IDENTITYLINK"), "INDEX_NAME IN (SELECT"
        + " INDEX_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS C WHERE C.TABLE_SCHEMA = SCHEMA() AND C.TABLE_NAME ="
        + " INDEXES.TABLE_NAME AND C.COLUMN_NAME = 'TASK_ID_' AND C.ORDINAL_POSITION = 1)");
    Pins pins = new Pins(index(configuration, task, "INDEX_TYPE_NAME = 'PRIMARY KEY'"),
        index(configuration, task, "INDEX_NAME = '" + CREATE_TIME_INDEX + "'"),
        index(configuration, task, "INDEX_NAME = '" + TASK_CANDIDACY_INDEX + "'"), linksByTask);
    if (pins.byKey() == null || pins.byCreateTime() == null || pins.forCount() == null || linksByTask == null) {
      LOG.warn("Task-query indexes missing on H2 ({}); task queries by candidacy read tasks and links by any index", pins);
    }
    String mapper = mapper(engineMapping(), pins);
    if (mapper == null) {
      LOG.warn("Camunda's Task.xml no longer has the expected identity-link join; H2 task queries keep the engine's");
      return;
    }
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    new XMLMapperBuilder(new ByteArrayInputStream(mapper.getBytes(StandardCharsets.UTF_8)), mybatis,
        "shisaku:" + H2TaskQueries.class.getName(), mybatis.getSqlFragments()).parse();
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    // A copy for this engine: the engine's map of database-specific statements is shared by every engine.
    Map<String, String> mappings = sessions.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(sessions.getStatementMappings());
    mappings.put("selectTaskByQueryCriteria", LIST);
    mappings.put("selectTaskCountByQueryCriteria", COUNT);
    sessions.setStatementMappings(mappings);
  }

  /**
   * The engine's two task-query statements and their criteria, renamed, with the join replaced and, where the links
   * are inner-joined, the tasks read by the pinned indexes (a null pin: by any index); or null.
   */
  static String mapper(String engine, Pins pins) {
    String list = element(engine, "<select id=\"selectTaskByQueryCriteria\"", "</select>");
    String count = element(engine, "<select id=\"selectTaskCountByQueryCriteria\"", "</select>");
    String criteria = element(engine, "<sql id=\"selectTaskByQueryCriteriaSql\">", "</sql>");
    if (list == null || count == null || criteria == null || count(criteria, ENGINE_JOIN) != 1
        || count(criteria, QUERIES_LOOP) != 1 || count(criteria, ENGINE_FROM) != 1) {
      return null;
    }
    boolean walk = pins.byKey() != null && pins.byCreateTime() != null && pins.linksByTask() != null;
    // A walk binds SHISAKU_WALK before the task table; its links are then read by task only, or H2 may start from
    // the group's links and scan the creation-time index once for each (seen without the tenant check: minutes).
    String listPin = pins.byKey() == null ? "" : !walk ? useIndex(pins.byKey())
        : "<choose><when test=\"SHISAKU_WALK\">" + useIndex(pins.byCreateTime()) + "</when><otherwise>"
            + useIndex(pins.byKey()) + "</otherwise></choose>";
    String listBind = !walk ? "" : "<bind name=\"SHISAKU_WALK\" value=\"SHISAKU_I_JOIN and !SHISAKU_I_OUTER and @"
        + H2TaskQueries.class.getName() + "@byCreateTimeAlone(orderingProperties)\" />";
    String listLinks = !walk ? "" : "<if test=\"SHISAKU_WALK\">" + useIndex(pins.linksByTask()) + "</if>";
    String countPin = pins.forCount() != null ? useIndex(pins.forCount())
        : pins.byKey() != null ? useIndex(pins.byKey()) : "";
    String statements = (list.replace("id=\"selectTaskByQueryCriteria\"", "id=\"" + LIST + "\"")
        .replace("refid=\"selectTaskByQueryCriteriaSql\"", "refid=\"" + LIST_CRITERIA + "\"") + "\n"
        + count.replace("id=\"selectTaskCountByQueryCriteria\"", "id=\"" + COUNT + "\"")
        .replace("refid=\"selectTaskByQueryCriteriaSql\"", "refid=\"" + COUNT_CRITERIA + "\""))
        .replace("refid=\"columnSelection\"", "refid=\"" + ENGINE_NAMESPACE + ".columnSelection\"")
        .replace("resultMap=\"taskResultMap\"", "resultMap=\"" + ENGINE_NAMESPACE + ".taskResultMap\"");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
        + "<!DOCTYPE mapper PUBLIC \"-//mybatis.org//DTD Mapper 3.0//EN\" \"http://mybatis.org/dtd/mybatis-3-mapper.dtd\">\n"
        + "<mapper namespace=\"" + H2TaskQueries.class.getName() + "\">\n" + statements + "\n"
        + criteria(criteria, LIST_CRITERIA, listBind, listPin, listLinks) + "\n"
        + criteria(criteria, COUNT_CRITERIA, "", countPin, "") + "\n</mapper>\n";
  }

  /** The engine's criteria as {@code id}: the links joined as {@link #JOIN} says, the tasks and links read by the pins. */
  private static String criteria(String engineCriteria, String id, String bind, String taskPin, String linkPin) {
    String from = JOIN_KIND + bind + ENGINE_FROM
        + (taskPin.isEmpty() ? "" : "<if test=\"SHISAKU_I_JOIN and !SHISAKU_I_OUTER\">" + taskPin + "</if>");
    return engineCriteria.replace(ENGINE_JOIN, JOIN.replace(LINKS, LINKS + linkPin)).replace(ENGINE_FROM, from)
        .replace("<sql id=\"selectTaskByQueryCriteriaSql\">", "<sql id=\"" + id + "\">");
  }

  private static String useIndex(String index) {
    return " USE INDEX (" + index + ")";
  }

  /** Whether a list is ordered by the tasks' creation time and nothing else (either way): Tasklist's order. */
  public static boolean byCreateTimeAlone(List<QueryOrderingProperty> ordering) {
    return ordering != null && ordering.size() == 1 && ordering.get(0).getRelation() == null
        && TaskQueryProperty.CREATE_TIME.getName().equals(ordering.get(0).getQueryProperty().getName());
  }

  private static void createIndexes(ProcessEngineConfigurationImpl configuration) {
    if ("false".equals(configuration.getDatabaseSchemaUpdate())) {
      return;
    }
    String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    try (java.sql.Connection connection = configuration.getDataSource().getConnection();
        java.sql.Statement sql = connection.createStatement()) {
      for (String statement : INDEXES) {
        sql.execute(statement.formatted(prefix));
      }
    } catch (java.sql.SQLException e) {
      LOG.warn("Could not create the task-query indexes on H2: {}", e.getMessage());
    }
  }

  private static String table(ProcessEngineConfigurationImpl configuration, String name) {
    String table = configuration.getDatabaseTablePrefix() + name;
    return table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table;
  }

  /** H2's name of an index of {@code table} meeting {@code condition} (e.g. the generated {@code PRIMARY_KEY_7}); null if none. */
  static String index(ProcessEngineConfigurationImpl configuration, String table, String condition) {
    try (java.sql.Connection connection = configuration.getDataSource().getConnection();
        java.sql.PreparedStatement query = connection.prepareStatement("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
            + " WHERE TABLE_NAME = ? AND TABLE_SCHEMA = SCHEMA() AND " + condition)) {
      query.setString(1, table.toUpperCase(java.util.Locale.ROOT));
      try (java.sql.ResultSet row = query.executeQuery()) {
        String name = row.next() ? row.getString(1) : null;
        // Only a plain name goes into the statement's text.
        return name != null && name.matches("[A-Za-z0-9_]+") ? name : null;
      }
    } catch (java.sql.SQLException e) {
      LOG.warn("Could not read the indexes of {} on H2: {}", table, e.getMessage());
      return null;
    }
  }

  static String engineMapping() {
    try (InputStream in = DbSqlSessionFactory.class.getClassLoader().getResourceAsStream(ENGINE_MAPPING)) {
      if (in == null) {
        throw new IllegalStateException("No " + ENGINE_MAPPING + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String element(String xml, String start, String end) {
    int from = xml.indexOf(start);
    if (from < 0 || xml.indexOf(start, from + 1) >= 0) {
      return null;
    }
    int to = xml.indexOf(end, from);
    return to < 0 ? null : xml.substring(from, to + end.length());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
