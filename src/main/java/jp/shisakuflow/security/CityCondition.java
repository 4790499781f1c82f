package jp.shisakuflow.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;

/**
 * The cities a read of the application's own SQL may show ({@link Caller#citiesInScope}), as a condition on a
 * table's {@code TENANT_ID_} column, as the engine's own tenant check reads it: a city's rows and the rows of no
 * city ({@code AND (column IS NULL OR column IN (?, …))}); nothing for every city.
 */
public record CityCondition(String sql, List<Object> parameters) {

  public static CityCondition on(IdentityService identity, String column) {
    return Caller.citiesInScope(identity).map(cities -> cities.isEmpty()
            ? new CityCondition(" AND " + column + " IS NULL", List.<Object>of())
            : new CityCondition(" AND (" + column + " IS NULL OR " + column + " IN ("
                + String.join(", ", Collections.nCopies(cities.size(), "?")) + "))", List.<Object>copyOf(cities)))
        .orElse(new CityCondition("", List.of()));
  }

  /** {@code before}, then this condition's parameters, then {@code after}: a statement's parameters in order. */
  public Object[] around(List<?> before, List<?> after) {
    List<Object> all = new ArrayList<>(before);
    all.addAll(parameters);
    all.addAll(after);
    return all.toArray();
  }
}
