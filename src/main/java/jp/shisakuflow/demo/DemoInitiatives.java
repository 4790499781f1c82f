package jp.shisakuflow.demo;

import java.util.List;
import jp.shisakuflow.initiative.InitiativeStart;

/** A few of the seed schedule's items, started in the current fiscal year so that Tasklist isn't empty. */
final class DemoInitiatives {

  record DemoInitiative(String id, String title, String workstream, String ownerGroup, boolean advanceToDecision) {
    InitiativeStart startIn(int fiscalYear) {
      return InitiativeStart.unplanned(id, title, workstream, ownerGroup, fiscalYear);
    }
  }

  static final List<DemoInitiative> ALL = List.of(
      new DemoInitiative("hiroba-model-support", "「まちのひろば」モデル事業実施支援",
          "「まちのひろば」の推進", "communityPromotion", false),
      new DemoInitiative("sdc-model-ward", "ソーシャルデザインセンター 今年度モデル実施区での展開",
          "「ソーシャルデザインセンター」の創出", "wardTakatsu", false),
      new DemoInitiative("apartment-community", "マンションコミュニティ支援",
          "町内会・自治会との連携", "wardNakahara", false),
      new DemoInitiative("machizukuri-org-review", "まちづくり推進組織等のあり方の整理",
          "既存施策の整理", "communityPromotion", false),
      new DemoInitiative("coordinator-training", "地域コーディネーター研修",
          "研修を活用した職員の意識醸成", "communityPromotion", true));

  private DemoInitiatives() {}
}
