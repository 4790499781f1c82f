package jp.shisakuflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import jp.shisakuflow.fiscalyear.StandalonePlanServices;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.PlannedPhase;
import jp.shisakuflow.organization.OrganizationGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed schedule, item by item and milestone by milestone, against processes/plans/fy2019-community.yaml. */
class SeedPlanTest {

  static final String SEED_PLAN = StandalonePlanServices.SEED_PLAN;

  /** Every ● of the chart (and the unmarked trial row), by the words the chart uses, and its plan id. */
  static final Map<String, String> SEED_ITEMS = Map.ofEntries(
      Map.entry("モデル事業実施支援", "hiroba-model-support"),
      Map.entry("モデル事業等の実施による取組の早期の見える化と機運醸成", "hiroba-visibility"),
      Map.entry("まちのひろばモデル事業等の試行実施", "hiroba-trial"),
      Map.entry("こども文化センター、いこいの家など、地域化に向けた他局事業との調整、連携", "hiroba-children-centers"),
      Map.entry("(仮称)まちのひろばフェス", "hiroba-fes"),
      Map.entry("「まちのひろば」普及啓発冊子の作成・のれん作成WSの開催", "hiroba-booklet"),
      Map.entry("支援ガイドブックの作成", "hiroba-guidebook"),
      Map.entry("公共施設の地域化の推進", "public-facility-localization"),
      Map.entry("地域化に向けたガイドラインの検討", "localization-guideline"),
      Map.entry("有機的な事業連携・調整による横断的な展開", "cross-bureau-collaboration"),
      Map.entry("学校施設有効利用2019新規モデル事業、生活支援体制整備推進事業、防災関係事業、パラムーブメントアクション等の各局事業等との有機的連携、調整",
          "bureau-program-collaboration"),
      Map.entry("今年度モデル実施区", "sdc-model-wards-this-year"),
      Map.entry("次年度以降モデル実施区", "sdc-model-wards-next-year"),
      Map.entry("区民会議条例の廃止及び関係例規の整理", "ward-council-repeal"),
      Map.entry("区における「行政への参加」のあり方検討", "ward-participation-review"),
      Map.entry("まちづくり推進組織等のあり方の整理", "machizukuri-org-review"),
      Map.entry("町内会・自治会活動の活性化に向けた取組", "neighborhood-association-activation"),
      Map.entry("川崎市市民自治財団、川崎市全町内会連合会との調整", "foundation-federation-coordination"),
      Map.entry("マンションコミュニティ支援に向けた調整", "apartment-community"),
      Map.entry("地域みまもり支援センターとまちづくり推進部の連携強化と組織のあり方検討", "watch-center-collaboration"),
      Map.entry("行政内部及び関係機関(社協等)との連携強化による効果的・効率的な業務の執行", "administrative-collaboration"),
      Map.entry("職員プロジェクトチームの設置", "staff-project-team"),
      Map.entry("区総合行政推進会議、コミュニティ施策推進会議", "promotion-meetings"),
      Map.entry("協働・連携研修「まちのひろばの見つけ方」", "hiroba-finding-training"),
      Map.entry("職場集合研修「社会実験はじめませんか」(仮)", "social-experiment-training"),
      Map.entry("地域コーディネーター研修", "coordinator-training"),
      Map.entry("出前説明会", "outreach-briefings"),
      Map.entry("都市政策研究会", "urban-policy-study"),
      Map.entry("資金循環のしくみ構築", "funding-cycle"),
      Map.entry("全市的な中間支援機能を担う各出資法人等や、コミュニティ関連の団体との連携", "intermediary-collaboration"),
      Map.entry("「基本的考え方」の周知・広報強化期間", "awareness-campaign"));

