package jp.shisakuflow.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jp.shisakuflow.fiscalyear.PlanImportService;
import jp.shisakuflow.organization.Cities;
import jp.shisakuflow.organization.City;
import jp.shisakuflow.organization.CityScope;
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
 * Demo profile only: two cities — the seed's (川崎市, created in every profile by security.AuthorizationInitializer)
 * and 若葉市, smaller and without wards — their people, and each city's plan imported into the current fiscal year
 * and lived up to today. Creates only what is missing.
 */
@Component
@Profile("demo")
public class DemoDataSeeder implements ApplicationRunner {

  static final String SEED_PLAN = "processes/plans/fy2019-community.yaml";
  /** The second city's plan: 若葉市, smaller, without wards. */
  static final String SECOND_CITY_PLAN = "processes/plans/fy2019-wakaba.yaml";
  /** Each demo city's plan. */
  static final Map<City, String> PLANS = Map.of(City.KAWASAKI, SEED_PLAN, City.WAKABA, SECOND_CITY_PLAN);
  private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final PlanImportService plans;
  private final DemoYearAdvancer advancer;
  private final CityScope cities;

  public DemoDataSeeder(IdentityService identityService, RuntimeService runtimeService, PlanImportService plans,
      DemoYearAdvancer advancer, CityScope cities) {
    this.identityService = identityService;
    this.runtimeService = runtimeService;
    this.plans = plans;
    this.advancer = advancer;
    this.cities = cities;
  }

  @Override
  public void run(ApplicationArguments args) {
    seed();
  }

  public void seed() {
    for (City city : City.values()) {
      if (city.demoOnly()) {
        Cities.ensure(identityService, city);
      }
    }
    int users = 0;
    for (DemoDirectory.DemoUser demoUser : DemoDirectory.USERS) {
      users += createUserIfMissing(demoUser) ? 1 : 0;
    }
    var now = ClockUtil.getCurrentTime();
    int fiscalYear = FiscalYear.containing(CityTime.today(now));
    Map<City, String> texts = new java.util.LinkedHashMap<>();
    Map<City, Plan> yearPlans = new java.util.LinkedHashMap<>();
    for (City city : City.values()) {
      String yaml = planText(PLANS.get(city));
      Plan plan = PlanParser.forImportedPlans().parse(PLANS.get(city), yaml).inFiscalYear(fiscalYear);
      boolean imported = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(plan.businessKey())
          .count() > 0;
      if (!imported) {
        texts.put(city, yaml);
        yearPlans.put(city, plan);
      }
    }
    if (!yearPlans.isEmpty()) {
      // One lived year for every city's plan: the engine's clock runs once from 1 April.
      advancer.liveYear(List.copyOf(yearPlans.values()), now.toInstant(), () -> texts.forEach((city, yaml) ->
          cities.call("admin", List.of(city.tenantId()),
              () -> plans.importPlan(PLANS.get(city), yaml, fiscalYear, "admin"))));
    }
    log.info("Demo data: {} users created; FY{}: {} of {} cities' plans imported and lived up to today", users,
        fiscalYear, yearPlans.size(), City.values().length);
  }

  private static String planText(String file) {
    try (var in = new ClassPathResource(file).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the demo plan " + file, e);
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
    identityService.createMembership(demoUser.id(), demoUser.groupId());
    demoUser.cities().forEach(city -> Cities.addPerson(identityService, city, demoUser.id()));
    return true;
  }
}
