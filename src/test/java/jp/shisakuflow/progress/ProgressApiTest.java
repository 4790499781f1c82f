package jp.shisakuflow.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.KnownYear;
import jp.shisakuflow.support.LinkedPlan;
import jp.shisakuflow.support.StatementCounter;
import jp.shisakuflow.support.TestUsers;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;

/** Plan against actual on a known FY2019: one initiative on time, one late, one ahead, one done. */
@ApiTest
class ProgressApiTest {

  static final int YEAR = 2019;

  @Autowired TestRestTemplate http;
  @Autowired KnownYear knownYear;
  @Autowired PlanImportService plans;
  @Autowired ProgressService progress;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;

  @BeforeEach
  void seedYear() {
    knownYear.ensure();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void eachInitiativeIsOnTimeLateAheadOrDone() {
    ProgressReport report = progress.report(YEAR, LocalDate.of(2019, 10, 15));

    assertThat(report.initiatives()).hasSize(29);
    assertThat(initiative(report, "hiroba-model-support")).satisfies(p -> {
      assertThat(p.status()).isEqualTo(ProgressStatus.ON_SCHEDULE);
      assertThat(p.plannedPhase().name()).isEqualTo("募集開始・支援実施");
      assertThat(p.actualPhase().name()).isEqualTo("募集開始・支援実施");
      assertThat(p.actualPhase().start()).isEqualTo(LocalDate.of(2019, 9, 20));
    });
    assertThat(initiative(report, "hiroba-guidebook")).satisfies(p -> {
      assertThat(p.status()).isEqualTo(ProgressStatus.DELAYED);
      assertThat(p.statusLabel()).isEqualTo("遅延");
      assertThat(p.daysLate()).isEqualTo(15);
      assertThat(p.actualPhase().name()).isEqualTo("庁内調査");
      assertThat(p.plannedPhase().name()).isEqualTo("作成・配布");
      assertThat(p.delayFlagged()).isTrue();
    });
    assertThat(initiative(report, "hiroba-booklet")).satisfies(p -> {
      assertThat(p.status()).isEqualTo(ProgressStatus.AHEAD);
      assertThat(p.actualPhase().name()).isEqualTo("冊子配布・WS実施");
      assertThat(p.plannedPhase().name()).isEqualTo("冊子作成・WS試行実施");
    });
    assertThat(initiative(report, "ward-council-repeal").status()).isEqualTo(ProgressStatus.COMPLETED);
    assertThat(report.byWorkstream()).filteredOn(s -> s.key().equals("existing-policies")).singleElement()
        .satisfies(s -> {
          assertThat(s.total()).isEqualTo(3);
          assertThat(s.completed()).isEqualTo(1);
        });
    assertThat(report.byOwnerGroup()).filteredOn(s -> s.key().equals("communityPromotion")).singleElement()
        .satisfies(s -> assertThat(s.completed()).isEqualTo(1));
  }

  @Test
  void anEarlierDateShowsTheYearAsItStoodThen() {
    ProgressReport report = progress.report(YEAR, LocalDate.of(2019, 9, 1));

    assertThat(initiative(report, "hiroba-booklet").status()).isEqualTo(ProgressStatus.ON_SCHEDULE);
    assertThat(initiative(report, "hiroba-booklet").actualPhase().name()).isEqualTo("情報収集等");
    assertThat(initiative(report, "hiroba-guidebook").status()).isEqualTo(ProgressStatus.ON_SCHEDULE);
    ProgressReport june = progress.report(YEAR, LocalDate.of(2019, 6, 10));
    assertThat(initiative(june, "ward-council-repeal").status()).isEqualTo(ProgressStatus.ON_SCHEDULE);
    assertThat(initiative(june, "ward-council-repeal").actualPhase().name()).isEqualTo("6月議会に提案");
  }

  @Test
  void theNumberOfQueriesDoesNotGrowWithTheNumberOfInitiatives() {
    int year = 2024;
    startUnplanned(year, 0, 5);
    int before = StatementCounter.count();
    progress.report(year, LocalDate.of(2024, 10, 15));
    int withFive = StatementCounter.count() - before;

    startUnplanned(year, 5, 60);
    before = StatementCounter.count();
    ProgressReport report = progress.report(year, LocalDate.of(2024, 10, 15));
    int withSixty = StatementCounter.count() - before;

    assertThat(report.initiatives()).hasSize(60);
    assertThat(withSixty).isEqualTo(withFive).isLessThanOrEqualTo(3);
  }

  @Test
  void theApiAnswersStaffAndRefusesStrangersAndBadDates() {
    var response = http.withBasicAuth("kawasaki", TestUsers.PASSWORD)
        .getForEntity("/api/progress?fiscalYear=2019&asOf=2019-10-15", Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).containsEntry("fiscalYear", 2019).containsEntry("asOf", "2019-10-15");

    assertThat(http.getForEntity("/api/progress", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    var bad = http.withBasicAuth("kawasaki", TestUsers.PASSWORD).getForEntity("/api/progress?asOf=2019-13-45", Map.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) bad.getBody().get("detail")).contains("asOf", "2019-13-45");
  }

  @Test
  void theDashboardDrawsAnInstanceInItsOwnYearWithTheLabelsItShows() {
    String processInstanceId = initiative(progress.report(YEAR, LocalDate.of(2019, 10, 15)), "hiroba-booklet")
        .processInstanceId();
    var manager = http.withBasicAuth("kawasaki", TestUsers.PASSWORD);
    int currentYear = FiscalYear.containing(CityTime.today(ClockUtil.getCurrentTime()));

    Map<?, ?> ofInstance = manager.getForObject("/api/progress/dashboard?processInstanceId=" + processInstanceId,
        Map.class);
    assertThat(ofInstance.get("fiscalYear")).isEqualTo(YEAR);
    @SuppressWarnings("unchecked")
    Map<String, String> labels = (Map<String, String>) ofInstance.get("statusLabels");
    assertThat(labels).containsEntry("DELAYED", "遅延")
        .containsOnlyKeys(Arrays.stream(ProgressStatus.values()).map(Enum::name).toList());
    @SuppressWarnings("unchecked")
    List<Integer> years = (List<Integer>) ofInstance.get("selectableYears");
    assertThat(years).startsWith(currentYear + 1, currentYear).hasSize(9);

    assertThat((List<?>) ofInstance.get("delays")).as("the booklet is ahead, never late").isEmpty();

    String late = initiative(progress.report(YEAR, LocalDate.of(2019, 10, 15)), "hiroba-guidebook").processInstanceId();
    List<?> delays = (List<?>) manager.getForObject("/api/progress/dashboard?processInstanceId=" + late, Map.class)
        .get("delays");
    assertThat(delays).singleElement().satisfies(delay -> {
      Map<?, ?> row = (Map<?, ?>) delay;
      assertThat(row.get("name")).isNotNull();
      assertThat(row.get("detected")).isNotNull();
      assertThat(row.get("handled")).as("not handled yet").isNull();
    });
    assertThat((List<?>) manager.getForObject("/api/progress/dashboard?fiscalYear=" + YEAR, Map.class).get("delays"))
        .as("the year's dashboard lists no instance's delays").isEmpty();

    assertThat(manager.getForObject("/api/progress/dashboard?processInstanceId=no-such-instance", Map.class)
        .get("fiscalYear")).as("an unknown instance: the current year").isEqualTo(currentYear);
    assertThat(manager.getForObject("/api/progress/dashboard?fiscalYear=2020&processInstanceId=" + processInstanceId,
        Map.class).get("fiscalYear")).as("a year chosen wins over the instance's").isEqualTo(2020);
  }

  @Test
  void anInitiativeSaysItsPeriodsOwnersLinksAndThePredecessorItWaitsFor() {
    int year = 2041;
    LinkedPlan.importInto(plans, identityService, year);
    LocalDate asOf = LocalDate.of(year, 8, 15);
    progress.report(year, asOf); // the plan is read from its deployment once, then kept

    int before = StatementCounter.count();
    ProgressReport report = progress.report(year, asOf);
    assertThat(StatementCounter.count() - before).as("links come from the plan, owners from the variables read")
        .isLessThanOrEqualTo(3);

    assertThat(initiative(report, LinkedPlan.TEAM)).satisfies(team -> {
      assertThat(team.owners().lead()).isEqualTo("communityPromotion");
      assertThat(team.owners().coOwners()).containsExactly("wardTakatsu");
      assertThat(team.owners().counterparts()).containsExactly("legalAffairs");
      assertThat(team.owners().partners()).containsExactly("川崎市市民自治財団");
      assertThat(team.owners().text()).isEqualTo(
          "主担当: 市民文化局コミュニティ推進部 ほか: 高津区役所／関係先: 総務企画局 法制課／協力: 川崎市市民自治財団");
      assertThat(team.plannedPhase().period()).isEqualTo("第1四半期〜第2四半期");
      assertThat(team.waitingFor()).isEmpty();
    });
    assertThat(initiative(report, LinkedPlan.TRIAL)).satisfies(trial -> {
      assertThat(trial.owners().wardScope()).isEqualTo("LISTED");
      assertThat(trial.owners().wards()).containsExactly("wardTakatsu", "wardTama");
      assertThat(trial.owners().text()).endsWith("実施区: 高津区役所、多摩区役所");
      assertThat(trial.phases()).extracting(ProgressReport.Phase::period).containsExactly("第2四半期頃〜第3四半期");
      assertThat(trial.links()).extracting(ProgressReport.Link::kind, ProgressReport.Link::kindLabel,
          ProgressReport.Link::target, ProgressReport.Link::targetTitle, ProgressReport.Link::note).containsExactly(
          org.assertj.core.groups.Tuple.tuple("follows", "先行する取組", LinkedPlan.TEAM, "職員プロジェクトチームの設置", null),
          org.assertj.core.groups.Tuple.tuple("discussedAt", "検討の場", "council-2", "第2回有識者会議（第2四半期頃）",
              "有識者会議等で意見聴取"));
      assertThat(trial.waitingFor()).singleElement().satisfies(w -> {
        assertThat(w.initiativeId()).isEqualTo(LinkedPlan.TEAM);
        assertThat(w.title()).isEqualTo("職員プロジェクトチームの設置");
      });
    });

    Map<?, ?> answer = http.withBasicAuth("kawasaki", TestUsers.PASSWORD)
        .getForObject("/api/progress?fiscalYear=" + year + "&asOf=" + asOf, Map.class);
    Map<?, ?> trial = ((List<?>) answer.get("initiatives")).stream().map(i -> (Map<?, ?>) i)
        .filter(i -> LinkedPlan.TRIAL.equals(i.get("initiativeId"))).findFirst().orElseThrow();
    assertThat((List<?>) trial.get("waitingFor")).singleElement()
        .satisfies(w -> assertThat(((Map<?, ?>) w).get("initiativeId")).isEqualTo(LinkedPlan.TEAM));
    assertThat((String) ((Map<?, ?>) trial.get("owners")).get("text")).endsWith("実施区: 高津区役所、多摩区役所");
    assertThat((List<?>) trial.get("links")).hasSize(2);
  }

  @Test
  void theDashboardShowsEveryWorkstreamAndVagueMilestonesAsTheirWindow() {
    int year = 2041;
    LinkedPlan.importInto(plans, identityService, year);

    Map<?, ?> dashboard = http.withBasicAuth("kawasaki", TestUsers.PASSWORD)
        .getForObject("/api/progress/dashboard?fiscalYear=" + year, Map.class);
    assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) dashboard.get("workstreamNames")).keySet())).as("in the plan's order, items or not")
        .containsExactly("promotion", "council");
    List<Map<?, ?>> milestones = ((List<?>) dashboard.get("milestones")).stream().<Map<?, ?>>map(m -> (Map<?, ?>) m)
        .toList();
    assertThat(milestones).filteredOn(m -> "council-2".equals(m.get("id"))).singleElement().satisfies(m -> {
      assertThat(m.get("exact")).isEqualTo(false);
      assertThat(m.get("dateText")).isEqualTo("第2四半期頃");
      assertThat(m.get("date")).isEqualTo(year + "-07-01");
      assertThat(m.get("until")).isEqualTo(year + "-09-30");
      assertThat(m.get("kindLabel")).isEqualTo("会議");
      assertThat(m.get("about")).isEqualTo(List.of("職員プロジェクトチームによる試行実施"));
    });
    assertThat(milestones).filteredOn(m -> "council-1".equals(m.get("id"))).singleElement().satisfies(m -> {
      assertThat(m.get("exact")).isEqualTo(true);
      assertThat(m.get("dateText")).isEqualTo("7月9日");
    });
  }

  @Test
  void finishedWorkKeepsTheDaysItsPhasesRanAndTheDayItEnded() {
    int year = 2065;
    LinkedPlan.importInto(plans, identityService, year);
    String team = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(jp.shisakuflow.initiative.BusinessKey.of(year, LinkedPlan.TEAM).toString())
        .singleResult().getId();
    completePhaseTask(team, LocalDate.of(year, 6, 20), Map.of());
    completePhaseTask(team, LocalDate.of(year, 7, 3),
        Map.of(jp.shisakuflow.initiative.InitiativeLifecycle.Var.DECIDED_OUTCOME, "none"));

    ProgressReport.InitiativeProgress justFinished = initiative(progress.report(year, LocalDate.of(year, 7, 3)),
        LinkedPlan.TEAM);
    assertThat(justFinished.status()).isEqualTo(ProgressStatus.COMPLETED);
    assertThat(justFinished.completed()).isEqualTo(LocalDate.of(year, 7, 3));
    assertThat(justFinished.completedText()).isEqualTo("7月3日に完了");
    assertThat(justFinished.actualPhases()).as("the months it ran stay, on the day it finished and after")
        .extracting(ProgressReport.Phase::name, ProgressReport.Phase::start, ProgressReport.Phase::end,
            ProgressReport.Phase::period)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("設置・検討", LocalDate.of(year, 4, 1), LocalDate.of(year, 6, 20),
                "4月1日〜6月20日"),
            org.assertj.core.groups.Tuple.tuple("次年度方針の決定", LocalDate.of(year, 6, 20), LocalDate.of(year, 7, 3),
                "6月20日〜7月3日"));
    assertThat(initiative(progress.report(year, LocalDate.of(year, 12, 1)), LinkedPlan.TEAM).actualPhases())
        .hasSize(2).last().satisfies(p -> assertThat(p.end()).isEqualTo(LocalDate.of(year, 7, 3)));

    ProgressReport.InitiativeProgress before = initiative(progress.report(year, LocalDate.of(year, 6, 10)),
        LinkedPlan.TEAM);
    assertThat(before.completed()).isNull();
    assertThat(before.actualPhases()).as("as it stood on 10 June: the first phase, still open")
        .singleElement().satisfies(p -> {
          assertThat(p.start()).isEqualTo(LocalDate.of(year, 4, 1));
          assertThat(p.end()).isNull();
          assertThat(p.period()).isEqualTo("4月1日〜（実施中）");
        });

    // The dashboard is as of today (the engine's clock; reset after each test).
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(year, 12, 1).atTime(LocalTime.NOON).atZone(CityTime.ZONE)
        .toInstant()));
    Map<?, ?> answer = http.withBasicAuth("kawasaki", TestUsers.PASSWORD)
        .getForObject("/api/progress/dashboard?fiscalYear=" + year, Map.class);
    Map<?, ?> teamRow = ((List<?>) ((Map<?, ?>) answer.get("progress")).get("initiatives")).stream()
        .map(i -> (Map<?, ?>) i).filter(i -> LinkedPlan.TEAM.equals(i.get("initiativeId"))).findFirst().orElseThrow();
    assertThat(teamRow.get("completed")).isEqualTo(year + "-07-03");
    assertThat((List<?>) teamRow.get("actualPhases")).hasSize(2).first()
        .satisfies(p -> assertThat(((Map<?, ?>) p).get("end")).isEqualTo(year + "-06-20"));
  }

  @Test
  void theDashboardsFiltersOfferWhatTheYearHasAndLimitTheCountsAndFigures() {
    int year = 2066;
    LinkedPlan.importInto(plans, identityService, year);
    var manager = http.withBasicAuth("kawasaki", TestUsers.PASSWORD);
    String url = "/api/progress/dashboard?fiscalYear=" + year;

    Map<?, ?> all = manager.getForObject(url, Map.class);
    assertThat(all.get("planned")).isEqualTo(true);
    Map<?, ?> options = (Map<?, ?>) all.get("filterOptions");
    assertThat(values(options.get("workstream"))).containsExactly("promotion", "council");
    assertThat(values(options.get("ownerGroup"))).as("leads and co-owners that are not wards; no counterpart")
        .containsExactly("communityPromotion");
    assertThat(values(options.get("ward"))).containsExactly("wardTakatsu", "wardTama");
    assertThat(values(options.get("status"))).isNotEmpty().doesNotContain("COMPLETED");
    assertThat(((List<?>) options.get("ward")).stream().map(o -> (Object) ((Map<?, ?>) o).get("label")).toList())
        .containsExactly("高津区役所", "多摩区役所");

    Map<?, ?> council = manager.getForObject(url + "&workstream=council", Map.class);
    assertThat(initiativesOf(council)).as("the council has meetings, no items").isEmpty();
    assertThat((List<?>) council.get("milestones")).hasSize(2);
    assertThat((List<?>) ((Map<?, ?>) council.get("progress")).get("byWorkstream")).isEmpty();
    assertThat(values(((Map<?, ?>) council.get("filterOptions")).get("workstream")))
        .as("the options stay those of the whole year").containsExactly("promotion", "council");

    Map<?, ?> tama = manager.getForObject(url + "&ward=wardTama", Map.class);
    assertThat(initiativesOf(tama).stream().map(i -> (Object) i.get("initiativeId")).toList())
        .containsExactly(LinkedPlan.TRIAL);
    assertThat((List<?>) tama.get("milestones")).as("no milestone is led by the ward").isEmpty();
    assertThat((List<?>) ((Map<?, ?>) tama.get("progress")).get("byWorkstream")).singleElement()
        .satisfies(row -> assertThat(((Map<?, ?>) row).get("total")).isEqualTo(1));
    assertThat((List<?>) ((Map<?, ?>) tama.get("figures")).get("trend")).isNotEmpty().allSatisfy(q -> {
      Map<?, ?> t = (Map<?, ?>) q;
      int counted = ((Number) t.get("onSchedule")).intValue() + ((Number) t.get("ahead")).intValue()
          + ((Number) t.get("delayed")).intValue() + ((Number) t.get("completed")).intValue();
      assertThat(counted).as("the trend counts the filtered item alone").isEqualTo(1);
    });

    Map<?, ?> nobody = manager.getForObject(url + "&ownerGroup=legalAffairs", Map.class);
    assertThat(initiativesOf(nobody)).isEmpty();
    assertThat((List<?>) nobody.get("milestones")).isEmpty();

    assertThat(manager.getForEntity(url + "&status=LATE", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    Map<?, ?> empty = manager.getForObject("/api/progress/dashboard?fiscalYear=" + FiscalYear.LAST_SUPPORTED,
        Map.class);
    assertThat(empty.get("planned")).as("a year nobody planned").isEqualTo(false);
    assertThat(values(((Map<?, ?>) empty.get("filterOptions")).get("ownerGroup"))).isEmpty();
  }

  @Test
  void anInstanceStartedByHandWithoutThePlansVariablesIsListedAndBreaksNoRead() {
    // As an administrator may through the engine's REST API: a business key of the year, an owner, nothing else.
    int year = 2085;
    String key = "FY" + year + "-started-by-hand";
    String id = runtimeService.startProcessInstanceByKey(jp.shisakuflow.initiative.InitiativeLifecycle.PROCESS_KEY, key,
        Map.of("ownerGroup", "wardTakatsu", "fiscalYear", year)).getId();
    initiatives.startIfAbsent(InitiativeStart.unplanned("planned-one", "計画どおりの施策", "hiroba",
        "communityPromotion", year));
    var staff = http.withBasicAuth("kawasaki", TestUsers.PASSWORD);

    var listed = staff.getForEntity("/api/progress?fiscalYear=" + year, Map.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<Map<?, ?>> rows = ((List<?>) listed.getBody().get("initiatives")).stream().<Map<?, ?>>map(i -> (Map<?, ?>) i)
        .toList();
    assertThat(rows).hasSize(2);
    assertThat(rows).filteredOn(r -> id.equals(r.get("processInstanceId"))).singleElement().satisfies(r -> {
      assertThat(r.get("initiativeId")).as("its id from its business key").isEqualTo("started-by-hand");
      assertThat(r.get("title")).as("said to have no title, with its key").isEqualTo("（題名なし）" + key);
      assertThat(r.get("workstream")).isEqualTo(ProgressReport.NO_WORKSTREAM);
    });
    Map<?, ?> dashboard = staff.getForObject("/api/progress/dashboard?fiscalYear=" + year, Map.class);
    assertThat(initiativesOf(dashboard)).hasSize(2);
    assertThat(((Map<?, ?>) dashboard.get("workstreamNames")).get(ProgressReport.NO_WORKSTREAM))
        .isEqualTo("ワークストリーム未設定");
    assertThat(staff.getForEntity("/api/progress/dashboard?processInstanceId=" + id, Map.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    TestUsers.ensure(identityService, "manager", OrganizationGroup.MANAGERS);
    assertThat(http.withBasicAuth("manager", TestUsers.PASSWORD)
        .getForEntity("/api/reports/quarterly?fiscalYear=" + year + "&quarter=1", byte[].class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  private static List<Object> values(Object options) {
    return ((List<?>) options).stream().map(o -> ((Map<?, ?>) o).get("value")).map(Object.class::cast).toList();
  }

  private static List<Map<?, ?>> initiativesOf(Map<?, ?> dashboard) {
    return ((List<?>) ((Map<?, ?>) dashboard.get("progress")).get("initiatives")).stream()
        .<Map<?, ?>>map(i -> (Map<?, ?>) i).toList();
  }

  /** Completes the instance's open phase task (a step or the decision) on that day, 10:00 in the city. */
  private void completePhaseTask(String processInstanceId, LocalDate day, Map<String, Object> variables) {
    try {
      ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(10, 0)).atZone(CityTime.ZONE).toInstant()));
      var task = taskService.createTaskQuery().processInstanceId(processInstanceId).list().stream()
          .filter(t -> ProgressCalculator.isPhaseTask(t.getTaskDefinitionKey())).findFirst().orElseThrow();
      taskService.complete(task.getId(), variables);
    } finally {
      ClockUtil.reset();
    }
  }

  private void startUnplanned(int year, int from, int to) {
    for (int i = from; i < to; i++) {
      initiatives.startIfAbsent(InitiativeStart.unplanned("extra-" + i, "追加の施策 " + i, "other", "communityPromotion",
          year));
    }
  }

  private static ProgressReport.InitiativeProgress initiative(ProgressReport report, String id) {
    return report.initiatives().stream().filter(p -> p.initiativeId().equals(id)).findFirst().orElseThrow();
  }

}
