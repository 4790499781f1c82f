package jp.shisakuflow.demo;

import java.util.List;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.CityAdministrators;
import jp.shisakuflow.organization.OrganizationGroup;

/**
 * The demo profile's people, each of one city; each demo password equals the user id, as in Camunda's own demo.
 * The administrator is the system's (every city); each city has its own administrator of its people and plans;
 * `overview` reads both cities' progress (the overview role); 若葉市, the second city, has no wards.
 */
final class DemoDirectory {

  record DemoUser(String id, String lastName, String firstName, String groupId, List<City> cities) {

    DemoUser(String id, String lastName, String firstName, OrganizationGroup group) {
      this(id, lastName, firstName, group, City.KAWASAKI);
    }

    DemoUser(String id, String lastName, String firstName, OrganizationGroup group, City city) {
      this(id, lastName, firstName, group, List.of(city));
    }

    DemoUser(String id, String lastName, String firstName, OrganizationGroup group, List<City> cities) {
      this(id, lastName, firstName, group.id(), cities);
    }

    /** The administrator of one city's people and plans ({@link CityAdministrators}). */
    static DemoUser administratorOf(City city, String id, String lastName, String firstName) {
      return new DemoUser(id, lastName, firstName, CityAdministrators.groupId(city.tenantId()), List.of(city));
    }

    String email() {
      return id + "@demo.shisakuflow.invalid";
    }
  }

  static final List<DemoUser> USERS = List.of(
      new DemoUser("admin", "管理", "太郎", OrganizationGroup.ADMINISTRATORS),
      new DemoUser("manager", "推進", "花子", OrganizationGroup.MANAGERS),
      new DemoUser("auditor", "監査", "一郎", OrganizationGroup.AUDITORS),
      new DemoUser("community", "地域", "結衣", OrganizationGroup.COMMUNITY_PROMOTION),
      new DemoUser("kawasaki", "川崎", "健", OrganizationGroup.WARD_KAWASAKI),
      new DemoUser("saiwai", "幸田", "美咲", OrganizationGroup.WARD_SAIWAI),
      new DemoUser("nakahara", "中原", "翔", OrganizationGroup.WARD_NAKAHARA),
      new DemoUser("takatsu", "高津", "陽菜", OrganizationGroup.WARD_TAKATSU),
      new DemoUser("miyamae", "宮前", "大輔", OrganizationGroup.WARD_MIYAMAE),
      new DemoUser("tama", "多摩", "さくら", OrganizationGroup.WARD_TAMA),
      new DemoUser("asao", "麻生", "蓮", OrganizationGroup.WARD_ASAO),
      new DemoUser("legal", "法務", "直子", OrganizationGroup.LEGAL_AFFAIRS),
      new DemoUser("wakabaManager", "若葉", "誠", OrganizationGroup.MANAGERS, City.WAKABA),
      new DemoUser("wakabaAuditor", "青木", "律子", OrganizationGroup.AUDITORS, City.WAKABA),
      new DemoUser("wakabaPlanning", "森", "拓海", OrganizationGroup.WAKABA_PLANNING, City.WAKABA),
      new DemoUser("wakabaCommunity", "林", "葵", OrganizationGroup.WAKABA_COMMUNITY, City.WAKABA),
      new DemoUser("overview", "広域", "誠司", OrganizationGroup.OVERVIEW, List.of(City.values())),
      DemoUser.administratorOf(City.KAWASAKI, "kawasakiAdmin", "川崎", "聡"),
      DemoUser.administratorOf(City.WAKABA, "wakabaAdmin", "若葉", "智子"));

  private DemoDirectory() {}
}
