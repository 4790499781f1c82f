package jp.shisakuflow.cluster;

import jp.shisakuflow.organization.OrganizationGroup;

/** The people of the cluster run: one member of staff per owning office and one manager. */
final class ClusterUsers {

  static final String MANAGER = "clmanager";

  private ClusterUsers() {}

  static String staffOf(OrganizationGroup office) {
    return "cl" + office.id().replace("ward", "").toLowerCase();
  }

  /** Creates them through the engine's REST API, as an administrator would. */
  static void create(ClusterClient client, String admin, String password) throws InterruptedException {
    createOne(client, admin, MANAGER, OrganizationGroup.MANAGERS.id(), password);
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
