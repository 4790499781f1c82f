package jp.shisakuflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import jp.shisakuflow.ShisakuFlowApplication;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.LocalPostgres;
import jp.shisakuflow.support.OwnApplication;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The app on the {@code postgres} profile against a real PostgreSQL on loopback. */
@Tag(OwnApplication.TAG)
class PostgresProfileTest {

  static final int YEAR = 2045;
  static final int ROUNDS = 10;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void onPostgresTwoClientsCompletingOneTaskGetOneSuccessAndOneConflict() throws Exception {
    try (LocalPostgres postgres = LocalPostgres.start();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ShisakuFlowApplication.class)
            .profiles("test", "postgres").run("--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=postgres", "--spring.datasource.password=")) {
      ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
          .getProcessEngineConfiguration();
      assertThat(configuration.getDatabaseType()).isEqualTo("postgres");

      IdentityService identity = app.getBean(IdentityService.class);
      TestUsers.ensure(identity, "takatsu", OrganizationGroup.WARD_TAKATSU);
      TestUsers.ensure(identity, "takatsu2", OrganizationGroup.WARD_TAKATSU);
      InitiativeLifecycleService initiatives = app.getBean(InitiativeLifecycleService.class);
      TaskService tasks = app.getBean(TaskService.class);
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      int[] round = {0};
      CompletionRace.expectOneWinnerPerRound(ROUNDS, () -> {
        String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("pg-conflict-" + round[0]++,
            "同時完了テスト", "other", "wardTakatsu", YEAR)).orElseThrow();
        String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
        assertThat(task).as("strong (UUID) ids").matches("[0-9a-f]{8}-[0-9a-f]{4}-.*");
        return task;
      }, (user, task) -> complete(base, user, task), "takatsu", "takatsu2");
    }
  }

  private static CompletionRace.Answer complete(String base, String user, String task) {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/engine-rest/task/" + task + "/complete"))
        .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"variables\":{\"coordinationPartners\":{\"value\":\"高津区 地域振興課\"}}}")).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new CompletionRace.Answer(response.statusCode(), response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
