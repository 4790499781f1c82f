package jp.shisakuflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** What Tasklist offers each role is what the engine lets it do. */
@ApiTest
class TasklistActionsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Value("${shisaku.admin.password}") String adminPassword;

  @Test
  void staffAreOfferedOnlyWhatTheyMayDo() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    JsonNode staff = actions("takatsu", TestUsers.PASSWORD);
    assertThat(staff.path("createTask").asBoolean()).as("タスクを作成").isFalse();
    assertThat(staff.path("startProcess").asBoolean()).as("プロセスを開始").isFalse();
    assertThat(staff.path("assignTasks").asBoolean()).as("dates, groups, assignee").isFalse();
    assertThat(staff.path("cockpit").asBoolean()).as("↗ to Cockpit").isFalse();
    assertThat(staff.path("zone").asText()).isEqualTo("Asia/Tokyo");
  }

  @Test
  void managersAssignAndOpenCockpitAdministratorsDoEverything() throws Exception {
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    JsonNode manager = actions("manager", TestUsers.PASSWORD);
    assertThat(manager.path("assignTasks").asBoolean()).isTrue();
    assertThat(manager.path("cockpit").asBoolean()).isTrue();
    assertThat(manager.path("createTask").asBoolean()).isFalse();
    JsonNode admin = actions("admin", adminPassword);
    assertThat(admin.path("createTask").asBoolean()).isTrue();
    assertThat(admin.path("assignTasks").asBoolean()).isTrue();
    assertThat(admin.path("cockpit").asBoolean()).isTrue();
  }

  @Test
  void userNamesForIds() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    var user = identityService.createUserQuery().userId("takatsu").singleResult();
    var names = http.withBasicAuth("takatsu", TestUsers.PASSWORD)
        .getForEntity("/api/tasklist/user-names?ids=takatsu,nobody-here", String.class);
    assertThat(names.getStatusCode().value()).isEqualTo(200);
    JsonNode body = JSON.readTree(names.getBody());
    assertThat(body.path("takatsu").asText()).isEqualTo(TasklistActions.name(user)).isNotEqualTo("takatsu");
    assertThat(body.has("nobody-here")).isFalse();
  }

  private JsonNode actions(String user, String password) throws Exception {
    var response = http.withBasicAuth(user, password).getForEntity("/api/tasklist/actions", String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return JSON.readTree(response.getBody());
  }
}
