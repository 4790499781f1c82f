package jp.shisakuflow.notify;

import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every morning (08:00 in Tokyo by default): the due-date digests. */
@Component
public class DueDateReminder {

  private final TaskNotifications notifications;

  public DueDateReminder(TaskNotifications notifications) {
    this.notifications = notifications;
  }

  @Scheduled(cron = "${shisaku.notify.reminder-cron:0 0 8 * * *}", zone = CityTime.ZONE_ID)
  public void remind() {
    notifications.sendDueDateDigests(ClockUtil.getCurrentTime());
  }
}
