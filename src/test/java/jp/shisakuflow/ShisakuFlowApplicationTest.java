package jp.shisakuflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import jp.shisakuflow.demo.DemoDataSeeder;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.fiscalyear.PlanScopes;
import jp.shisakuflow.initiative.BusinessKey;
import jp.shisakuflow.initiative.InitiativeLifecycle.Element;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.OwnApplication;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The whole application on H2, with the demo data, through its real HTTP stack. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@Tag(OwnApplication.TAG)
class ShisakuFlowApplicationTest {

  @Autowired TestRestTemplate http;
  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired DemoDataSeeder demoDataSeeder;
  @Autowired InitiativeLifecycleService lifecycles;

  @Test
  void lifecycleAndDecisionAreDeployed() {
    assertThat(repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(InitiativeLifecycle.PROCESS_KEY).latestVersion().singleResult().getName())
        .isEqualTo("施策ライフサイクル");
    assertThat(repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(InitiativeLifecycle.DECISION_KEY).count()).isEqualTo(1);
  }

  @Test
  void fiscalYearPlansDeployedBeforeTheRenameStillFindTheirPlanScopes(@Autowired ApplicationContext context) {
    // Versions of fiscal-year-plan deployed before December 2026 call ${planCalendar...}.
    assertThat(context.getBean("planCalendar")).isSameAs(context.getBean(PlanScopes.BEAN));
  }

