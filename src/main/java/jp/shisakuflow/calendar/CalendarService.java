package jp.shisakuflow.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanStore;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.ScheduleDate;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;

/**
 * The milestones of the running plans and the due dates of open tasks, as an iCalendar feed (all-day
 * events), of what one {@link CalendarViewer} may see, optionally narrowed to one of their groups. Tasks
 * come from a task query run as the viewer (user and groups), so the engine's authorizations decide.
 */
@Service
public class CalendarService {

  static final int MAX_TASKS = 2000;
  static final String UID_DOMAIN = "@shisakuflow";

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final PlanStore planStore;
  private final IdentityService identityService;

  public CalendarService(RuntimeService runtimeService, TaskService taskService, PlanStore planStore,
      IdentityService identityService) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.planStore = planStore;
    this.identityService = identityService;
  }

  /** The user as a calendar's viewer: their groups from the identity service (database or directory). */
  public CalendarViewer viewer(String userId) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    User user = identityService.createUserQuery().userId(userId).singleResult();
    String name = user == null ? userId : Stream.of(user.getLastName(), user.getFirstName())
        .filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(" "));
    return new CalendarViewer(userId, groups, name.isBlank() ? userId : name);
  }

  /** The group's name for people: 高津区役所 for wardTakatsu. */
  public String groupName(String groupId) {
    return OrganizationGroup.fromId(groupId).map(OrganizationGroup::nameJa).orElseGet(() -> {
      Group group = identityService.createGroupQuery().groupId(groupId).singleResult();
      return group == null || group.getName() == null ? groupId : group.getName();
    });
  }

  /**
   * @param group null, or one of the viewer's groups (the caller checks): then only that group's milestones
   *              and the tasks it is a candidate for
   */
  public Calendar calendar(CalendarViewer viewer, String group) {
    if (group != null && !viewer.memberOf(group)) {
      throw new IllegalArgumentException("not a member of " + group);
    }
    Calendar calendar = new Calendar()
        .add(new ProdId("-//Shisaku Flow//施策フロー//JA"))
        .add(ImmutableVersion.VERSION_2_0)
        .add(ImmutableCalScale.GREGORIAN)
        .add(new XProperty("X-WR-CALNAME", "施策フロー " + (group == null ? viewer.displayName() : groupName(group))));
    for (ProcessInstance planInstance : runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(FiscalYearPlan.PROCESS_KEY).active().list()) {
      var vars = runtimeService.getVariables(planInstance.getId(), List.of(FiscalYearPlan.Var.PLAN_DEPLOYMENT_ID,
          FiscalYearPlan.Var.PLAN_RESOURCE, FiscalYearPlan.Var.FISCAL_YEAR));
      Plan plan = planStore.load(FiscalYearPlan.Typed.PLAN_DEPLOYMENT_ID.from(vars),
          FiscalYearPlan.Typed.PLAN_RESOURCE.from(vars), FiscalYearPlan.Typed.FISCAL_YEAR.from(vars));
      for (Milestone milestone : plan.milestones()) {
        if (group == null ? viewer.seesMilestoneOf(milestone.ownerGroup()) : group.equals(milestone.ownerGroup())) {
          calendar.add(milestoneEvent(plan, milestone, groupName(milestone.ownerGroup())));
        }
      }
    }
    for (Task task : visibleTasks(viewer, group)) {
      calendar.add(taskEvent(task));
    }
    return calendar;
  }

  /** Open tasks with a due date, as the engine shows them to the viewer (its authorization check applies). */
  private List<Task> visibleTasks(CalendarViewer viewer, String group) {
    Authentication previous = identityService.getCurrentAuthentication();
    identityService.setAuthentication(viewer.userId(), viewer.groupIds());
    try {
      TaskQuery tasks = taskService.createTaskQuery().active().dueAfter(new java.util.Date(0)).orderByDueDate().asc();
      if (group != null) {
        tasks.taskCandidateGroup(group);
      }
      return tasks.listPage(0, MAX_TASKS);
    } finally {
      if (previous == null) {
        identityService.clearAuthentication();
      } else {
        identityService.setAuthentication(previous);
      }
    }
  }

  static VEvent milestoneEvent(Plan plan, Milestone milestone, String ownerName) {
    ScheduleDate date = milestone.date();
    // An exact day is an appointment; a vague date spans its whole window, says so, and blocks no time.
    VEvent event = date.isExact() ? new VEvent(date.first(), "▲ " + milestone.title())
        : new VEvent(date.first(), date.last().plusDays(1), "▲ " + milestone.title() + "（" + date.textJa() + "）");
    if (!date.isExact()) {
      event.add(ImmutableTransp.TRANSPARENT);
    }
    event.add(new Uid("milestone-" + plan.fiscalYear() + "-" + plan.id() + "-" + milestone.id() + UID_DOMAIN));
    event.add(new Categories(milestone.kind().labelJa()));
    event.add(new Description(plan.title() + " / " + milestone.kind().labelJa() + " / " + ownerName));
    return event;
  }

  static VEvent taskEvent(Task task) {
    LocalDate due = CityTime.today(task.getDueDate());
    VEvent event = new VEvent(due, "期限: " + task.getName());
    event.add(new Uid("task-" + task.getId() + UID_DOMAIN));
    event.add(new Categories("タスク期限"));
    event.add(new Description("Tasklist: /camunda/app/tasklist/default/#/?task=" + task.getId()));
    return event;
  }
}
