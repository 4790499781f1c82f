package jp.shisakuflow.tasklist;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.security.Grants;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters every role starts with, created at start-up when missing (by name) and shared
 * with the roles that use them. They are the only filters that may hold expressions such as
 * {@code ${currentUser()}}: the REST API refuses expressions from requests.
 * <p>They order nothing themselves: the engine would put a filter's order before the one Tasklist's sort header
 * sends, and the header would then name an order the list does not have. Tasklist opens sorted by due date
 * (tasklist-plugin.js), and a person's choice in the header is the list's order. Filters saved with an order
 * (before this) lose it at start-up.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class TasklistFilters implements ApplicationRunner {

  public static final String MY_TASKS = "自分のタスク";
  public static final String DEPARTMENT_TASKS = "部署のタスク";
  public static final String OVERDUE = "期限切れ";
  public static final String DUE_THIS_WEEK = "今週が期限";
  public static final String ALL_TASKS = "全件";
  static final String OWNER = "admin";
  private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

  /** One filter: its name, its place in the list, its query and who sees it. */
  record FilterSpec(String name, int priority, String description, Supplier<TaskQuery> query, List<String> groups) {}

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;

  public TasklistFilters(FilterService filterService, TaskService taskService,
      AuthorizationService authorizationService) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
  }

  List<FilterSpec> specs() {
    List<String> everyone = java.util.Arrays.stream(OrganizationGroup.values())
        .filter(g -> g != OrganizationGroup.AUDITORS).map(OrganizationGroup::id).toList();
    return List.of(
        new FilterSpec(MY_TASKS, -10, "自分が担当しているタスク",
            () -> taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"),
            everyone),
        new FilterSpec(DEPARTMENT_TASKS, -9, "自分の部署 (グループ) のタスク",
            () -> taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks(),
            everyone),
        new FilterSpec(OVERDUE, -8, "期限を過ぎた部署のタスク",
            () -> taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks().dueBeforeExpression("${now()}"),
            everyone),
        new FilterSpec(DUE_THIS_WEEK, -7, "7日以内に期限が来る部署のタスク",
            () -> taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks().dueAfterExpression("${now()}")
                .dueBeforeExpression("${dateTime().plusDays(7).toDate()}"),
            everyone),
        new FilterSpec(ALL_TASKS, -6, "すべてのタスク (管理者)",
            () -> taskService.createTaskQuery(),
            List.of(OrganizationGroup.MANAGERS.id(), OrganizationGroup.ADMINISTRATORS.id())));
  }

  @Override
  public void run(ApplicationArguments args) {
    int created = 0;
    for (FilterSpec spec : specs()) {
      Filter filter = filterService.createFilterQuery().filterName(spec.name()).singleResult();
      if (filter == null) {
        filter = filterService.newTaskFilter(spec.name())
            .setOwner(OWNER)
            .setQuery(spec.query().get())
            .setProperties(Map.of("priority", spec.priority(), "description", spec.description(),
                "refresh", true, "variables", List.of(Map.of("name", "title", "label", "施策"))));
        filterService.saveFilter(filter);
        created++;
      } else if (filter.getQuery() instanceof TaskQueryImpl query && !query.getOrderingProperties().isEmpty()) {
        filterService.saveFilter(filter.setQuery(spec.query().get()));
        log.info("Tasklist filter {}: its own order removed (Tasklist's sort header orders the list)", spec.name());
      }
      for (String group : spec.groups()) {
        grantRead(filter.getId(), group);
      }
    }
    log.info("Tasklist filters: {} created", created);
  }

  private void grantRead(String filterId, String group) {
    Grants.ensure(authorizationService, group, Resources.FILTER, filterId, List.of(Permissions.READ));
  }
}
