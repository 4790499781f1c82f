package jp.shisakuflow.organization;

import java.util.Arrays;
import java.util.Optional;

/**
 * The groups the processes assign work to. Ids use letters and digits only, so they pass the engine's
 * default identifier whitelist; {@code camunda-admin} is the engine's own administrator group.
 */
public enum OrganizationGroup {
  COMMUNITY_PROMOTION("communityPromotion", "市民文化局コミュニティ推進部", Type.DEPARTMENT),
  WARD_KAWASAKI("wardKawasaki", "川崎区役所", Type.WARD),
  WARD_SAIWAI("wardSaiwai", "幸区役所", Type.WARD),
  WARD_NAKAHARA("wardNakahara", "中原区役所", Type.WARD),
  WARD_TAKATSU("wardTakatsu", "高津区役所", Type.WARD),
  WARD_MIYAMAE("wardMiyamae", "宮前区役所", Type.WARD),
  WARD_TAMA("wardTama", "多摩区役所", Type.WARD),
  WARD_ASAO("wardAsao", "麻生区役所", Type.WARD),
  LEGAL_AFFAIRS("legalAffairs", "総務企画局 法制課", Type.DEPARTMENT),
  MANAGERS("managers", "施策推進管理者", Type.ROLE),
  AUDITORS("auditors", "監査担当", Type.ROLE),
  ADMINISTRATORS("camunda-admin", "システム管理者", Type.SYSTEM);

  /** What kind of unit a group is; the engine stores it as the group type. */
  public enum Type { DEPARTMENT, WARD, ROLE, SYSTEM }

  private final String id;
  private final String nameJa;
  private final Type type;

  OrganizationGroup(String id, String nameJa, Type type) {
    this.id = id;
    this.nameJa = nameJa;
    this.type = type;
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

  /** The engine's group type: {@code SYSTEM} for the administrators, {@code WORKFLOW} for the rest. */
  public String engineType() {
    return type == Type.SYSTEM ? "SYSTEM" : "WORKFLOW";
  }

  public static Optional<OrganizationGroup> fromId(String id) {
    return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
  }
}
