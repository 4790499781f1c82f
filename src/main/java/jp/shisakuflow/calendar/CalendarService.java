package jp.shisakuflow.calendar;

import java.time.LocalDate;
import java.util.List;
import jp.shisakuflow.plan.CityCalendar;
import jp.shisakuflow.plan.FiscalYearPlan;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanStore;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;

/**
 * The milestones of every running plan and the due dates of open tasks, as an iCalendar feed
 * (all-day events), optionally for one group.
 */
@Service
public class CalendarService {

  static final int MAX_TASKS = 2000;
  static final String UID_DOMAIN = "@shisakuflow";

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final PlanStore planStore;

  public CalendarService(RuntimeService runtimeService, TaskService taskService, PlanStore planStore) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.planStore = planStore;
  }

  public Calendar calendar(String group) {
    Calendar calendar = new Calendar()
        .add(new ProdId("-//Shisaku Flow//施策フロー//JA"))
        .add(ImmutableVersion.VERSION_2_0)
        .add(ImmutableCalScale.GREGORIAN)
        .add(new XProperty("X-WR-CALNAME", group == null ? "施策フロー" : "施策フロー (" + group + ")"));
    for (ProcessInstance planInstance : runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(FiscalYearPlan.PROCESS_KEY).active().list()) {
      var vars = runtimeService.getVariables(planInstance.getId(), List.of(FiscalYearPlan.Var.PLAN_DEPLOYMENT_ID,
          FiscalYearPlan.Var.PLAN_RESOURCE, FiscalYearPlan.Var.FISCAL_YEAR));
      Plan plan = planStore.load((String) vars.get(FiscalYearPlan.Var.PLAN_DEPLOYMENT_ID),
          (String) vars.get(FiscalYearPlan.Var.PLAN_RESOURCE),
          ((Number) vars.get(FiscalYearPlan.Var.FISCAL_YEAR)).intValue());
      for (Milestone milestone : plan.milestones()) {
        if (group == null || group.equals(milestone.ownerGroup())) {
          calendar.add(milestoneEvent(plan, milestone));
        }
      }
    }
    TaskQuery tasks = taskService.createTaskQuery().active().dueAfter(new java.util.Date(0)).orderByDueDate().asc();
    if (group != null) {
      tasks.taskCandidateGroup(group);
    }
    for (Task task : tasks.listPage(0, MAX_TASKS)) {
      calendar.add(taskEvent(task));
    }
    return calendar;
  }

  static VEvent milestoneEvent(Plan plan, Milestone milestone) {
    VEvent event = new VEvent(milestone.date(), "▲ " + milestone.title());
    event.add(new Uid("milestone-" + plan.fiscalYear() + "-" + plan.id() + "-" + milestone.id() + UID_DOMAIN));
    event.add(new Categories(milestone.kind().labelJa()));
    event.add(new Description(plan.title() + " / " + milestone.kind().labelJa() + " / " + milestone.ownerGroup()));
    return event;
  }

  static VEvent taskEvent(Task task) {
    LocalDate due = CityCalendar.today(task.getDueDate());
    VEvent event = new VEvent(due, "期限: " + task.getName());
    event.add(new Uid("task-" + task.getId() + UID_DOMAIN));
    event.add(new Categories("タスク期限"));
    event.add(new Description("Tasklist: /camunda/app/tasklist/default/#/?task=" + task.getId()));
    return event;
  }
}
