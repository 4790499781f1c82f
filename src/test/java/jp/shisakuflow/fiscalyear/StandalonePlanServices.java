package jp.shisakuflow.fiscalyear;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import jp.shisakuflow.initiative.EngineNextYearInstances;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeRevision;
import jp.shisakuflow.initiative.PhaseTasks;
import jp.shisakuflow.initiative.WardRollout;
import jp.shisakuflow.security.AttributedWork;
import org.camunda.bpm.engine.ProcessEngine;

/** The plan services wired by hand on a process-test engine, and the seed plan's text. */
public final class StandalonePlanServices {

  private StandalonePlanServices() {}

  public static PlanImportService imports(ProcessEngine engine) {
    var history = engine.getHistoryService();
    var initiatives = new InitiativeLifecycleService(engine.getRuntimeService(), history,
        engine.getAuthorizationService());
    return new PlanImportService(engine.getRepositoryService(), engine.getRuntimeService(),
        engine.getManagementService(), engine.getIdentityService(), initiatives,
        new InitiativeRevision(engine.getRuntimeService(), engine.getTaskService(), engine.getManagementService(),
            new PhaseTasks(), new AttributedWork(engine, new jp.shisakuflow.organization.CityScope(engine))),
        new PlanInitiatives(initiatives, history, new YearEndRollover(new WardRollout(history)),
            nextYearInstances(engine, initiatives)), history, new MilestoneSchedule(),
        new PlanProperties(14, null));
  }

  public static EngineNextYearInstances nextYearInstances(ProcessEngine engine, InitiativeLifecycleService initiatives) {
    return new EngineNextYearInstances(engine.getRuntimeService(), engine.getTaskService(), engine.getHistoryService(),
        engine.getAuthorizationService(), initiatives);
  }

  /** The seed plan: the FY2019 chart as a plan. */
  public static final String SEED_PLAN = "processes/plans/fy2019-community.yaml";

  /** The text of processes/plans/fy2019-community.yaml. */
  /**
   * The seed plan with texts replaced, pairwise ({@code from, to, from, to …}); a text the seed no longer holds
   * fails the test here instead of leaving the plan silently unchanged.
   */
  public static String seedYamlReplacing(String... fromTo) {
    String yaml = seedYaml();
    for (int i = 0; i < fromTo.length; i += 2) {
      if (!yaml.contains(fromTo[i])) {
        throw new IllegalStateException("The seed plan no longer contains '" + fromTo[i] + "'");
      }
      yaml = yaml.replace(fromTo[i], fromTo[i + 1]);
    }
    return yaml;
  }

  public static String seedYaml() {
    try (InputStream in = StandalonePlanServices.class.getClassLoader().getResourceAsStream(SEED_PLAN)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
