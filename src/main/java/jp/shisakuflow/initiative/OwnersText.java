package jp.shisakuflow.initiative;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.shisakuflow.organization.OrganizationGroup;

/**
 * Who an initiative belongs to, in the words people read in Tasklist, the schedule and the report:
 * 「主担当: 市民文化局コミュニティ推進部 ほか: 高津区役所／関係先: 総務企画局 法制課／協力: 川崎市市民自治財団／実施区: 全区」.
 * Read from the variables an instance was started with, so it works for any reader without the plan.
 */
public final class OwnersText {

  static final String SEPARATOR = "／";
  static final String LIST_SEPARATOR = "、";

  private OwnersText() {}

  /** Comma-separated text of a variable ({@code ownerGroups}, {@code wards}) as a list; null or blank: none. */
  public static List<String> groups(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isBlank() ? List.of()
        : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** The {@code partners} variable (、-joined names) as a list. */
  public static List<String> partners(String joined) {
    return joined == null || joined.isBlank() ? List.of()
        : Arrays.stream(joined.split(LIST_SEPARATOR)).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** A group's Japanese name (高津区役所 for wardTakatsu); an unknown id as it is. */
  public static String groupName(String groupId) {
    return OrganizationGroup.fromId(groupId).map(OrganizationGroup::nameJa).orElse(groupId);
  }

  /** The ward scope in words: 全区, 年度内に決定（決定済み: …）, or the wards listed; empty for none. */
  public static String wardsText(String mode, List<String> wards) {
    String names = String.join(LIST_SEPARATOR, wards.stream().map(OwnersText::groupName).toList());
    if (mode == null || mode.equals(WardScope.Mode.NONE.name())) {
      return "";
    }
    if (mode.equals(WardScope.Mode.ALL.name())) {
      return "全区";
    }
    if (mode.equals(WardScope.Mode.DECIDED_IN_YEAR.name())) {
      return wards.isEmpty() ? "年度内に決定" : "年度内に決定（決定済み: " + names + "）";
    }
    return names;
  }

  /**
   * The whole line; parts that are empty are left out.
   *
   * @param lead the group that leads it (null: none known)
   * @param coOwners groups that share its tasks (the lead, if among them, is not repeated)
   */
  public static String of(String lead, List<String> coOwners, List<String> counterparts, List<String> partners,
      String wardScope, List<String> wards) {
    List<String> parts = new ArrayList<>();
    List<String> others = coOwners.stream().filter(g -> !g.equals(lead)).map(OwnersText::groupName).toList();
    if (lead != null && !lead.isBlank()) {
      parts.add("主担当: " + groupName(lead) + (others.isEmpty() ? "" : " ほか: " + String.join(LIST_SEPARATOR, others)));
    }
    if (!counterparts.isEmpty()) {
      parts.add("関係先: " + String.join(LIST_SEPARATOR, counterparts.stream().map(OwnersText::groupName).toList()));
    }
    if (!partners.isEmpty()) {
      parts.add("協力: " + String.join(LIST_SEPARATOR, partners));
    }
    String wardsText = wardsText(wardScope, wards);
    if (!wardsText.isEmpty()) {
      parts.add("実施区: " + wardsText);
    }
    return String.join(SEPARATOR, parts);
  }
}
