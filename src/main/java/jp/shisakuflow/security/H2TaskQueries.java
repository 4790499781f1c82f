package jp.shisakuflow.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
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
 * <p>How: the statements are the engine's own, read from its {@code Task.xml} at start with that one line
 * replaced, registered under other names in this engine's MyBatis configuration and mapped for H2 on this
 * engine's session factory only. Should a Camunda upgrade change that line, the engine's statements stay in
 * use (logged) and {@code H2TaskQueriesTest} fails.
 */
final class H2TaskQueries {

  static final String LIST = "shisakuH2SelectTaskByQueryCriteria";
  static final String COUNT = "shisakuH2SelectTaskCountByQueryCriteria";
  private static final String CRITERIA = "shisakuH2SelectTaskByQueryCriteriaSql";
  private static final String ENGINE_NAMESPACE = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity";
  private static final String ENGINE_MAPPING = "org/camunda/bpm/engine/impl/mapping/entity/Task.xml";
  static final String ENGINE_JOIN = "left join ${prefix}ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_";
  private static final String JOIN = "<choose><when test=\"SHISAKU_I_OUTER\">left join</when>"
      + "<otherwise>inner join</otherwise></choose> ${prefix}ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_";
  private static final String QUERIES_LOOP = "<foreach collection=\"queries\" item=\"query\">";
  private static final Logger LOG = LoggerFactory.getLogger(H2TaskQueries.class);

  private H2TaskQueries() {}

  static void register(ProcessEngineConfigurationImpl configuration) {
    if (!DbSqlSessionFactory.H2.equals(configuration.getDatabaseType())) {
      return;
    }
    String mapper = mapper(engineMapping());
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

  /** The engine's two task-query statements and their criteria, renamed, with the join replaced; or null. */
  static String mapper(String engine) {
    String list = element(engine, "<select id=\"selectTaskByQueryCriteria\"", "</select>");
    String count = element(engine, "<select id=\"selectTaskCountByQueryCriteria\"", "</select>");
    String criteria = element(engine, "<sql id=\"selectTaskByQueryCriteriaSql\">", "</sql>");
    if (list == null || count == null || criteria == null || count(criteria, ENGINE_JOIN) != 1
        || count(criteria, QUERIES_LOOP) != 1) {
      return null;
    }
    criteria = criteria.replace(ENGINE_JOIN, JOIN)
        .replace("<sql id=\"selectTaskByQueryCriteriaSql\">", "<sql id=\"" + CRITERIA + "\">"
            + "<bind name=\"SHISAKU_I_OUTER\" value=\"false\" />")
        .replace(QUERIES_LOOP, QUERIES_LOOP + "<if test=\"query != null &amp;&amp; (query.isOrQueryActive"
            + " || query.involvedUser != null)\"><bind name=\"SHISAKU_I_OUTER\" value=\"true\" /></if>");
    String statements = (list.replace("id=\"selectTaskByQueryCriteria\"", "id=\"" + LIST + "\"") + "\n"
        + count.replace("id=\"selectTaskCountByQueryCriteria\"", "id=\"" + COUNT + "\""))
        .replace("refid=\"selectTaskByQueryCriteriaSql\"", "refid=\"" + CRITERIA + "\"")
        .replace("refid=\"columnSelection\"", "refid=\"" + ENGINE_NAMESPACE + ".columnSelection\"")
        .replace("resultMap=\"taskResultMap\"", "resultMap=\"" + ENGINE_NAMESPACE + ".taskResultMap\"");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
        + "<!DOCTYPE mapper PUBLIC \"-//mybatis.org//DTD Mapper 3.0//EN\" \"http://mybatis.org/dtd/mybatis-3-mapper.dtd\">\n"
        + "<mapper namespace=\"" + H2TaskQueries.class.getName() + "\">\n" + statements + "\n" + criteria + "\n</mapper>\n";
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
