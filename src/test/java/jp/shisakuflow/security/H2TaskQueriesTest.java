package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On H2 a task query by candidacy joins the identity links with an inner join (H2TaskQueries): it answers
 * exactly what the engine's own statement answers, for every kind of candidacy query, and it reads only the
 * group's tasks where the engine's reads every open task (EXPLAIN ANALYZE, H2's result cache off).
 */
@ApiTest
class H2TaskQueriesTest {

  private static final String GROUP_A = "h2shape-a";
  private static final String GROUP_B = "h2shape-b";
  private static final String USER = "h2shape-u";
  private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

  @Autowired ProcessEngine engine;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;

  private final List<String> created = new ArrayList<>();

  @AfterEach
  void deleteTasks() {
    created.forEach(id -> taskService.deleteTask(id, true));
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  @Test
  void theEnginesStatementsAreReplacedOnH2() {
    String mapper = H2TaskQueries.mapper(H2TaskQueries.engineMapping(),
        new H2TaskQueries.Pins("PRIMARY_KEY_X", "CREATED_X", "COUNT_X", "LINKS_X"));
    assertThat(mapper).as("Camunda's Task.xml still joins the identity links as H2TaskQueries expects").isNotNull()
        .contains("<otherwise>inner join</otherwise>").doesNotContain(H2TaskQueries.ENGINE_JOIN)
        .contains("@" + H2TaskQueries.class.getName() + "@byCreateTimeAlone(orderingProperties)")
        .contains("<when test=\"SHISAKU_WALK\"> USE INDEX (CREATED_X)</when><otherwise> USE INDEX (PRIMARY_KEY_X)</otherwise>")
        .contains("ACT_RU_IDENTITYLINK I<if test=\"SHISAKU_WALK\"> USE INDEX (LINKS_X)</if> on")
        .contains(H2TaskQueries.ENGINE_FROM + "<if test=\"SHISAKU_I_JOIN and !SHISAKU_I_OUTER\"> USE INDEX (COUNT_X)</if>");
    assertThat(H2TaskQueries.index(configuration(), "ACT_RU_TASK", "INDEX_TYPE_NAME = 'PRIMARY KEY'"))
        .as("this database's key index of ACT_RU_TASK").startsWith("PRIMARY_KEY");
    assertThat(H2TaskQueries.index(configuration(), "ACT_RU_TASK", "INDEX_NAME = '" + H2TaskQueries.CREATE_TIME_INDEX + "'"))
        .as("Camunda's creation-time index").isEqualTo(H2TaskQueries.CREATE_TIME_INDEX);
    DbSqlSessionFactory sessions = configuration().getDbSqlSessionFactory();
    assertThat(sessions.mapStatement("selectTaskByQueryCriteria")).isEqualTo(H2TaskQueries.LIST);
    assertThat(sessions.mapStatement("selectTaskCountByQueryCriteria")).isEqualTo(H2TaskQueries.COUNT);
  }

  @Test
  void answersWhatTheEnginesStatementAnswers() {
    String a = task("a", t -> taskService.addCandidateGroup(t, GROUP_A));
    String b = task("b", t -> taskService.addCandidateGroup(t, GROUP_B));
    String aAndUser = task("a+u", t -> {
      taskService.addCandidateGroup(t, GROUP_A);
      taskService.addCandidateUser(t, USER);
    });
    String assigned = task("a assigned", t -> {
      taskService.addCandidateGroup(t, GROUP_A);
      taskService.setAssignee(t, USER);
    });
    String owned = task("owned", t -> taskService.setOwner(t, USER));
    String none = task("none", t -> { });
    String user = task("u", t -> taskService.addCandidateUser(t, USER));

    Map<String, Supplier<TaskQuery>> queries = new java.util.LinkedHashMap<>();
    queries.put("candidate group", () -> mine().taskCandidateGroup(GROUP_A));
    queries.put("candidate groups", () -> mine().taskCandidateGroupIn(List.of(GROUP_A, GROUP_B)));
    queries.put("candidate user", () -> mine().taskCandidateUser(USER));
    queries.put("candidate group, assigned too", () -> mine().taskCandidateGroup(GROUP_A).includeAssignedTasks());
    queries.put("group like", () -> mine().taskCandidateGroupLike("h2shape-%"));
    queries.put("with candidate groups", () -> mine().withCandidateGroups());
    queries.put("without candidate groups", () -> mine().withoutCandidateGroups());
    queries.put("involved user", () -> mine().taskInvolvedUser(USER));
    queries.put("or: group or assignee", () -> mine().or().taskCandidateGroup(GROUP_B).taskAssignee(USER).endOr());
    queries.put("or: user or group", () -> mine().or().taskCandidateUser(USER).taskCandidateGroup(GROUP_B).endOr());
    queries.put("none", () -> mine());

    Map<String, List<String>> withInnerJoin = answers(queries);
    Map<String, List<String>> engines = withEnginesStatements(() -> answers(queries));
    assertThat(withInnerJoin).isEqualTo(engines);
    // And what they answer is what the links say (not two equally wrong answers).
    assertThat(withInnerJoin.get("candidate group")).containsExactlyInAnyOrder(a, aAndUser);
    assertThat(withInnerJoin.get("candidate group, assigned too")).containsExactlyInAnyOrder(a, aAndUser, assigned);
    assertThat(withInnerJoin.get("candidate groups")).containsExactlyInAnyOrder(a, b, aAndUser);
    assertThat(withInnerJoin.get("candidate user")).containsExactlyInAnyOrder(aAndUser, user);
    assertThat(withInnerJoin.get("involved user")).containsExactlyInAnyOrder(aAndUser, assigned, owned, user);
    assertThat(withInnerJoin.get("or: group or assignee")).containsExactlyInAnyOrder(b, assigned);
    assertThat(withInnerJoin.get("without candidate groups")).containsExactlyInAnyOrder(owned, none, user);
  }

  @Test
  void aWardsOwnListAsTheWardSeesItIsTheEnginesAnswer() {
    TestUsers.ensure(identityService, "h2shapetakatsu", OrganizationGroup.WARD_TAKATSU);
    for (int i = 0; i < 3; i++) {
      initiatives.startIfAbsent(InitiativeStart.unplanned("h2shape-" + i, "H2 の形 " + i, "other",
          OrganizationGroup.WARD_TAKATSU.id(), 2095));
    }
    List<String> groups = List.of(OrganizationGroup.WARD_TAKATSU.id());
    Map<String, Supplier<TaskQuery>> queries = Map.of(
        "the ward's list", () -> taskService.createTaskQuery().taskCandidateGroupIn(groups).orderByTaskCreateTime().desc(),
        "the ward's or-list", () -> taskService.createTaskQuery().or().taskCandidateGroupIn(groups)
            .taskCandidateGroupIn(groups).endOr().orderByTaskCreateTime().desc());
    identityService.setAuthentication("h2shapetakatsu", groups, List.of(jp.shisakuflow.organization.City.SEED.tenantId()));
    try {
      Map<String, List<String>> withInnerJoin = answers(queries);
      Map<String, List<String>> engines = withEnginesStatements(() -> answers(queries));
      // Tasks created in the same millisecond may come in either order: the same tasks, each list newest first.
      queries.keySet().forEach(name -> {
        assertThat(withInnerJoin.get(name)).as(name).containsExactlyInAnyOrderElementsOf(engines.get(name));
        assertThat(createTimes(withInnerJoin.get(name))).as(name).isSortedAccordingTo(java.util.Comparator.reverseOrder());
      });
      assertThat(withInnerJoin.get("the ward's list")).hasSizeGreaterThanOrEqualTo(3);
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void readsOnlyTheGroupsTasksWhereTheEngineReadsEveryOpenTask() throws Exception {
    manyTasksOfBFewOfA();
    // The candidacy filter asks for unassigned tasks, which H2 may find by the assignee's index: other tests'
    // assigned tasks in this shared database are then not read by either statement.
    long open = taskService.createTaskQuery().taskUnassigned().count();
    long innerJoin = tasksScanned(H2TaskQueries.COUNT);
    long engines = tasksScanned("selectTaskCountByQueryCriteria");
    assertThat(engines).as("the engine's LEFT JOIN reads every unassigned open task").isGreaterThanOrEqualTo(open);
    assertThat(innerJoin).as("the inner join reads the group's 3 tasks (H2 counts a lookup and its end)")
        .isLessThanOrEqualTo(2 * 3 + 1);
    // The same as a member of the group asks it, authorizations checked (the ward's own list).
    identityService.setAuthentication("h2shapemember", List.of(GROUP_A), List.of(jp.shisakuflow.organization.City.SEED.tenantId()));
    try {
      assertThat(tasksScanned("selectTaskCountByQueryCriteria")).isGreaterThanOrEqualTo(open);
      assertThat(tasksScanned(H2TaskQueries.COUNT)).isLessThanOrEqualTo(2 * 3 + 1);
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void aMembersListReadsTheGroupsTasksWhenH2SeesFewDistinctGroups() throws Exception {
    manyTasksOfBFewOfA();
    // H2's statistics as ANALYZE left them at 10k open tasks (BENCHMARKS.md): few distinct groups, link types,
    // assignees and tenants, unique ids. With them and the tenant check of an authenticated query, H2 walked every
    // unassigned open task by the assignee's index (here 204) unless the tasks are read by their key.
    String[] statistics = {"ACT_RU_IDENTITYLINK ALTER COLUMN GROUP_ID_ SELECTIVITY 1",
        "ACT_RU_IDENTITYLINK ALTER COLUMN TYPE_ SELECTIVITY 1", "ACT_RU_IDENTITYLINK ALTER COLUMN TASK_ID_ SELECTIVITY 100",
        "ACT_RU_TASK ALTER COLUMN ID_ SELECTIVITY 100",
        "ACT_RU_TASK ALTER COLUMN ASSIGNEE_ SELECTIVITY 1", "ACT_RU_TASK ALTER COLUMN TENANT_ID_ SELECTIVITY 1"};
    try (Connection connection = configuration().getDataSource().getConnection();
        Statement sql = connection.createStatement()) {
      for (String column : statistics) {
        sql.execute("ALTER TABLE " + column);
      }
      identityService.setAuthentication("h2shapemember", List.of(GROUP_A), List.of(jp.shisakuflow.organization.City.SEED.tenantId()));
      try {
        assertThat(tasksScanned(H2TaskQueries.COUNT)).as("the 3 tasks of the member's group, by their key")
            .isLessThanOrEqualTo(2 * 3 + 1);
        assertThat(tasksScanned(H2TaskQueries.LIST)).isLessThanOrEqualTo(2 * 3 + 1);
      } finally {
        identityService.clearAuthentication();
        sql.execute("ANALYZE TABLE ACT_RU_IDENTITYLINK");
        sql.execute("ANALYZE TABLE ACT_RU_TASK");
      }
    }
  }

  @Test
  void aListNewestFirstReadsTheNewestTasksOnlyAndTheCountNoTaskRow() throws Exception {
    // 100 tasks of A and 100 of B, alternating, created after every other test's tasks (the clock a century on).
    java.time.Instant base = java.time.Instant.parse("2200-01-01T00:00:00Z");
    try {
      for (int i = 0; i < 200; i++) {
        ClockUtil.setCurrentTime(java.util.Date.from(base.plusSeconds(i)));
        String group = i % 2 == 0 ? GROUP_A : GROUP_B;
        task("alternating " + i, t -> taskService.addCandidateGroup(t, group));
      }
    } finally {
      ClockUtil.reset();
    }
    identityService.setAuthentication("h2shapemember", List.of(GROUP_A), List.of(jp.shisakuflow.organization.City.SEED.tenantId()));
    try {
      TaskQueryImpl newest = (TaskQueryImpl) taskService.createTaskQuery().taskCandidateGroup(GROUP_A)
          .orderByTaskCreateTime().desc();
      newest.setFirstResult(0);
      newest.setMaxResults(5);
      assertThat(tasksScanned(H2TaskQueries.LIST, newest)).as("the 10 newest tasks for A's 5 (and the walk's end)")
          .isLessThanOrEqualTo(2 * 10 + 1);
      assertThat(plan(H2TaskQueries.LIST, newest)).as("the walk starts from the tasks, their links read by task")
          .containsPattern("FROM \"PUBLIC\".\"ACT_RU_TASK\" \"RES\" USE INDEX \\(\"" + H2TaskQueries.CREATE_TIME_INDEX + "\"\\)");
      TaskQueryImpl byDueDate = (TaskQueryImpl) taskService.createTaskQuery().taskCandidateGroup(GROUP_A)
          .orderByDueDate().desc();
      assertThat(tasksScanned(H2TaskQueries.LIST, byDueDate)).as("another order: every task of A, by key")
          .isBetween(100L, 2 * 100L + 1);
      String count = plan(H2TaskQueries.COUNT, (TaskQueryImpl) taskService.createTaskQuery().taskCandidateGroup(GROUP_A));
      assertThat(count).as("the count reads the links and the tasks from the indexes holding what it tests")
          .contains("PUBLIC." + H2TaskQueries.LINK_CANDIDACY_INDEX + ":")
          .contains("PUBLIC." + H2TaskQueries.TASK_CANDIDACY_INDEX + ": ID_ = I.TASK_ID_");
      assertThat(taskService.createTaskQuery().taskCandidateGroup(GROUP_A).orderByTaskCreateTime().desc()
          .listPage(0, 5)).extracting(Task::getName)
          .containsExactly("h2shape alternating 198", "h2shape alternating 196", "h2shape alternating 194",
              "h2shape alternating 192", "h2shape alternating 190");
      assertThat(taskService.createTaskQuery().taskCandidateGroup(GROUP_A).orderByTaskCreateTime().asc()
          .listPage(0, 1)).extracting(Task::getName).containsExactly("h2shape alternating 0");
      assertThat(taskService.createTaskQuery().taskCandidateGroup(GROUP_A).count()).isGreaterThanOrEqualTo(100);
    } finally {
      identityService.clearAuthentication();
    }
    // Without an authenticated user (no tenant check) too: at 100k open tasks H2 had started from the group's links
    // and scanned the creation-time index for each until the links were pinned to their index by task.
    TaskQueryImpl unauthenticated = (TaskQueryImpl) taskService.createTaskQuery().taskCandidateGroup(GROUP_A)
        .orderByTaskCreateTime().desc();
    unauthenticated.setFirstResult(0);
    unauthenticated.setMaxResults(5);
    assertThat(plan(H2TaskQueries.LIST, unauthenticated)).containsPattern("FROM \"PUBLIC\".\"ACT_RU_TASK\" \"RES\" USE INDEX");
    assertThat(tasksScanned(H2TaskQueries.LIST, unauthenticated)).isLessThanOrEqualTo(2 * 10 + 1);
  }

  /** 200 open tasks of group B, 3 of group A (the count asked for in {@link #tasksScanned}). */
  private void manyTasksOfBFewOfA() {
    for (int i = 0; i < 200; i++) {
      task("many " + i, t -> taskService.addCandidateGroup(t, GROUP_B));
    }
    for (int i = 0; i < 3; i++) {
      task("few " + i, t -> taskService.addCandidateGroup(t, GROUP_A));
    }
  }

  /** Rows of ACT_RU_TASK H2 reads for the count of the 3 tasks of group A, in EXPLAIN ANALYZE. */
  private long tasksScanned(String statement) {
    return tasksScanned(statement, (TaskQueryImpl) taskService.createTaskQuery().taskCandidateGroup(GROUP_A));
  }

  private long tasksScanned(String statement, TaskQueryImpl query) {
    return scannedOf(plan(statement, query), "\"ACT_RU_TASK\" \"RES\"");
  }

  /** H2's EXPLAIN ANALYZE of the statement for the query, as the current user asks it (H2's result cache off). */
  private String plan(String statement, TaskQueryImpl query) {
    return configuration().getCommandExecutorTxRequired().execute(context -> {
      context.getAuthorizationManager().configureTaskQuery(query);
      context.getTenantManager().configureQuery(query);
      MappedStatement mapped = configuration().getSqlSessionFactory().getConfiguration().getMappedStatement(statement);
      BoundSql sql = mapped.getBoundSql(query);
      Connection connection = context.getSession(DbSqlSession.class).getSqlSession().getConnection();
      try (Statement settings = connection.createStatement()) {
        settings.execute("SET OPTIMIZE_REUSE_RESULTS 0");
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + sql.getSql())) {
          ParameterHandler parameters = new DefaultParameterHandler(mapped, query, sql);
          parameters.setParameters(explain);
          try (ResultSet plan = explain.executeQuery()) {
            plan.next();
            return plan.getString(1);
          }
        } finally {
          settings.execute("SET OPTIMIZE_REUSE_RESULTS 1");
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private List<java.util.Date> createTimes(List<String> taskIds) {
    return taskIds.stream().map(id -> taskService.createTaskQuery().taskId(id).singleResult().getCreateTime()).toList();
  }

  private static long scannedOf(String plan, String table) {
    int at = plan.indexOf(table);
    assertThat(at).as(plan).isNotNegative();
    Matcher scan = SCAN_COUNT.matcher(plan);
    assertThat(scan.find(at)).as(plan).isTrue();
    return Long.parseLong(scan.group(1));
  }

  private TaskQuery mine() {
    return taskService.createTaskQuery().taskNameLike("h2shape %");
  }

  private String task(String name, java.util.function.Consumer<String> links) {
    Task task = taskService.newTask();
    task.setName("h2shape " + name);
    taskService.saveTask(task);
    created.add(task.getId());
    links.accept(task.getId());
    return task.getId();
  }

  /** Ids in the query's order, then the count, per query. */
  private static Map<String, List<String>> answers(Map<String, Supplier<TaskQuery>> queries) {
    Map<String, List<String>> answers = new HashMap<>();
    queries.forEach((name, query) -> {
      List<String> ids = new ArrayList<>(query.get().listPage(0, 1000).stream().map(Task::getId).toList());
      long count = query.get().count();
      assertThat(count).as(name + ": count and list").isEqualTo(ids.size());
      answers.put(name, ids);
    });
    return answers;
  }

  private <T> T withEnginesStatements(Supplier<T> work) {
    DbSqlSessionFactory sessions = configuration().getDbSqlSessionFactory();
    Map<String, String> ours = sessions.getStatementMappings();
    Map<String, String> engines = new HashMap<>(ours);
    engines.remove("selectTaskByQueryCriteria");
    engines.remove("selectTaskCountByQueryCriteria");
    sessions.setStatementMappings(engines);
    try {
      return work.get();
    } finally {
      sessions.setStatementMappings(ours);
    }
  }
}
