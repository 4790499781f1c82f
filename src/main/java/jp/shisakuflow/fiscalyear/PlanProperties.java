package jp.shisakuflow.fiscalyear;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code shisaku.plans.*}: how long before a meeting its preparation opens, and which plan files of
 * {@code processes/plans/} to import at start-up, into which fiscal year (the plan's own when unset).
 */
@ConfigurationProperties("shisaku.plans")
public record PlanProperties(Integer preparationLeadDays, List<StartupImport> startupImports) {

  /** One plan file to import at start-up, for a city (a tenant id; the seed city's when unset). */
  public record StartupImport(String file, Integer fiscalYear, String city) {

    public StartupImport {
      city = city == null || city.isBlank() ? jp.shisakuflow.organization.City.SEED.tenantId() : city;
    }
  }

  public PlanProperties {
    preparationLeadDays = preparationLeadDays == null ? 14 : preparationLeadDays;
    startupImports = startupImports == null ? List.of() : List.copyOf(startupImports);
  }
}
