package jp.shisakuflow.fiscalyear;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jp.shisakuflow.organization.CityScope;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Imports the plans listed in {@code shisaku.plans.startup-imports} as the application starts, each for its city. A file
 * that is missing or invalid stops the start with the file's errors; an unchanged plan imports nothing.
 */
@Component
public class PlanStartupImporter implements ApplicationRunner {

  static final String PLANS = "processes/plans/";
  static final String ACTOR = "system";
  private static final Logger log = LoggerFactory.getLogger(PlanStartupImporter.class);

  private final PlanProperties properties;
  private final PlanImportService imports;
  private final CityScope cities;
  private final IdentityService identityService;

  public PlanStartupImporter(PlanProperties properties, PlanImportService imports, CityScope cities,
      IdentityService identityService) {
    this.properties = properties;
    this.imports = imports;
    this.cities = cities;
    this.identityService = identityService;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    for (PlanProperties.StartupImport startupImport : properties.startupImports()) {
      ClassPathResource file = new ClassPathResource(PLANS + startupImport.file());
      if (!file.exists()) {
        throw new IllegalStateException("shisaku.plans.startup-imports: 計画ファイル " + PLANS + startupImport.file()
            + " がありません (plan file not found)");
      }
      String yaml = new String(file.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (identityService.createTenantQuery().tenantId(startupImport.city()).count() == 0) {
        throw new IllegalStateException("shisaku.plans.startup-imports: " + startupImport.file() + " の市 '"
            + startupImport.city() + "' がありません。Admin で市（テナント）を作ってください (no such city)");
      }
      PlanImportResult result = cities.call(ACTOR, java.util.List.of(startupImport.city()),
          () -> imports.importPlan(startupImport.file(), yaml, startupImport.fiscalYear(), ACTOR));
      log.info("Start-up import of {} for {}: {} ({} initiatives started, {} revised)", startupImport.file(),
          startupImport.city(), result.status(), result.initiativesStarted(), result.initiativesRevised());
    }
  }
}
