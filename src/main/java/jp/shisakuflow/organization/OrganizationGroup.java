package jp.shisakuflow.organization;

import java.util.Arrays;
import java.util.Optional;

/**
 * The groups the processes assign work to. Ids use letters and digits only, so they pass the engine's
 * default identifier whitelist; {@code camunda-admin} is the engine's own administrator group. A department or
 * ward belongs to one {@link City} (the engine holds that as the group's membership of the city's tenant); the
 * roles are the same groups in every city, and a person's city is their own membership.
 */
public enum OrganizationGroup {
  COMMUNITY_PROMOTION("communityPromotion", "市民文化局コミュニティ推進部", Type.DEPARTMENT, City.KAWASAKI),
  WARD_KAWASAKI("wardKawasaki", "川崎区役所", Type.WARD, City.KAWASAKI),
  WARD_SAIWAI("wardSaiwai", "幸区役所", Type.WARD, City.KAWASAKI),
  WARD_NAKAHARA("wardNakahara", "中原区役所", Type.WARD, City.KAWASAKI),
  WARD_TAKATSU("wardTakatsu", "高津区役所", Type.WARD, City.KAWASAKI),
  WARD_MIYAMAE("wardMiyamae", "宮前区役所", Type.WARD, City.KAWASAKI),
  WARD_TAMA("wardTama", "多摩区役所", Type.WARD, City.KAWASAKI),
  WARD_ASAO("wardAsao", "麻生区役所", Type.WARD, City.KAWASAKI),
  LEGAL_AFFAIRS("legalAffairs", "総務企画局 法制課", Type.DEPARTMENT, City.KAWASAKI),
  WAKABA_PLANNING("wakabaPlanning", "若葉市 企画政策課", Type.DEPARTMENT, City.WAKABA),
  WAKABA_COMMUNITY("wakabaCommunity", "若葉市 市民協働課", Type.DEPARTMENT, City.WAKABA),
  MANAGERS("managers", "施策推進管理者", Type.ROLE, null),
  AUDITORS("auditors", "監査担当", Type.ROLE, null),
  /** Across cities, read-only: counts and the schedule of each of its people's cities, no person's data. */
  OVERVIEW("regionalOverview", "広域の進捗閲覧", Type.ROLE, null),
  ADMINISTRATORS("camunda-admin", "システム管理者", Type.SYSTEM, null);

  /** What kind of unit a group is; the engine stores it as the group type. */
  public enum Type { DEPARTMENT, WARD, ROLE, SYSTEM }

  private final String id;
  private final String nameJa;
  private final Type type;
  private final City city;

  OrganizationGroup(String id, String nameJa, Type type, City city) {
    this.id = id;
    this.nameJa = nameJa;
    this.type = type;
    this.city = city;
  }

  public String id() {
    return id;
  }

  public String nameJa() {
    return nameJa;
  }

  public Type type() {
    return type;
  }

  /** The city a department or ward belongs to; empty for a role, which every city has. */
  public Optional<City> city() {
    return Optional.ofNullable(city);
  }

  /** The engine's group type: {@code SYSTEM} for the administrators, {@code WORKFLOW} for the rest. */
  public String engineType() {
    return type == Type.SYSTEM ? "SYSTEM" : "WORKFLOW";
  }

  public static Optional<OrganizationGroup> fromId(String id) {
    return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
  }
}
