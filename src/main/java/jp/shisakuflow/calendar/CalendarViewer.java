package jp.shisakuflow.calendar;

import java.util.List;
import jp.shisakuflow.organization.OrganizationGroup;

/**
 * Whose calendar it is: the logged-in user, or the owner of a feed URL, within their cities. Tasks are what the engine lets them
 * read; milestones are those their own groups own, or all of them for managers, auditors and administrators,
 * who read every plan and instance anyway.
 */
public record CalendarViewer(String userId, List<String> groupIds, List<String> tenantIds, String displayName) {

  private static final List<String> SEE_EVERY_PLAN = List.of(OrganizationGroup.MANAGERS.id(),
      OrganizationGroup.AUDITORS.id(), OrganizationGroup.ADMINISTRATORS.id());

  public CalendarViewer {
    groupIds = List.copyOf(groupIds);
    tenantIds = List.copyOf(tenantIds);
  }

  public boolean memberOf(String groupId) {
    return groupIds.contains(groupId);
  }

  public boolean seesEveryMilestone() {
    return groupIds.stream().anyMatch(SEE_EVERY_PLAN::contains);
  }

  public boolean seesMilestoneOf(String ownerGroup) {
    return seesEveryMilestone() || memberOf(ownerGroup);
  }
}