  /** Every ▲ of the chart with its date; the undated ones at the date the plan reads for them. */
  static final Map<String, String> SEED_MILESTONES = Map.ofEntries(
      Map.entry("第1回有識者会議", "2019-07-09"),
      Map.entry("第2回有識者会議", "2019-10-29"),
      Map.entry("第3回有識者会議", "2019-12-17"),
      Map.entry("第4回有識者会議", "2020-03-10"),
      Map.entry("鈴木美央氏講演「人が集まる公共空間をつくる」", "2019-07-11"),
      Map.entry("第1回コミュニティ施策推進会議（課長級）", "2019-04-23"),
      Map.entry("第1回コミュニティ施策推進会議（部長級）", "2019-05-09"),
      Map.entry("第2回コミュニティ施策推進会議（課長級）", "2019-10-08"),
      Map.entry("第2回コミュニティ施策推進会議（部長級）", "2019-10-24"),
      Map.entry("第3回コミュニティ施策推進会議（課長級）", "2020-02-04"),
      Map.entry("第3回コミュニティ施策推進会議（部長級）", "2020-02-20"),
      Map.entry("第1回区総合行政推進会議", "2019-06-04"),
      Map.entry("第2回区総合行政推進会議", "2019-11-12"),
      Map.entry("第3回区総合行政推進会議", "2020-02-12"),
      Map.entry("第1回全体会（職員プロジェクトチーム）", "2019-06-04"),
      Map.entry("第2回全体会（都市政策研究会と合同開催）", "2019-07-11"),
      Map.entry("第3回全体会（NEC職員PJとの共創セッションと合同開催）", "2019-08-05"),
      Map.entry("協働・連携研修「まちのひろばの見つけ方」", "2019-06-20"),
      Map.entry("地域コーディネーター基礎研修（第1回）", "2019-06-03"),
      Map.entry("地域コーディネーター基礎研修（第2回）", "2019-06-13"),
      Map.entry("地域コーディネーター ステップアップ研修（第1回）", "2019-08-20"),
      Map.entry("地域コーディネーター ステップアップ研修（第2回）", "2019-10-15"),
      Map.entry("地域コーディネーター ステップアップ研修（第3回）", "2019-12-10"),
      Map.entry("地域コーディネーター ステップアップ研修（第4回）", "2020-02-18"),
      Map.entry("モデル展開を行う区の決定", "2019-06-28"),
      Map.entry("6月議会に区民会議条例の廃止を提案", "2019-06-05"),
      Map.entry("地域化に向けたガイドラインの策定", "2020-03-31"),
      Map.entry("(仮称)まちのひろばフェス（1日目）", "2019-11-04"),
      Map.entry("(仮称)まちのひろばフェス（2日目）", "2019-11-09"),
      Map.entry("農園フェス2019", "2019-05-12"),
      Map.entry("アリーノ10周年記念事業＆鹿島田DAYSイベント", "2019-05-18"),
      Map.entry("高津どんなもんじゃ祭り", "2019-06-16"),
      Map.entry("かわさき色輪っかつなぎ2019＆水辺交流会", "2019-07-07"),
      Map.entry("なかはらっぱ祭り", "2019-07-14"),
      Map.entry("コスギアート・ラ・ファブリカ", "2019-09-16"),
      Map.entry("JR南武線連続立体交差化PRオープンハウス", "2019-10-26"),
      Map.entry("カワサキよりみちサーカス（1日目）", "2019-11-16"),
      Map.entry("カワサキよりみちサーカス（2日目）", "2019-11-17"),
      Map.entry("地域包括ケアシステム市民シンポジウム", "2019-11-22"),
      Map.entry("おもてなし英国イベント", "2019-11-23"),
      Map.entry("ごえんカフェ", "2019-11-30"));

  private static Plan plan;

  @BeforeAll
  static void readPlan() throws IOException {
    try (var in = SeedPlanTest.class.getClassLoader().getResourceAsStream(SEED_PLAN)) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      plan = new PlanParser(Arrays.stream(OrganizationGroup.values()).map(OrganizationGroup::id)
          .collect(Collectors.toSet())).parse(SEED_PLAN, yaml);
    }
  }

  @Test
  void holdsAllTenWorkstreams() {
    assertThat(plan.workstreams()).extracting(Plan.Workstream::name).containsExactly(
        "「まちのひろば」の推進", "「ソーシャルデザインセンター」の創出", "既存施策の整理", "町内会・自治会との連携",
        "区役所体制・機能強化", "推進体制の構築", "研修を活用した職員の意識醸成", "有識者会議", "その他", "関連する地域イベント");
  }

  @Test
  void holdsEveryItemOfTheSeedAndNothingElse() {
    assertThat(plan.initiatives()).extracting(PlannedInitiative::id)
        .containsExactlyInAnyOrderElementsOf(SEED_ITEMS.values());
    SEED_ITEMS.forEach((words, id) ->
        assertThat(plan.initiative(id).orElseThrow().title()).as(id).contains(words));
  }

  @Test
  void holdsEveryMilestoneOfTheSeedWithItsDate() {
    assertThat(plan.milestones()).hasSameSizeAs(SEED_MILESTONES.entrySet());
    SEED_MILESTONES.forEach((title, date) -> assertThat(plan.milestones())
        .as(title).anyMatch(m -> m.title().equals(title) && m.date().first().equals(LocalDate.parse(date))));
  }

  @Test
  void everyItemHasPhasesInsideTheYearAndANextYearOutcome() {
    for (PlannedInitiative initiative : plan.initiatives()) {
      assertThat(initiative.phases()).as(initiative.id()).isNotEmpty();
      assertThat(initiative.nextYear()).as(initiative.id()).isNotNull();
    }
  }

  @Test
  void itemsWithTheirOwnStepsAreDrivenByThoseSteps() {
    assertThat(steps("localization-guideline")).containsExactly("庁内調整、素案作成", "庁内照会", "案作成", "策定");
    assertThat(steps("ward-council-repeal")).containsExactly("法制課との協議", "6月議会に提案", "関係例規の整理");
    assertThat(steps("hiroba-booklet")).containsExactly("情報収集等", "冊子作成・WS試行実施", "冊子配布・WS実施");
    assertThat(steps("promotion-meetings")).containsExactly("継続実施");
    assertThat(plan.initiative("hiroba-trial").orElseThrow().runsLifecycle()).isTrue();
    assertThat(plan.initiative("sdc-model-wards-this-year").orElseThrow().nextYear()).isEqualTo(Outcome.PHASED_ROLLOUT);
    assertThat(plan.initiative("ward-council-repeal").orElseThrow().ownerGroup()).isEqualTo("legalAffairs");
  }

  private static java.util.List<String> steps(String id) {
    PlannedInitiative initiative = plan.initiative(id).orElseThrow();
    assertThat(initiative.runsLifecycle()).as(id + " runs its own steps").isFalse();
    return initiative.phases().stream().map(PlannedPhase::name).toList();
  }
}
