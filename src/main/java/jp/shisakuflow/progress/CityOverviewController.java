package jp.shisakuflow.progress;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import jp.shisakuflow.organization.CityScope;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.security.Caller;
import jp.shisakuflow.time.CityTime;
import jp.shisakuflow.time.FiscalYear;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/cities?fiscalYear=&asOf=}: the caller's cities (an administrator's: every city), each with the
 * year's counts by status — the overview across cities; counts only, nobody's data. A city's schedule is the
 * dashboard with {@code city=}.
 */
@RestController
public class CityOverviewController {

  public record CityProgress(String city, String name, ProgressReport.Summary overall) {}

  /** {@code reports}: whether the caller may download the quarterly report (managers and auditors). */
  public record CitiesOverview(int fiscalYear, LocalDate asOf, List<CityProgress> cities, boolean reports) {}

  private final ProgressService progress;
  private final CityScope scope;
  private final IdentityService identityService;

  public CityOverviewController(ProgressService progress, CityScope scope, IdentityService identityService) {
    this.progress = progress;
    this.scope = scope;
    this.identityService = identityService;
  }

  @GetMapping("/api/cities")
  public CitiesOverview cities(@RequestParam(required = false) Integer fiscalYear,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
    LocalDate date = asOf != null ? asOf : CityTime.today(ClockUtil.getCurrentTime());
    int year = FiscalYear.requireSupported(fiscalYear != null ? fiscalYear : FiscalYear.containing(date));
    Caller caller = Caller.current().orElseThrow();
    var tenants = identityService.createTenantQuery().orderByTenantId().asc();
    List<Tenant> cities = caller.administrator() ? tenants.list()
        : caller.tenantIds().isEmpty() ? List.of() : tenants.tenantIdIn(caller.tenantIds().toArray(String[]::new)).list();
    return new CitiesOverview(year, date, cities.stream()
        .map(city -> new CityProgress(city.getId(), city.getName(),
            scope.call(city.getId(), () -> progress.summary(year, date).overall())))
        .sorted(Comparator.comparing(CityProgress::city)).toList(),
        caller.groupIds().contains(OrganizationGroup.MANAGERS.id())
            || caller.groupIds().contains(OrganizationGroup.AUDITORS.id()));
  }
}
