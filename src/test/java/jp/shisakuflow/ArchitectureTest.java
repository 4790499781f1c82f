package jp.shisakuflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The floor plan, one way down: features at the top ({@code demo}, {@code audit}, {@code report},
 * {@code progress}, {@code calendar}, {@code notify}, {@code tasklist}) use the fiscal year's process
 * ({@code fiscalyear}: import, milestones, reviews, rollover), which uses the plan document ({@code plan}:
 * model, reader, validation, store), which uses the initiative's vocabulary and lifecycle; everything may
 * use the ground: {@code security},
 * {@code operations}, {@code deployment}, {@code organization}, {@code time} and {@code web} (the error
 * shapes), which knows no feature: features tell it what it needs through its interfaces.
 */
@AnalyzeClasses(packages = "jp.shisakuflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String APP = "jp.shisakuflow.";
  private static final String[] FEATURES_ABOVE_THE_PLAN = {APP + "demo..", APP + "audit..", APP + "report..",
      APP + "progress..", APP + "calendar..", APP + "notify..", APP + "tasklist..", APP + "chart.."};

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("jp.shisakuflow.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule timeAndOrganizationAreTheGround = noClasses()
      .that().resideInAnyPackage(APP + "time..", APP + "organization..")
      .should().dependOnClassesThat().resideInAnyPackage(APP + "initiative..", APP + "plan..", APP + "fiscalyear..",
          APP + "security..", APP + "operations..", APP + "deployment..", APP + "web..")
      .orShould().dependOnClassesThat().resideInAnyPackage(FEATURES_ABOVE_THE_PLAN);

  @ArchTest
  static final ArchRule theInitiativeKnowsNoPlanAndNoFeature = noClasses()
      .that().resideInAPackage(APP + "initiative..")
      .should().dependOnClassesThat().resideInAnyPackage(APP + "plan..", APP + "fiscalyear..")
      .orShould().dependOnClassesThat().resideInAnyPackage(FEATURES_ABOVE_THE_PLAN);

  @ArchTest
  static final ArchRule thePlanDocumentKnowsNoProcessAndNoFeature = noClasses()
      .that().resideInAPackage(APP + "plan..")
      .should().dependOnClassesThat().resideInAnyPackage(APP + "fiscalyear..")
      .orShould().dependOnClassesThat().resideInAnyPackage(FEATURES_ABOVE_THE_PLAN);

  @ArchTest
  static final ArchRule theFiscalYearKnowsNoFeatureAboveIt = noClasses()
      .that().resideInAPackage(APP + "fiscalyear..")
      .should().dependOnClassesThat().resideInAnyPackage(FEATURES_ABOVE_THE_PLAN);

  @ArchTest
  static final ArchRule webKnowsNoFeature = noClasses()
      .that().resideInAPackage(APP + "web..")
      .should().dependOnClassesThat().resideInAnyPackage(APP + "initiative..", APP + "plan..", APP + "fiscalyear..",
          APP + "security..", APP + "operations..")
      .orShould().dependOnClassesThat().resideInAnyPackage(FEATURES_ABOVE_THE_PLAN);

  @ArchTest
  static final ArchRule theGroundKnowsNoFeature = noClasses()
      .that().resideInAnyPackage(APP + "security..", APP + "operations..", APP + "deployment..")
      .should().dependOnClassesThat().resideInAnyPackage(APP + "initiative..", APP + "plan..", APP + "fiscalyear..")
      .orShould().dependOnClassesThat().resideInAnyPackage(FEATURES_ABOVE_THE_PLAN);
}
