package jp.shisakuflow.support;

import jp.shisakuflow.organization.Cities;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.OrganizationGroup;
import org.camunda.bpm.engine.IdentityService;

/** Creates the cities, their groups and a user per group, as a production directory would hold them. */
public final class TestUsers {

  /** Every test user's password: it passes the engine's password policy. */
  public static final String PASSWORD = "Kw4!nd-Sf#2026x";

  private TestUsers() {}

  /** Creates missing groups, and the user {@code id} (password {@link #PASSWORD}) in {@code group}. */
  public static void ensure(IdentityService identity, String id, OrganizationGroup group) {
    ensure(identity, id, group, group.city().orElse(City.SEED));
  }

  /** As {@link #ensure(IdentityService, String, OrganizationGroup)}, a person of {@code city}. */
  public static void ensure(IdentityService identity, String id, OrganizationGroup group, City city) {
    ensure(identity, id, group.id(), city);
  }

  /** An administrator of {@code city}'s people and plans (its group {@code <city>Admins}). */
  public static void ensureAdministratorOf(IdentityService identity, String id, City city) {
    ensure(identity, id, jp.shisakuflow.organization.CityAdministrators.groupId(city.tenantId()), city);
  }

  private static void ensure(IdentityService identity, String id, String groupId, City city) {
    for (City each : City.values()) {
      Cities.ensure(identity, each);
    }
    if (identity.createUserQuery().userId(id).count() == 0) {
      var user = identity.newUser(id);
      user.setFirstName(id);
      user.setLastName("テスト");
      user.setEmail(id + "@test.invalid");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      identity.createMembership(id, groupId);
      Cities.addPerson(identity, city, id);
    }
  }
}
