package jp.shisakuflow.support;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * A small plan of the readers' own, independent of the seed plan: vague dates, an item with co-owners,
 * a counterpart and a partner, an item in two wards that follows it and is discussed at a meeting "about"
 * in the second quarter, and a workstream (有識者会議) with milestones but no items.
 */
public final class LinkedPlan {

  public static final String TEAM = "staff-team";
  public static final String TRIAL = "staff-trial";
  public static final String YAML = """
      id: readers-plan
      title: 読み手の確認用の計画
      fiscalYear: 2019
      workstreams:
        - { id: promotion, name: 推進体制の構築 }
        - { id: council, name: 有識者会議 }
      initiatives:
        - id: staff-team
          title: 職員プロジェクトチームの設置
          workstream: promotion
          lead: communityPromotion
          coOwners: [wardTakatsu]
          counterparts: [legalAffairs]
          partners: [川崎市市民自治財団]
          phases:
            - { step: 設置・検討, start: Q1, end: Q2 }
          nextYear: none
        - id: staff-trial
          title: 職員プロジェクトチームによる試行実施
          workstream: promotion
          lead: communityPromotion
          wards: [wardTakatsu, wardTama]
          phases:
            - { stage: implementModel, name: 試行実施, start: about Q2, end: Q3 }
          links:
            - { follows: staff-team }
            - { discussedAt: council-2, note: 有識者会議等で意見聴取 }
          nextYear: none
      milestones:
        - { id: council-1, title: 第1回有識者会議, kind: meeting, date: 2019-07-09, workstream: council, lead: communityPromotion }
        - { id: council-2, title: 第2回有識者会議, kind: meeting, date: about Q2, workstream: council, lead: communityPromotion, about: [staff-trial] }
      """;

  private LinkedPlan() {}

  /** Imports the plan into the year on its 1 April (the engine's clock is reset afterwards). */
  public static void importInto(PlanImportService plans, IdentityService identity, int fiscalYear) {
    TestUsers.ensure(identity, "manager", OrganizationGroup.MANAGERS);
    try {
      ClockUtil.setCurrentTime(Date.from(LocalDate.of(fiscalYear, 4, 1).atTime(LocalTime.of(10, 0))
          .atZone(CityTime.ZONE).toInstant()));
      plans.importPlan("readers-plan.yaml", YAML, fiscalYear);
    } finally {
      ClockUtil.reset();
    }
  }
}
