package jp.shisakuflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A city's administrator over HTTP ({@code /engine-rest} and Admin's own API): the city's people and groups, and
 * nothing of another city's, whatever the door. Every refused write leaves the record as it was.
 */
@ApiTest
class CityAdministratorTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String KAWASAKI_ADMIN = "caKawasakiAdmin";
  static final String WAKABA_ADMIN = "caWakabaAdmin";
  static final String KAWASAKI_STAFF = "caKawasakiStaff";
  static final String WAKABA_STAFF = "caWakabaStaff";
  static final String WAKABA_MANAGER = "caWakabaManager";
  static final String OF_BOTH_CITIES = "caBothCities";
  static final String SYSTEM_ADMIN = "caSystemAdmin";
  static final String ENGINE = "/camunda/api/engine/engine/default";

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired org.camunda.bpm.engine.AuthorizationService authorizationService;
  @LocalServerPort int port;

  @BeforeEach
  void twoCitiesWithTheirPeople() {
    TestUsers.ensureAdministratorOf(identityService, KAWASAKI_ADMIN, City.KAWASAKI);
    TestUsers.ensureAdministratorOf(identityService, WAKABA_ADMIN, City.WAKABA);
    TestUsers.ensure(identityService, KAWASAKI_STAFF, OrganizationGroup.COMMUNITY_PROMOTION, City.KAWASAKI);
    TestUsers.ensure(identityService, WAKABA_STAFF, OrganizationGroup.WAKABA_COMMUNITY, City.WAKABA);
    TestUsers.ensure(identityService, WAKABA_MANAGER, OrganizationGroup.MANAGERS, City.WAKABA);
    TestUsers.ensure(identityService, OF_BOTH_CITIES, OrganizationGroup.OVERVIEW, City.KAWASAKI);
    Cities.addPerson(identityService, City.WAKABA, OF_BOTH_CITIES);
  }

  @Test
  void theAdministratorSeesTheCitysPeopleGroupsAndCityOnly() throws Exception {
    var admin = as(KAWASAKI_ADMIN);
    List<String> users = ids(admin.getForEntity("/engine-rest/user?maxResults=2000", String.class));
    assertThat(users).contains(KAWASAKI_STAFF, KAWASAKI_ADMIN).doesNotContain(WAKABA_STAFF, WAKABA_MANAGER,
        WAKABA_ADMIN);
    assertThat(admin.getForEntity("/engine-rest/user/{id}/profile", String.class, WAKABA_STAFF).getStatusCode()
        .value()).as("another city's person by id").isIn(403, 404);
    List<String> groups = ids(admin.getForEntity("/engine-rest/group?maxResults=2000", String.class));
    assertThat(groups).contains(OrganizationGroup.COMMUNITY_PROMOTION.id(), OrganizationGroup.MANAGERS.id(),
        CityAdministrators.groupId(City.KAWASAKI.tenantId()))
        .doesNotContain(OrganizationGroup.WAKABA_COMMUNITY.id(), OrganizationGroup.ADMINISTRATORS.id(),
            CityAdministrators.groupId(City.WAKABA.tenantId()));
    assertThat(ids(admin.getForEntity("/engine-rest/tenant?maxResults=100", String.class))).containsExactly(City.KAWASAKI.tenantId());
    // The role's members are the city's: no other city's manager is listed under managers.
    List<String> managers = ids(admin.getForEntity("/engine-rest/user?memberOfGroup=managers&maxResults=2000",
        String.class));
    assertThat(managers).doesNotContain(WAKABA_MANAGER);
  }

  @Test
  void aPersonTheAdministratorCreatesIsTheCitysAtOnce() throws Exception {
    var created = as(WAKABA_ADMIN).postForEntity("/engine-rest/user/create", json(newUser("caWakabaNew")), String.class);
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(204);
    assertThat(citiesOf("caWakabaNew")).containsExactly(City.WAKABA.tenantId());
    assertThat(ids(as(WAKABA_ADMIN).getForEntity("/engine-rest/user?id=caWakabaNew&maxResults=10", String.class)))
        .containsExactly("caWakabaNew");
    assertThat(ids(as(KAWASAKI_ADMIN).getForEntity("/engine-rest/user?id=caWakabaNew&maxResults=10", String.class))).isEmpty();
    var group = as(WAKABA_ADMIN).postForEntity("/engine-rest/group/create",
        json(Map.of("id", "caWakabaDept", "name", "若葉市 新しい課", "type", "WORKFLOW")), String.class);
    assertThat(group.getStatusCode().value()).as(group.getBody()).isEqualTo(204);
    assertThat(identityService.createTenantQuery().groupMember("caWakabaDept").list()).extracting(Tenant::getId)
        .containsExactly(City.WAKABA.tenantId());
    var member = as(WAKABA_ADMIN).exchange("/engine-rest/group/caWakabaDept/members/caWakabaNew", HttpMethod.PUT,
        null, String.class);
    assertThat(member.getStatusCode().value()).as(member.getBody()).isEqualTo(204);
  }

  @Test
  void theAdministratorPutsTheCitysPersonsInItsGroupsAndTheRoles() {
    createAsSystem("caKawasakiNew1", City.KAWASAKI);
    var admin = as(KAWASAKI_ADMIN);
    for (String group : List.of(OrganizationGroup.WARD_TAKATSU.id(), OrganizationGroup.MANAGERS.id(),
        OrganizationGroup.AUDITORS.id())) {
      var put = admin.exchange("/engine-rest/group/{g}/members/{u}", HttpMethod.PUT, null, String.class, group,
          "caKawasakiNew1");
      assertThat(put.getStatusCode().value()).as(group + ": " + put.getBody()).isEqualTo(204);
    }
    var taken = admin.exchange("/engine-rest/group/auditors/members/caKawasakiNew1", HttpMethod.DELETE, null,
        String.class);
    assertThat(taken.getStatusCode().value()).as(taken.getBody()).isEqualTo(204);
    assertThat(groupsOf("caKawasakiNew1")).containsExactlyInAnyOrder(OrganizationGroup.WARD_TAKATSU.id(),
        OrganizationGroup.MANAGERS.id());
  }

  @Test
  void theAdministratorPutsNobodyInAnotherCitysGroupOrTheSystemsRoles() {
    createAsSystem("caKawasakiNew2", City.KAWASAKI);
    var admin = as(KAWASAKI_ADMIN);
    for (String group : List.of(OrganizationGroup.WAKABA_COMMUNITY.id(), OrganizationGroup.ADMINISTRATORS.id(),
        OrganizationGroup.OVERVIEW.id(), CityAdministrators.groupId(City.WAKABA.tenantId()))) {
      var put = admin.exchange("/engine-rest/group/{g}/members/{u}", HttpMethod.PUT, null, String.class, group,
          "caKawasakiNew2");
      assertThat(put.getStatusCode().value()).as(group + ": " + put.getBody()).isEqualTo(403);
    }
    assertThat(groupsOf("caKawasakiNew2")).isEmpty();
  }

  @Test
  void theAdministratorChangesNothingOfAnotherCitysPeople() {
    var admin = as(KAWASAKI_ADMIN);
    // The role's grant names the role, not the city: the person is what is checked.
    assertThat(admin.exchange("/engine-rest/group/managers/members/{u}", HttpMethod.PUT, null, String.class,
        WAKABA_STAFF).getStatusCode().value()).as("another city's person into a role").isEqualTo(403);
    assertThat(admin.exchange("/engine-rest/group/managers/members/{u}", HttpMethod.DELETE, null, String.class,
        WAKABA_MANAGER).getStatusCode().value()).as("another city's manager out of the role").isEqualTo(403);
    assertThat(groupsOf(WAKABA_MANAGER)).contains(OrganizationGroup.MANAGERS.id());
    assertThat(groupsOf(WAKABA_STAFF)).doesNotContain(OrganizationGroup.MANAGERS.id());
    var profile = admin.exchange("/engine-rest/user/{u}/profile", HttpMethod.PUT,
        json(Map.of("id", WAKABA_STAFF, "firstName", "改ざん", "lastName", "他市", "email", "x@test.invalid")),
        String.class, WAKABA_STAFF);
    // Not found (the person is not theirs to see) or refused: either way, nothing written.
    assertThat(profile.getStatusCode().value()).as(profile.getBody()).isIn(403, 404);
    var password = admin.exchange("/engine-rest/user/{u}/credentials", HttpMethod.PUT,
        json(Map.of("password", "Other-City#2026x", "authenticatedUserPassword", TestUsers.PASSWORD)), String.class,
        WAKABA_STAFF);
    assertThat(password.getStatusCode().value()).as(password.getBody()).isIn(403, 404);
    assertThat(admin.exchange("/engine-rest/user/{u}", HttpMethod.DELETE, null, String.class, WAKABA_STAFF)
        .getStatusCode().value()).as("delete another city's person").isIn(403, 404);
    var unchanged = identityService.createUserQuery().userId(WAKABA_STAFF).singleResult();
    assertThat(unchanged.getLastName()).isEqualTo("テスト");
    assertThat(identityService.checkPassword(WAKABA_STAFF, TestUsers.PASSWORD)).isTrue();
  }

  @Test
  void aPersonOfSeveralCitiesIsTheSystemAdministratorsToChange() {
    var admin = as(KAWASAKI_ADMIN);
    var profile = admin.exchange("/engine-rest/user/{u}/profile", HttpMethod.PUT,
        json(Map.of("id", OF_BOTH_CITIES, "firstName", "変更", "lastName", "広域", "email", "x@test.invalid")),
        String.class, OF_BOTH_CITIES);
    assertThat(profile.getStatusCode().value()).as(profile.getBody()).isEqualTo(403);
    assertThat(profile.getBody()).contains(OF_BOTH_CITIES);
    assertThat(admin.exchange("/engine-rest/user/{u}", HttpMethod.DELETE, null, String.class, OF_BOTH_CITIES)
        .getStatusCode().value()).isEqualTo(403);
    assertThat(identityService.createUserQuery().userId(OF_BOTH_CITIES).count()).isOne();
  }

  @Test
  void aSystemAdministratorOfTheCityIsNotTheCitysAdministratorsToChange() {
    // As in a one-city deployment, where every user of no city is made the city's person, the system's too.
    TestUsers.ensure(identityService, SYSTEM_ADMIN, OrganizationGroup.ADMINISTRATORS, City.KAWASAKI);
    var admin = as(KAWASAKI_ADMIN);
    var password = admin.exchange("/engine-rest/user/{u}/credentials", HttpMethod.PUT,
        json(Map.of("password", "Taken-Over#2026x", "authenticatedUserPassword", TestUsers.PASSWORD)), String.class,
        SYSTEM_ADMIN);
    assertThat(password.getStatusCode().value()).as(password.getBody()).isIn(403, 404);
    assertThat(identityService.checkPassword(SYSTEM_ADMIN, TestUsers.PASSWORD)).isTrue();
    assertThat(admin.exchange("/engine-rest/user/{u}", HttpMethod.DELETE, null, String.class, SYSTEM_ADMIN)
        .getStatusCode().value()).isIn(403, 404);
    assertThat(admin.exchange("/engine-rest/group/managers/members/{u}", HttpMethod.PUT, null, String.class,
        SYSTEM_ADMIN).getStatusCode().value()).isIn(403, 404);
    assertThat(identityService.createUserQuery().userId(SYSTEM_ADMIN).memberOfGroup("managers").count()).isZero();
  }

  @Test
  void theAdministratorMovesNobodyBetweenCitiesAndGrantsNothing() {
    createAsSystem("caKawasakiNew3", City.KAWASAKI);
    var admin = as(KAWASAKI_ADMIN);
    assertThat(admin.exchange("/engine-rest/tenant/wakaba/user-members/caKawasakiNew3", HttpMethod.PUT, null,
        String.class).getStatusCode().value()).as("own person into another city").isEqualTo(403);
    assertThat(admin.exchange("/engine-rest/tenant/kawasaki/user-members/{u}", HttpMethod.PUT, null, String.class,
        WAKABA_STAFF).getStatusCode().value()).as("another city's person into one's own").isEqualTo(403);
    assertThat(admin.exchange("/engine-rest/tenant/kawasaki/group-members/managers", HttpMethod.PUT, null,
        String.class).getStatusCode().value()).as("a role made the city's").isEqualTo(403);
    assertThat(admin.exchange("/engine-rest/tenant/kawasaki/user-members/caKawasakiNew3", HttpMethod.DELETE, null,
        String.class).getStatusCode().value()).as("a person out of the city").isEqualTo(403);
    assertThat(citiesOf("caKawasakiNew3")).containsExactly(City.KAWASAKI.tenantId());
    assertThat(citiesOf(WAKABA_STAFF)).containsExactly(City.WAKABA.tenantId());
    var grant = admin.postForEntity("/engine-rest/authorization/create", json(Map.of("type", 1, "permissions",
        List.of("ALL"), "userId", KAWASAKI_ADMIN, "resourceType", 0, "resourceId", "*")), String.class);
    assertThat(grant.getStatusCode().value()).as(grant.getBody()).isEqualTo(403);
    var city = admin.postForEntity("/engine-rest/tenant/create", json(Map.of("id", "caNewCity", "name", "新市")),
        String.class);
    assertThat(city.getStatusCode().value()).as(city.getBody()).isEqualTo(403);
    var administrators = admin.postForEntity("/engine-rest/group/create", json(Map.of("id", "caOtherCityAdmins",
        "name", "他市の管理者", "type", "WORKFLOW")), String.class);
    assertThat(administrators.getStatusCode().value()).as("a group named as a city's administrators' group")
        .isEqualTo(403);
    assertThat(identityService.createGroupQuery().groupId("caOtherCityAdmins").count()).isZero();
    var renamed = admin.exchange("/engine-rest/group/{g}", HttpMethod.PUT, json(Map.of("id",
        OrganizationGroup.COMMUNITY_PROMOTION.id(), "name", "改名", "type", "WORKFLOW")), String.class,
        OrganizationGroup.COMMUNITY_PROMOTION.id());
    assertThat(renamed.getStatusCode().value()).as(renamed.getBody()).isEqualTo(403);
  }

  @Test
  void aPersonWhoLeavesTheCityIsNoLongerItsAdministratorsToSee() throws Exception {
    createAsSystem("caKawasakiLeaving", City.KAWASAKI);
    assertThat(ids(as(KAWASAKI_ADMIN).getForEntity("/engine-rest/user?id=caKawasakiLeaving&maxResults=10", String.class)))
        .containsExactly("caKawasakiLeaving");
    identityService.deleteTenantUserMembership(City.KAWASAKI.tenantId(), "caKawasakiLeaving");
    assertThat(ids(as(KAWASAKI_ADMIN).getForEntity("/engine-rest/user?id=caKawasakiLeaving&maxResults=10", String.class)))
        .isEmpty();
  }

  @Test
  void staffAndManagersCreateNoPerson() {
    for (String user : List.of(KAWASAKI_STAFF, WAKABA_MANAGER)) {
      var created = as(user).postForEntity("/engine-rest/user/create", json(newUser("caByStaff")), String.class);
      assertThat(created.getStatusCode().value()).as(user + ": " + created.getBody()).isEqualTo(403);
    }
    assertThat(identityService.createUserQuery().userId("caByStaff").count()).isZero();
  }

  @Test
  void throughAdminsOwnApiTheSameHolds() throws Exception {
    var browser = new BrowserSession(port);
    browser.login(KAWASAKI_ADMIN, TestUsers.PASSWORD);
    var users = browser.get(ENGINE + "/user?maxResults=2000");
    assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
    List<String> listed = new ArrayList<>();
    JSON.readTree(users.body()).forEach(u -> listed.add(u.get("id").asText()));
    assertThat(listed).contains(KAWASAKI_STAFF).doesNotContain(WAKABA_STAFF, WAKABA_MANAGER);
    var put = browser.put(ENGINE + "/group/managers/members/" + WAKABA_STAFF, "application/json", "",
        "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(403);
    assertThat(groupsOf(WAKABA_STAFF)).doesNotContain(OrganizationGroup.MANAGERS.id());
    var created = browser.post(ENGINE + "/user/create", "application/json", JSON.writeValueAsString(
        newUser("caKawasakiByAdmin")), "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
    assertThat(citiesOf("caKawasakiByAdmin")).containsExactly(City.KAWASAKI.tenantId());
  }

  @Test
  void theAdministratorImportsTheCitysPlansOnly() {
    String yaml = text("processes/plans/fy2019-community.yaml");
    var admin = as(KAWASAKI_ADMIN);
    assertThat(admin.getForEntity("/api/plans/upload-form", String.class).getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> own = admin.postForEntity("/api/plans/preview?fiscalYear=2094&source=seed.yaml",
        new HttpEntity<>(yaml, yaml()), String.class);
    assertThat(own.getStatusCode().value()).as(own.getBody()).isEqualTo(200);
    ResponseEntity<String> other = admin.postForEntity("/api/plans/preview?fiscalYear=2094&source=seed.yaml&city=wakaba",
        new HttpEntity<>(yaml, yaml()), String.class);
    assertThat(other.getStatusCode().value()).as(other.getBody()).isEqualTo(400);
    assertThat(other.getBody()).contains("city");
    // The system's own operations are not a city's administrator's, whatever the method.
    for (String operation : List.of("/api/admin/progress-model/rebuild", "/api/admin/cities/kawasaki/records-of-no-city")) {
      for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
          HttpMethod.DELETE)) {
        assertThat(admin.exchange(operation, method, null, String.class).getStatusCode().value())
            .as(method + " " + operation).isEqualTo(403);
      }
    }
    // Starting an initiative outside a plan stays the managers'.
    assertThat(admin.postForEntity("/api/initiatives", json(Map.of("initiativeId", "ca-1", "title", "管理者の施策",
        "workstream", "other", "ownerGroup", "communityPromotion", "fiscalYear", 2094)), String.class)
        .getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void aCityFromBeforeAdministratorsGetsThemAtTheNextStart() throws Exception {
    // As a database of the version before: the city, its groups and people, no administrators' group or grants.
    String admins = CityAdministrators.groupId(City.WAKABA.tenantId());
    identityService.deleteGroup(admins);
    authorizationService.createAuthorizationQuery().groupIdIn(admins).list()
        .forEach(grant -> authorizationService.deleteAuthorization(grant.getId()));
    assertThat(Cities.ensure(identityService, City.WAKABA)).as("groups created").isOne();
    identityService.createMembership(WAKABA_ADMIN, admins);
    assertThat(ids(as(WAKABA_ADMIN).getForEntity("/engine-rest/user?maxResults=2000", String.class)))
        .contains(WAKABA_STAFF, WAKABA_MANAGER).doesNotContain(KAWASAKI_STAFF);
    assertThat(as(WAKABA_ADMIN).exchange("/engine-rest/group/{g}/members/{u}", HttpMethod.PUT, null, String.class,
        OrganizationGroup.AUDITORS.id(), WAKABA_STAFF).getStatusCode().value()).isEqualTo(204);
    identityService.deleteMembership(WAKABA_STAFF, OrganizationGroup.AUDITORS.id());
  }

  private void createAsSystem(String id, City city) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      var user = identityService.newUser(id);
      user.setFirstName(id);
      user.setLastName("テスト");
      user.setPassword(TestUsers.PASSWORD);
      identityService.saveUser(user);
      Cities.addPerson(identityService, city, id);
    }
  }

  private List<String> citiesOf(String userId) {
    return Cities.of(identityService, userId);
  }

  private List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList();
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, TestUsers.PASSWORD);
  }

  private static Map<String, Object> newUser(String id) {
    return Map.of("profile", Map.of("id", id, "firstName", "新", "lastName", "職員", "email", id + "@test.invalid"),
        "credentials", Map.of("password", TestUsers.PASSWORD));
  }

  private static List<String> ids(ResponseEntity<String> response) throws Exception {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode node : JSON.readTree(response.getBody())) {
      ids.add(node.get("id").asText());
    }
    return ids;
  }

  private static String text(String file) {
    try (var in = new org.springframework.core.io.ClassPathResource(file).getInputStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static HttpHeaders yaml() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"));
    return headers;
  }

  static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