  @Test
  void engineRestRefusesAnonymousCallers() {
    ResponseEntity<String> response = http.getForEntity("/engine-rest/task", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
  }

  @Test
  void engineRestRefusesAWrongPassword() {
    // A user of its own: after a failed login the engine delays that user's next attempts.
    assertThat(http.withBasicAuth("saiwai", "wrong").getForEntity("/engine-rest/task", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void engineRestAnswersADemoUser() {
    ResponseEntity<String> response = http.withBasicAuth("community", "community")
        .getForEntity("/engine-rest/task?candidateGroup=communityPromotion&maxResults=100", String.class);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).startsWith("[{").contains("\"name\":\"モデル実施：募集開始・支援実施\"");
  }

  @Test
  void theEngineRecordsTheUserWhoCompletedATaskOverRest() {
    Task task = openTask("hiroba-children-centers", Element.TASK_COORDINATE);
    var asCommunity = http.withBasicAuth("community", "community");

    assertThat(asCommunity.postForEntity("/engine-rest/task/{id}/claim", Map.of("userId", "community"), String.class,
        task.getId()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(asCommunity.postForEntity("/engine-rest/task/{id}/complete", Map.of("variables", Map.of()),
        String.class, task.getId()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(historyService.createUserOperationLogQuery().taskId(task.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult().getUserId())
        .isEqualTo("community");
  }

  @Test
  void aDecisionWithAWrongTypeIsRefusedWith400AndTheTaskStays() {
    Task task = decisionTask("decision-by-type");

    ResponseEntity<Map> response = http.withBasicAuth("manager", "manager").postForEntity(
        "/engine-rest/task/{id}/complete",
        Map.of("variables", Map.of(Var.DECIDED_OUTCOME, Map.of("value", 3, "type", "Integer"))),
        Map.class, task.getId());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message")).contains(Var.DECIDED_OUTCOME, "Integer");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(task.getProcessInstanceId(), Var.DECIDED_OUTCOME)).isNull();
  }

  @Test
  void anOverrideWithoutTheRequiredReasonIsRefusedWith400AndTheTaskStays() {
    Task task = decisionTask("decision-by-reason");

    ResponseEntity<Map> response = http.withBasicAuth("manager", "manager").postForEntity(
        "/engine-rest/task/{id}/submit-form",
        Map.of("variables", Map.of(Var.DECIDED_OUTCOME, Map.of("value", "suspendOrAbolish"))),
        Map.class, task.getId());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) response.getBody().get("problems")).singleElement().asString()
        .startsWith(Var.DECISION_REASON + ":");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  @Test
  void tasklistIsServedAfterTheLogin() {
    var browser = new BrowserSession(port);
    assertThat(browser.get("/camunda/app/tasklist/default/").headers().firstValue("Location").orElse(""))
        .endsWith("/login");

    assertThat(browser.login("community", "community").headers().firstValue("Location").orElse(""))
        .doesNotContain("error");
    var page = browser.get("/camunda/app/tasklist/default/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Camunda Tasklist</title>");
  }

  @Test
  void seedingTheDemoAgainCreatesNothingTwice() {
    long users = identityService.createUserQuery().count();
    long groups = identityService.createGroupQuery().count();
    long instances = historyService.createHistoricProcessInstanceQuery().count();

    demoDataSeeder.seed();

    assertThat(identityService.createUserQuery().count()).isEqualTo(users).isEqualTo(19);
    assertThat(identityService.createGroupQuery().count()).isEqualTo(groups).isEqualTo(17);
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    for (var city : jp.shisakuflow.organization.City.values()) {
      assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(FiscalYearPlan.PROCESS_KEY)
          .tenantIdIn(city.tenantId()).count()).as(city.nameJa() + "'s plan, imported once").isEqualTo(1);
    }
    assertThat(identityService.checkPassword("kawasaki", "kawasaki")).isTrue();
    assertThat(identityService.createGroupQuery().groupMember("kawasaki").singleResult().getName())
        .isEqualTo("川崎区役所");
  }

  @Test
  void theDemoRunsTwoCitiesEachWithItsPeopleAndPlan() {
    int year = FiscalYear.containing(CityTime.today(ClockUtil.getCurrentTime()));
    var wakaba = jp.shisakuflow.organization.City.WAKABA.tenantId();
    assertThat(identityService.createTenantQuery().userMember("wakabaManager").singleResult().getId()).isEqualTo(wakaba);
    assertThat(identityService.createTenantQuery().userMember("manager").singleResult().getId())
        .isEqualTo(jp.shisakuflow.organization.City.KAWASAKI.tenantId());
    assertThat(historyService.createHistoricProcessInstanceQuery().tenantIdIn(wakaba)
        .processInstanceBusinessKeyLike("FY" + year + "-wakaba-%").count())
        .as("若葉市's three initiatives, in its tenant").isEqualTo(3);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike("FY" + year
        + "-wakaba-%").count()).as("and in no other").isEqualTo(3);
    assertThat(taskService.createTaskQuery().tenantIdIn(wakaba).count()).as("若葉市 has work going on").isPositive();
    // Each city's administrator: of the city's administrators' group, a person of that city alone.
    for (var city : jp.shisakuflow.organization.City.values()) {
      String administrator = city.tenantId() + "Admin";
      assertThat(identityService.createGroupQuery().groupMember(administrator).singleResult().getId())
          .isEqualTo(jp.shisakuflow.organization.CityAdministrators.groupId(city.tenantId()));
      assertThat(jp.shisakuflow.organization.Cities.of(identityService, administrator)).containsExactly(city.tenantId());
    }
  }

  @Test
  void theDemoYearChoseItsModelWardsAndEachWardWorksItsOwnTask() {
    int year = FiscalYear.containing(CityTime.today(ClockUtil.getCurrentTime()));
    String sdc = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(BusinessKey.of(year, "sdc-model-wards-this-year").toString()).singleResult().getId();

    assertThat(runtimeService.getVariable(sdc, Var.WARDS)).isEqualTo("wardKawasaki,wardSaiwai");
    assertThat(taskService.createTaskQuery().processInstanceId(sdc).taskDefinitionKey(Element.TASK_IMPLEMENT_MODEL)
        .list()).extracting(Task::getName).containsExactlyInAnyOrder(
            "モデル実施：スモールスタートによるモデル事業開始（川崎区役所）",
            "モデル実施：スモールスタートによるモデル事業開始（幸区役所）");
  }

  /** A lifecycle of its own, worked up to the managers' decision. */
  private Task decisionTask(String initiativeId) {
    String id = lifecycles.startIfAbsent(InitiativeStart.unplanned(initiativeId, "テスト用の施策", "hiroba",
        "communityPromotion", 2026)).orElseThrow();
    for (String key : List.of(Element.TASK_COORDINATE, Element.TASK_IMPLEMENT_MODEL, Element.TASK_VERIFY)) {
      Task task = taskService.createTaskQuery().processInstanceId(id).taskDefinitionKey(key).singleResult();
      taskService.complete(task.getId(), key.equals(Element.TASK_VERIFY)
          ? Map.of(Var.VERIFICATION_RATING, "good", Var.ACHIEVEMENT_RATE, 90) : Map.of());
    }
    return taskService.createTaskQuery().processInstanceId(id).taskDefinitionKey(Element.TASK_DECIDE_NEXT_YEAR)
        .singleResult();
  }

  private Task openTask(String initiativeId, String taskKey) {
    return taskService.createTaskQuery()
        .processInstanceBusinessKeyLike("%-" + initiativeId)
        .taskDefinitionKey(taskKey)
        .singleResult();
  }
}
