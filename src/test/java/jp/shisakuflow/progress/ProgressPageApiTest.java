package jp.shisakuflow.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.StatementCounter;
import jp.shisakuflow.support.TestUsers;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** {@code GET /api/progress?fiscalYear=&page=&size=} and {@code GET /api/progress/summary?fiscalYear=}. */
@ApiTest
class ProgressPageApiTest {

  static final int YEAR = 2092;
  static final String AS_OF = "&asOf=2092-06-01";

  @Autowired TestRestTemplate http;
  @Autowired InitiativeLifecycleService initiatives;
  @Autowired IdentityService identityService;
  @Autowired ProgressService progress;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @BeforeEach
  void sevenInitiatives() {
    TestUsers.ensure(identityService, "kawasaki", OrganizationGroup.WARD_KAWASAKI);
    try {
      ClockUtil.setCurrentTime(Date.from(LocalDate.of(YEAR, 4, 1).atTime(LocalTime.NOON).atZone(CityTime.ZONE)
          .toInstant()));
      for (int i = 0; i < 7; i++) {
        initiatives.startIfAbsent(InitiativeStart.unplanned("paged-" + i, "ページの施策 " + i,
            i % 2 == 0 ? "hiroba" : "council", i < 3 ? "communityPromotion" : "wardTakatsu", YEAR));
      }
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void pagesCutTheWholeAnswerInItsOrderWithTheYearsCounts() {
    Map<String, Object> whole = get("/api/progress?fiscalYear=" + YEAR + AS_OF);
    assertThat(whole).doesNotContainKeys("page", "size", "total");
    List<Object> pagedIds = new ArrayList<>();
    for (int page = 0; page < 3; page++) {
      Map<String, Object> answer = get("/api/progress?fiscalYear=" + YEAR + AS_OF + "&page=" + page
          + "&size=3");
      assertThat(answer).containsEntry("page", page).containsEntry("size", 3).containsEntry("total", 7)
          .containsEntry("fiscalYear", YEAR).containsEntry("asOf", "2092-06-01");
      assertThat(answer.get("byWorkstream")).as("the year's counts on every page").isEqualTo(whole.get("byWorkstream"));
      assertThat(answer.get("byOwnerGroup")).isEqualTo(whole.get("byOwnerGroup"));
      List<?> rows = (List<?>) answer.get("initiatives");
      assertThat(rows).hasSize(page < 2 ? 3 : 1);
      rows.forEach(row -> pagedIds.add(((Map<?, ?>) row).get("processInstanceId")));
    }
    assertThat(pagedIds).as("the pages, in order, are the whole answer").isEqualTo(((List<?>) whole.get("initiatives"))
        .stream().map(row -> ((Map<?, ?>) row).get("processInstanceId")).toList());
    Map<String, Object> beyond = get("/api/progress?fiscalYear=" + YEAR + AS_OF + "&page=5&size=3");
    assertThat((List<?>) beyond.get("initiatives")).as("past the last page: none").isEmpty();
    assertThat(beyond).containsEntry("total", 7);
    Map<String, Object> defaultSize = get("/api/progress?fiscalYear=" + YEAR + AS_OF + "&page=0");
    assertThat(defaultSize).containsEntry("size", 50);
    assertThat(get("/api/progress?fiscalYear=" + YEAR + AS_OF + "&size=500"))
        .containsEntry("page", 0).containsEntry("size", 500);
  }

  @Test
  void theSummaryHasTheCountsAndNoInitiatives() {
    Map<String, Object> whole = get("/api/progress?fiscalYear=" + YEAR + AS_OF);
    Map<String, Object> summary = get("/api/progress/summary?fiscalYear=" + YEAR + AS_OF);
    assertThat(summary).doesNotContainKey("initiatives").containsEntry("fiscalYear", YEAR);
    assertThat(summary.get("byWorkstream")).isEqualTo(whole.get("byWorkstream"));
    assertThat(summary.get("byOwnerGroup")).isEqualTo(whole.get("byOwnerGroup"));
    Map<?, ?> overall = (Map<?, ?>) summary.get("overall");
    assertThat(overall.get("total")).isEqualTo(7);
    assertThat(overall.get("onSchedule")).isEqualTo(7);
    assertThat(((List<?>) summary.get("byWorkstream")).stream().map(row -> (Object) ((Map<?, ?>) row).get("key"))
        .toList()).containsExactly("council", "hiroba");

    progress.summary(YEAR, LocalDate.of(YEAR, 6, 1));
    int before = StatementCounter.count();
    progress.summary(YEAR, LocalDate.of(YEAR, 6, 1));
    assertThat(StatementCounter.count() - before).as("one query of the read model").isEqualTo(1);
  }

  @Test
  void aSummaryOrAPageIsABoundedNumberOfStatementsAndARowChangedIsComputedOnceThenKept() {
    LocalDate day = LocalDate.of(YEAR, 6, 1);
    progress.summary(YEAR, day);
    int before = StatementCounter.count();
    ProgressPage page = progress.page(YEAR, day, 0, 3);
    assertThat(StatementCounter.count() - before).as("counts, the page's rows, the year's plans (no predecessors)")
        .isEqualTo(3);
    assertThat(page.initiatives()).hasSize(3);

    // A row changed as an engine command marks it (ProgressModelSession: VERSION_ bumped; ProgressModelCheck drives
    // the engine itself): its status intervals are behind until the next read computes and keeps them.
    jdbc.update("UPDATE SHISAKU_PROGRESS SET VERSION_ = VERSION_ + 1 WHERE PROC_INST_ID_ = ?",
        page.initiatives().get(0).processInstanceId());
    ProgressSummary expected = new ProgressSummary(YEAR, day, ProgressCalculator.summarize(progress.report(YEAR, day)
        .initiatives(), p -> "").get(0), progress.report(YEAR, day).byWorkstream(), progress.report(YEAR, day)
        .byOwnerGroup());
    List<String> statements = StatementCounter.statementsDuring(() -> assertThat(progress.summary(YEAR, day))
        .isEqualTo(expected));
    assertThat(statements).as("the counts, the row behind read, its intervals written").hasSize(3);
    assertThat(statements.get(2)).contains("UPDATE").contains("VERSION_ = ?");
    before = StatementCounter.count();
    assertThat(progress.summary(YEAR, day)).isEqualTo(expected);
    assertThat(StatementCounter.count() - before).as("kept: one query again").isEqualTo(1);
  }

  @Test
  void anInvalidPageOrSizeIsAProblemNamingTheField() {
    for (String query : List.of("page=-1", "size=0", "size=501", "page=abc", "size=1.5")) {
      var answer = staff().getForEntity("/api/progress?fiscalYear=" + YEAR + "&" + query, Map.class);
      assertThat(answer.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
      assertThat((String) answer.getBody().get("detail")).as(query).contains(query.substring(0, query.indexOf('=')));
      assertThat((String) answer.getBody().get("title")).as(query).matches(".*[ぁ-んァ-ン一-龥].*");
    }
    assertThat(http.getForEntity("/api/progress/summary?fiscalYear=" + YEAR, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> get(String url) {
    return staff().getForObject(url, Map.class);
  }

  private TestRestTemplate staff() {
    return http.withBasicAuth("kawasaki", TestUsers.PASSWORD);
  }
}
