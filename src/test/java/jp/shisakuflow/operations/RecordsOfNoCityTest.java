package jp.shisakuflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The upgrade of a database from before cities were tenants, over HTTP as an administrator runs it: an initiative
 * started with no city (as every one was) is given the city, in every table, after a dry run that wrote nothing;
 * a cityless process's instances keep none. An application of its own: it changes every record of no city.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// A context (and an engine called "default") of its own: in a JVM of its own (OwnApplication).
@org.junit.jupiter.api.Tag(jp.shisakuflow.support.OwnApplication.TAG)
class RecordsOfNoCityTest {

  static final int YEAR = 2096;
  static final String KAWASAKI_MANAGER = "rncKawasakiManager";
  static final String WAKABA_MANAGER = "rncWakabaManager";
  static final String UPGRADE = "/api/admin/cities/{city}/records-of-no-city?dryRun={dry}";
  /** The tables of an initiative's records, and the column that names its instance. */
  static final Map<String, String> RECORDS = Map.of("ACT_RU_EXECUTION", "PROC_INST_ID_", "ACT_RU_TASK",
      "PROC_INST_ID_", "ACT_RU_VARIABLE", "PROC_INST_ID_", "ACT_HI_PROCINST", "PROC_INST_ID_", "ACT_HI_ACTINST",
      "PROC_INST_ID_", "ACT_HI_VARINST", "PROC_INST_ID_", "ACT_HI_TASKINST", "PROC_INST_ID_", "SHISAKU_PROGRESS",
      "PROC_INST_ID_");

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired ProcessEngine engine;
  @Autowired PlatformTransactionManager transactions;
  @Autowired JdbcTemplate jdbc;
  @Value("${shisaku.admin.password}") String adminPassword;

  @Test
  void recordsOfNoCityAreGivenTheCityAndACitylessProcessKeepsNone() throws Exception {
    TestUsers.ensure(identityService, KAWASAKI_MANAGER, OrganizationGroup.MANAGERS, City.KAWASAKI);
    TestUsers.ensure(identityService, WAKABA_MANAGER, OrganizationGroup.MANAGERS, City.WAKABA);
    // Started as before cities: by no one's city.
    String instance = initiatives.startIfAbsent(InitiativeStart.unplanned("rnc-1", "市のない施策", "other",
        OrganizationGroup.COMMUNITY_PROMOTION.id(), YEAR)).orElseThrow();
    assertThat(recordsOfNoCity(instance)).as("every record of no city").containsOnlyKeys(RECORDS.keySet())
        .allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
    assertThat(instanceAs(WAKABA_MANAGER, instance)).as("of no city: every city's, as the engine shows it")
        .isEqualTo(200);

    // A cityless process keeps its instances of no city (here the lifecycle itself is named so).
    new RecordsOfNoCity(engine, transactions, List.of(() -> InitiativeLifecycle.PROCESS_KEY))
        .assign(City.KAWASAKI.tenantId(), false);
    assertThat(recordsOfNoCity(instance)).as("the cityless process's records").containsOnlyKeys(RECORDS.keySet());

    var admin = http.withBasicAuth("admin", adminPassword);
    var unknown = admin.postForEntity(UPGRADE, null, String.class, "atlantis", true);
    assertThat(unknown.getStatusCode().value()).as(unknown.getBody()).isEqualTo(400);
    assertThat(unknown.getBody()).contains("city", "atlantis");
    assertThat(http.withBasicAuth(KAWASAKI_MANAGER, TestUsers.PASSWORD).postForEntity(UPGRADE, null, String.class,
        City.KAWASAKI.tenantId(), false).getStatusCode().value()).as("a manager").isEqualTo(403);

    var dry = admin.postForEntity(UPGRADE, null, Map.class, City.KAWASAKI.tenantId(), true);
    assertThat(dry.getStatusCode().value()).isEqualTo(200);
    assertThat(dry.getBody()).containsEntry("dryRun", true).containsEntry("city", "kawasaki");
    assertThat((Map<String, Integer>) dry.getBody().get("rows")).containsKeys("ACT_HI_PROCINST", "ACT_RU_TASK",
        "SHISAKU_PROGRESS", "ACT_HI_VARINST", "ACT_RU_IDENTITYLINK");
    assertThat(recordsOfNoCity(instance)).as("the dry run wrote nothing").containsOnlyKeys(RECORDS.keySet());

    var done = admin.postForEntity(UPGRADE, null, Map.class, City.KAWASAKI.tenantId(), false);
    assertThat(done.getStatusCode().value()).isEqualTo(200);
    assertThat(done.getBody()).containsEntry("dryRun", false).containsEntry("total", dry.getBody().get("total"));
    assertThat(recordsOfNoCity(instance)).as("no record of it left without a city").isEmpty();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_IDENTITYLINK WHERE TENANT_ID_ IS NULL AND TASK_ID_ IN "
        + "(SELECT ID_ FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?)", Integer.class, instance)).isZero();
    assertThat(instanceAs(KAWASAKI_MANAGER, instance)).isEqualTo(200);
    assertThat(instanceAs(WAKABA_MANAGER, instance)).as("now 川崎市's alone").isEqualTo(404);
    assertThat(admin.postForEntity(UPGRADE, null, Map.class, City.KAWASAKI.tenantId(), false).getBody())
        .as("a second run").containsEntry("total", 0);
  }

  private Map<String, Integer> recordsOfNoCity(String instance) {
    Map<String, Integer> rows = new java.util.TreeMap<>();
    RECORDS.forEach((table, column) -> {
      int count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE TENANT_ID_ IS NULL AND " + column
          + " = ?", Integer.class, instance);
      if (count > 0) {
        rows.put(table, count);
      }
    });
    return rows;
  }

  private int instanceAs(String user, String instance) {
    return http.withBasicAuth(user, TestUsers.PASSWORD).getForEntity("/engine-rest/process-instance/{id}",
        String.class, instance).getStatusCode().value();
  }
}
