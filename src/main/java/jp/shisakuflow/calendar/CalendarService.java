package jp.shisakuflow.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.initiative.PhasePlanCodec;
import jp.shisakuflow.initiative.PhaseTasks;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.organization.PersonName;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanStore;
import jp.shisakuflow.plan.PlannedInitiative;
import jp.shisakuflow.time.BusinessDays;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.ScheduleDate;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import java.util.function.Supplier;
import jp.shisakuflow.organization.CityScope;
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
  private static final DateTimeFormatter DAY_JA = DateTimeFormatter.ofPattern("M月d日（E）", Locale.JAPANESE);

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final PlanStore planStore;
  private final IdentityService identityService;
  private final BusinessDays businessDays;

  private final CityScope cities;

  public CalendarService(RuntimeService runtimeService, TaskService taskService, PlanStore planStore,
      IdentityService identityService, BusinessDays businessDays, CityScope cities) {
    this.cities = cities;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.planStore = planStore;
    this.identityService = identityService;
    this.businessDays = businessDays;
  }

  /** The user as a calendar's viewer: their groups from the identity service (database or directory). */
  public CalendarViewer viewer(String userId) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    List<String> cities = jp.shisakuflow.organization.Cities.of(identityService, userId);
    User user = identityService.createUserQuery().userId(userId).singleResult();
    return new CalendarViewer(userId, groups, cities, PersonName.of(user, userId));
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
    String name = calendarName(viewer, group);
    // NAME (RFC 7986) for current clients, X-WR-CALNAME for Outlook, Google and Apple, which read only that.
    Calendar calendar = new Calendar()
        .add(new ProdId("-//Shisaku Flow//施策フロー//JA"))
        .add(ImmutableVersion.VERSION_2_0)
        .add(ImmutableCalScale.GREGORIAN)
        .add(new Name(name))
        .add(new XProperty("X-WR-CALNAME", name));
    for (ProcessInstance planInstance : plansOfCities(viewer)) {
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
    List<Task> tasks = visibleTasks(viewer, group);
    Map<String, List<PlannedPhase>> phasePlans = phasePlans(tasks);
    for (Task task : tasks) {
      calendar.add(taskEvent(businessDays, task, phaseOf(task, phasePlans.getOrDefault(task.getProcessInstanceId(), List.of()))));
    }
    return calendar;
  }

  /**
   * The running plans of the viewer's cities, and plans of no city (an administrator's: every city's), as the
   * engine's tenant check reads them.
   */
  private List<ProcessInstance> plansOfCities(CalendarViewer viewer) {
    Supplier<List<ProcessInstance>> plans = () -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(FiscalYearPlan.PROCESS_KEY).active().list();
    return viewer.memberOf(jp.shisakuflow.organization.OrganizationGroup.ADMINISTRATORS.id()) ? plans.get()
        : cities.call(viewer.userId(), viewer.tenantIds(), plans);
  }

  /**
   * What a subscriber's calendar app calls the feed, in people's words: 「施策フロー 高津区役所」 for a group's feed,
   * 「施策フロー 」 and the user's name (姓 名) for their own.
   */
  String calendarName(CalendarViewer viewer, String group) {
    return "施策フロー " + (group == null ? viewer.displayName() : groupName(group));
  }

  /** The planned phases of the tasks' instances, in one query. */
  private Map<String, List<PlannedPhase>> phasePlans(List<Task> tasks) {
    String[] instances = tasks.stream().map(Task::getProcessInstanceId).filter(Objects::nonNull).distinct()
        .toArray(String[]::new);
    Map<String, List<PlannedPhase>> plans = new HashMap<>();
    if (instances.length == 0) {
      return plans;
    }
    runtimeService.createVariableInstanceQuery().variableName(InitiativeLifecycle.Var.PHASE_PLAN)
        .processInstanceIdIn(instances).list()
        .forEach(v -> plans.put(v.getProcessInstanceId(), PhasePlanCodec.read(v.getValue())));
    return plans;
  }

  /**
   * The planned phase a task stands for: a stage's task its stage's phase; a step's task the step of that name due
   * that day. Empty for other tasks (decisions, delays, milestones' tasks, tasks outside any plan).
   */
  static Optional<PlannedPhase> phaseOf(Task task, List<PlannedPhase> phases) {
    String key = task.getTaskDefinitionKey();
    if (key == null || task.getDueDate() == null) {
      return Optional.empty();
    }
    Optional<Stage> stage = Stage.ofTask(key);
    if (stage.isPresent()) {
      return phases.stream().filter(p -> p.stage() == stage.get()).findFirst();
    }
    LocalDate due = CityTime.today(task.getDueDate());
    return key.equals(InitiativeSteps.Element.TASK_STEP)
        ? phases.stream().filter(p -> PhaseTasks.namesStep(task.getName(), p.name()) && p.endDay().equals(due)).findFirst()
        : Optional.empty();
  }

  /** A vague end in words, as a due date: 「第2四半期中」「7月中」「7月頃」「10月以降、年度内」. */
  static String withinText(ScheduleDate end) {
    String text = end.textJa();
    return end.about() || text.endsWith("内") ? text : text + "中";
  }

  /** Open tasks with a due date, as the engine shows them to the viewer (its authorization check applies). */
  private List<Task> visibleTasks(CalendarViewer viewer, String group) {
    Authentication previous = identityService.getCurrentAuthentication();
    identityService.setAuthentication(viewer.userId(), viewer.groupIds(), viewer.tenantIds());
    try {
      TaskQuery tasks = taskService.createTaskQuery().active().dueAfter(new java.util.Date(0)).orderByDueDate().asc();
      if (group != null) {
        tasks.taskCandidateGroup(group);
      }
      return jp.shisakuflow.organization.DoorCheckedCommands.withPermissionChecks(() -> tasks.listPage(0, MAX_TASKS));
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
    String items = String.join("、", milestone.about().stream()
        .map(id -> plan.initiative(id).map(PlannedInitiative::title).orElse(id)).toList());
    event.add(new Description(plan.title() + " / " + milestone.kind().labelJa() + " / " + ownerName
        + (date.isExact() ? "" : " / 日程: " + date.textJa()) + (items.isEmpty() ? "" : " / 関係する取組: " + items)));
    return event;
  }

  /**
   * A task's due date as an all-day event. The due day of a phase whose end the plan gives vaguely is the last
   * day of that end's window, no appointment: the summary says the window (「期限: 調整（第2四半期中）」) and the
   * event blocks no time.
   */
  static VEvent taskEvent(BusinessDays businessDays, Task task, Optional<PlannedPhase> phase) {
    LocalDate due = CityTime.today(task.getDueDate());
    Optional<ScheduleDate> vagueEnd = phase.map(PlannedPhase::end).filter(end -> !end.isExact());
    VEvent event = new VEvent(due, "期限: " + task.getName()
        + vagueEnd.map(end -> "（" + withinText(end) + "）").orElse(""));
    if (vagueEnd.isPresent()) {
      event.add(ImmutableTransp.TRANSPARENT);
    }
    event.add(new Uid("task-" + task.getId() + UID_DOMAIN));
    event.add(new Categories("タスク期限"));
    String description = task.getDescription() == null ? "" : task.getDescription() + "\n";
    event.add(new Description(description + "Tasklist: /camunda/app/tasklist/default/#/?task=" + task.getId()));
    event.add(reminder(businessDays, due, task.getName()));
    return event;
  }

  /** The day a due date is reminded of: the business day before it (weekends and public holidays skipped). */
  static LocalDate reminderDay(BusinessDays businessDays, LocalDate due) {
    return businessDays.businessDayBefore(due);
  }

  /**
   * A display reminder when the offices open on the working day before the due day. The trigger is relative to the
   * all-day event's start (midnight of the due day, in the reader's own zone), as every client reads it:
   * a Monday's due date reminds on Friday at 8:30 ({@code -P2DT15H30M}).
   */
  static VAlarm reminder(BusinessDays businessDays, LocalDate due, String taskName) {
    Duration before = Duration.between(reminderDay(businessDays, due).atTime(CityTime.START_OF_OFFICE_DAY), due.atStartOfDay());
    VAlarm alarm = new VAlarm(before.negated());
    alarm.add(ImmutableAction.DISPLAY);
    alarm.add(new Description("期限は " + DAY_JA.format(due) + " です: " + taskName));
    return alarm;
  }
}
