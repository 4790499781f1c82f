package jp.shisakuflow.cluster;

import java.util.List;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.OrganizationGroup;

/**
 * The people of the cluster run, in two cities: one member of staff per owning office and one manager per city.
 * 川崎市 (the seed city) exists at start; 若葉市 is added over REST as an administrator adds a city in Admin.
 */
final class ClusterUsers {

  static final String MANAGER = "clmanager";
  static final String WAKABA_MANAGER = "clwmanager";

  private ClusterUsers() {}

  static String managerOf(City city) {
    return city == City.WAKABA ? WAKABA_MANAGER : MANAGER;
  }

  static String staffOf(OrganizationGroup office) {
    return "cl" + office.id().replace("ward", "").toLowerCase();
  }

  /** Creates them through the engine's REST API, as an administrator would. */
  static void create(ClusterClient client, String admin, String password) throws InterruptedException {
    expect(client.post(0, admin, "/engine-rest/tenant/create", """
        {"id":"%s","name":"%s"}""".formatted(City.WAKABA.tenantId(), City.WAKABA.nameJa())), "create the city");
    for (OrganizationGroup office : Scenario.OWNERS) {
      if (office.city().orElseThrow() == City.WAKABA) {
        expect(client.post(0, admin, "/engine-rest/group/create", """
            {"id":"%s","name":"%s","type":"WORKFLOW"}""".formatted(office.id(), office.nameJa())),
            "create " + office.id());
        expect(client.put(0, admin, "/engine-rest/tenant/" + City.WAKABA.tenantId() + "/group-members/" + office.id()),
            office.id() + " into " + City.WAKABA.tenantId());
      }
    }
    for (City city : List.of(City.KAWASAKI, City.WAKABA)) {
      createOne(client, admin, managerOf(city), OrganizationGroup.MANAGERS.id(), password);
      expect(client.put(0, admin, "/engine-rest/tenant/" + city.tenantId() + "/user-members/" + managerOf(city)),
          managerOf(city) + " into " + city.tenantId());
    }
    for (OrganizationGroup office : Scenario.OWNERS) {
      createOne(client, admin, staffOf(office), office.id(), password);
    }
  }

  static void createOne(ClusterClient client, String admin, String user, String group, String password)
      throws InterruptedException {
    String profile = """
        {"profile":{"id":"%s","firstName":"試験","lastName":"%s","email":"%s@example.test"},
         "credentials":{"password":"%s"}}""".formatted(user, user, user, password);
    expect(client.post(0, admin, "/engine-rest/user/create", profile), "create user " + user);
    expect(client.put(0, admin, "/engine-rest/group/" + group + "/members/" + user), "add " + user + " to " + group);
  }

  private static void expect(ClusterClient.Answer answer, String what) {
    if (answer.status() / 100 != 2) {
      throw new IllegalStateException(what + ": HTTP " + answer.status() + " " + answer.body());
    }
  }
}
