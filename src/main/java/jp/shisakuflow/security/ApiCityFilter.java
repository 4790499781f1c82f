package jp.shisakuflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import jp.shisakuflow.organization.CityScope;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The app's own API ({@code /api/**}) within the caller's cities: its controllers ask the engine as the caller's
 * cities ({@link CityScope}: the engine's tenant check applies to every query, its permission checks stay the
 * door's, as before) and its own SQL reads those cities' rows ({@link Caller#citiesInScope}). An administrator
 * works across cities, as in the engine.
 */
public class ApiCityFilter extends OncePerRequestFilter {

  private final CityScope cities;

  public ApiCityFilter(CityScope cities) {
    this.cities = cities;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Caller> caller = Caller.current();
    if (caller.isEmpty() || caller.get().administrator()) {
      chain.doFilter(request, response);
      return;
    }
    try {
      cities.call(caller.get().userId(), caller.get().tenantIds(), () -> {
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
