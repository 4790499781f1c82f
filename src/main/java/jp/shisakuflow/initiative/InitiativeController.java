package jp.shisakuflow.initiative;

import java.net.URI;
import java.security.Principal;
import java.util.Optional;
import jp.shisakuflow.security.AttributedWork;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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
  private final AttributedWork attributed;
  private final IdentityService identityService;

  public InitiativeController(InitiativeLifecycleService initiatives, AttributedWork attributed,
      IdentityService identityService) {
    this.initiatives = initiatives;
    this.attributed = attributed;
    this.identityService = identityService;
  }

  @PostMapping(consumes = "application/json")
  public ResponseEntity<Started> start(@RequestBody InitiativeRequest request, Principal principal) {
    InitiativeStart start = request.toStart();
    if (identityService.createGroupQuery().groupId(start.ownerGroup()).count() == 0) {
      throw new IllegalArgumentException("ownerGroup: グループ '" + start.ownerGroup() + "' は存在しません (no such group)");
    }
    Optional<String> created = attributed.callAs(principal.getName(), () -> initiatives.startIfAbsent(start));
    if (created.isPresent()) {
      return ResponseEntity.created(URI.create("/api/audit/initiatives/" + start.businessKey()))
          .body(new Started(start.businessKey(), created.get(), true));
    }
    String existing = initiatives.find(start.businessKey()).orElseThrow().getId();
    return ResponseEntity.status(HttpStatus.OK).body(new Started(start.businessKey(), existing, false));
  }
}
