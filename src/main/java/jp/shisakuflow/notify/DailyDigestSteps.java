package jp.shisakuflow.notify;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import jp.shisakuflow.time.BusinessDays;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What the {@code daily-digest} model's service tasks call ({@code ${dailyDigest.…}}): thin, the work is elsewhere. */
@Component("dailyDigest")
public class DailyDigestSteps {

  private static final Logger log = LoggerFactory.getLogger(DailyDigestSteps.class);

  private final BusinessDays businessDays;
  private final TaskNotifications notifications;

  public DailyDigestSteps(BusinessDays businessDays, TaskNotifications notifications) {
    this.businessDays = businessDays;
    this.notifications = notifications;
  }

  /**
   * Whether the digest goes out: the day its timer was due (not the day a node got round to it) is an office
   * day in the city, neither a weekend nor a public holiday. Records the day as {@link DailyDigest.Var#DIGEST_DAY}.
   */
  public boolean isOfficeDay(DelegateExecution execution) {
    LocalDate day = CityTime.today(dueAt());
    execution.setVariable(DailyDigest.Var.DIGEST_DAY, day.toString());
    boolean officeDay = businessDays.isBusinessDay(day);
    if (!officeDay) {
      log.info("No due-date digest on {}: {}", day, businessDays.holiday(day).orElse("weekend"));
    }
    return officeDay;
  }

  /** The groups a digest may go to: those with an address. */
  public List<String> groups() {
    return notifications.digestGroups();
  }

  /** One group's digest; a mail server that fails fails the job, which the engine retries. */
  public void send(String group) {
    notifications.sendDueDateDigest(group, ClockUtil.getCurrentTime());
  }

  /** When the timer that runs this was due; now, when something else runs it. */
  static Date dueAt() {
    CommandContext context = Context.getCommandContext();
    JobEntity job = context == null ? null : context.getCurrentJob();
    return job instanceof TimerEntity && job.getDuedate() != null ? job.getDuedate() : ClockUtil.getCurrentTime();
  }
}
