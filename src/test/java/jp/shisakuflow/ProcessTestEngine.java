package jp.shisakuflow;

import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;

/** The in-memory engine of the process tests, configured in {@code process-test-engine.cfg.xml}. */
public final class ProcessTestEngine {

  public static final String CONFIGURATION = "process-test-engine.cfg.xml";

  private ProcessTestEngine() {}

  /**
   * The engine, with a coverage gate: every flow node and sequence flow of the deployed processes, but
   * for those named (deployed only because the tested process calls on them).
   */
  public static ProcessEngineCoverageExtension withFullCoverage(String... excludedProcessKeys) {
    return ProcessEngineCoverageExtension.builder(CONFIGURATION)
        .excludeProcessDefinitionKeys(excludedProcessKeys)
        .assertClassCoverageAtLeast(1.0)
        .build();
  }

  /** The same engine without a coverage gate, for tests of services rather than of a process's paths. */
  public static ProcessEngineCoverageExtension plain() {
    return ProcessEngineCoverageExtension.builder(CONFIGURATION).build();
  }
}
