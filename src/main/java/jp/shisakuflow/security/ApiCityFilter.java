package jp.shisakuflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import jp.shisakuflow.organization.CityScope;
import jp.shisakuflow.web.ErrorResponses;
import jp.shisakuflow.web.ProblemType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The app's own API ({@code /api/**}) within the caller's cities: its controllers ask the engine as the caller's
 * cities ({@link CityScope}: the engine's tenant check applies to every query, its permission checks stay the
 * door's, as before) and its own SQL reads those cities' rows ({@link Caller#citiesInScope}). {@code city} (a
 * tenant id) narrows a request to one of them — any city for an administrator, who otherwise works across cities
 * as in the engine; a city that is not the caller's is refused (400 naming {@code city}).
 */
public class ApiCityFilter extends OncePerRequestFilter {

  static final String CITY = "city";

  private final CityScope cities;
  private final ErrorResponses errors;

  public ApiCityFilter(CityScope cities, ErrorResponses errors) {
    this.cities = cities;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Caller> caller = Caller.current();
    String city = request.getParameter(CITY);
    if (caller.isEmpty() || caller.get().administrator() && (city == null || city.isBlank())) {
      chain.doFilter(request, response);
      return;
    }
    List<String> scope;
    try {
      scope = city == null || city.isBlank() ? caller.get().tenantIds() : List.of(caller.get().cityFor(city));
    } catch (IllegalArgumentException e) {
      errors.write(request, response, HttpServletResponse.SC_BAD_REQUEST, ProblemType.BAD_PARAMETER,
          "InvalidRequestException", e.getMessage(), List.of());
      return;
    }
    try {
      cities.call(caller.get().userId(), scope, () -> {
        try {
          chain.doFilter(request, response);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (ServletException e) {
          throw new WrappedServletException(e);
        }
        return null;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (WrappedServletException e) {
      throw (ServletException) e.getCause();
    }
  }

  private static final class WrappedServletException extends RuntimeException {
    WrappedServletException(ServletException cause) {
      super(cause);
    }
  }
}
