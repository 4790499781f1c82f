package jp.shisakuflow.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanParser;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: users (the groups are the organisation's, see security.AuthorizationInitializer), and the seed's plan imported into the current fiscal year and
 * lived up to today. Creates only what is missing.
 */
@Component
@Profile("demo")
public class DemoDataSeeder implements ApplicationRunner {

  static final String SEED_PLAN = "processes/plans/fy2019-community.yaml";
  private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final PlanImportService plans;
  private final DemoYearAdvancer advancer;

  public DemoDataSeeder(IdentityService identityService, RuntimeService runtimeService, PlanImportService plans,
      DemoYearAdvancer advancer) {
    this.identityService = identityService;
    this.runtimeService = runtimeService;
    this.plans = plans;
    this.advancer = advancer;
  }

  @Override
  public void run(ApplicationArguments args) {
    seed();
  }

  public void seed() {
    int users = 0;
    for (DemoDirectory.DemoUser demoUser : DemoDirectory.USERS) {
      users += createUserIfMissing(demoUser) ? 1 : 0;
    }
    var now = ClockUtil.getCurrentTime();
    int fiscalYear = FiscalYear.containing(CityTime.today(now));
    String yaml = seedPlan();
    Plan plan = PlanParser.forImportedPlans().parse(SEED_PLAN, yaml).inFiscalYear(fiscalYear);
    boolean imported = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(plan.businessKey())
        .count() > 0;
    if (!imported) {
      advancer.liveYear(plan, now.toInstant(), () -> plans.importPlan(SEED_PLAN, yaml, fiscalYear, "admin"));
    }
    log.info("Demo data: {} users created; the seed plan {} FY{}", users,
        imported ? "was already imported into" : "was imported and lived up to today in", fiscalYear);
  }

  private static String seedPlan() {
    try (var in = new ClassPathResource(SEED_PLAN).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the seed plan " + SEED_PLAN, e);
    }
  }

  private boolean createUserIfMissing(DemoDirectory.DemoUser demoUser) {
    if (identityService.createUserQuery().userId(demoUser.id()).count() > 0) {
      return false;
    }
    User user = identityService.newUser(demoUser.id());
    user.setFirstName(demoUser.firstName());
    user.setLastName(demoUser.lastName());
    user.setEmail(demoUser.email());
    user.setPassword(demoUser.id());
    identityService.saveUser(user);
    identityService.createMembership(demoUser.id(), demoUser.group().id());
    return true;
  }
}
