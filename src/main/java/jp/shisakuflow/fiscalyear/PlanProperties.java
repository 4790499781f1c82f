package jp.shisakuflow.fiscalyear;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code shisaku.plans.*}: how long before a meeting its preparation opens, and which plan files of
 * {@code processes/plans/} to import at start-up, into which fiscal year (the plan's own when unset).
 */
@ConfigurationProperties("shisaku.plans")
public record PlanProperties(Integer preparationLeadDays, List<StartupImport> startupImports) {

  /** One plan file to import at start-up. */
  public record StartupImport(String file, Integer fiscalYear) {}

  public PlanProperties {
    preparationLeadDays = preparationLeadDays == null ? 14 : preparationLeadDays;
    startupImports = startupImports == null ? List.of() : List.copyOf(startupImports);
  }
}
