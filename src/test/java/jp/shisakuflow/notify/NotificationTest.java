package jp.shisakuflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Date;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Notifications through a real (in-process) SMTP server. */
@ApiTest
class NotificationTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

  @Autowired InitiativeLifecycleService initiatives;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired TaskNotifications notifications;

  private String instanceId;

  @BeforeEach
  void start() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    instanceId = initiatives.startIfAbsent(InitiativeStart.unplanned("notify-" + System.nanoTime(),
        "ソーシャルデザインセンターの通知テスト", "social-design-center", "wardTakatsu", 2023)).orElseThrow();
  }

  @Test
  void theAssigneeHearsOfTheirNewTask() throws Exception {
    var task = taskService.createTaskQuery().processInstanceId(instanceId).singleResult();

    taskService.claim(task.getId(), "takatsu");

    MimeMessage mail = single();
    assertThat(Arrays.toString(mail.getAllRecipients())).contains("takatsu@test.invalid");
    assertThat(mail.getSubject()).isEqualTo("【施策フロー】タスクが割り当てられました: 調整");
    assertThat(GreenMailUtil.getBody(mail)).isNotBlank();
    assertThat(mail.getContent().toString()).contains("ソーシャルデザインセンターの通知テスト",
        "/camunda/app/tasklist/default/#/?task=" + task.getId());
  }

  @Test
  void managersHearOfAnEscalation() throws Exception {
    var overdue = managementService.createJobQuery().processInstanceId(instanceId).timers().singleResult();

    managementService.executeJob(overdue.getId());

    MimeMessage mail = single();
    assertThat(Arrays.toString(mail.getAllRecipients())).contains("managers@test.invalid");
    assertThat(mail.getSubject()).isEqualTo("【施策フロー】遅延のエスカレーション: ソーシャルデザインセンターの通知テスト");
    assertThat(taskService.createTaskQuery().processInstanceId(instanceId)
        .taskDefinitionKey(InitiativeLifecycle.Element.TASK_HANDLE_DELAY).count()).isEqualTo(1);
  }

  @Test
  void eachGroupGetsADigestOfOverdueTasks() throws Exception {
    boolean sent = notifications.sendDueDateDigest(OrganizationGroup.WARD_TAKATSU.id(),
        new Date(java.time.Instant.parse("2024-05-01T00:00:00Z").toEpochMilli()));

    assertThat(sent).isTrue();
    assertThat(smtp.getReceivedMessages()).anySatisfy(mail -> {
      assertThat(Arrays.toString(mail.getAllRecipients())).contains("takatsu@test.invalid");
      assertThat(mail.getSubject()).startsWith("【施策フロー】期限切れ").endsWith("(wardTakatsu)");
      assertThat(mail.getContent().toString()).contains("■ 期限切れ", "調整");
    });
  }

  @Test
  void aRefusedAssignmentMailsNobody() {
    var task = taskService.createTaskQuery().processInstanceId(instanceId).singleResult();
    identityService.setAuthentication("takatsu", java.util.List.of("wardTakatsu"),
        java.util.List.of(jp.shisakuflow.organization.City.SEED.tenantId()));
    try {
      // Ward staff may work their tasks, not hand them to someone else: the transaction rolls back.
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> taskService.setAssignee(task.getId(), "takatsu"))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(smtp.waitForIncomingEmail(1_000, 1)).isFalse();
  }

  private MimeMessage single() {
    assertThat(smtp.waitForIncomingEmail(5_000, 1)).as("a mail arrived").isTrue();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    return smtp.getReceivedMessages()[0];
  }
}
