package jp.shisakuflow.initiative;

import java.net.URI;
import java.security.Principal;
import java.util.Optional;
import java.util.List;
import jp.shisakuflow.organization.Cities;
import jp.shisakuflow.organization.CityScope;
import jp.shisakuflow.security.Caller;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/initiatives}: starts one initiative outside the yearly plan. Idempotent by business key
 * ({@code FY<year>-<initiativeId>}): sending the same request again answers 200 with the instance that
 * exists, so a client that lost the answer can simply retry.
 */
@RestController
@RequestMapping("/api/initiatives")
public class InitiativeController {

  /** What the start led to; {@code created} is false when the initiative already existed. */
  public record Started(String businessKey, String processInstanceId, boolean created) {}

  private final InitiativeLifecycleService initiatives;
  private final CityScope cities;
  private final IdentityService identityService;

  public InitiativeController(InitiativeLifecycleService initiatives, CityScope cities,
      IdentityService identityService) {
    this.initiatives = initiatives;
    this.cities = cities;
    this.identityService = identityService;
  }

  @PostMapping(consumes = "application/json")
  public ResponseEntity<Started> start(@RequestBody InitiativeRequest request,
      @RequestParam(required = false) String city, Principal principal) {
    InitiativeStart start = request.toStart();
    String forCity = Caller.current().orElseThrow().cityFor(city);
    if (!Cities.groupsOf(identityService, forCity).contains(start.ownerGroup())) {
      throw new IllegalArgumentException("ownerGroup: グループ '" + start.ownerGroup() + "' はこの市にありません"
          + " (no such group in the city)");
    }
    Optional<String> created = cities.call(principal.getName(), List.of(forCity),
        () -> initiatives.startIfAbsent(start));
    if (created.isPresent()) {
      return ResponseEntity.created(URI.create("/api/audit/initiatives/" + start.businessKey()))
          .body(new Started(start.businessKey(), created.get(), true));
    }
    String existing = cities.call(forCity, () -> initiatives.find(start.businessKey())).orElseThrow().getId();
    return ResponseEntity.status(HttpStatus.OK).body(new Started(start.businessKey(), existing, false));
  }
}
