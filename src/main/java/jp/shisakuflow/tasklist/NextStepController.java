package jp.shisakuflow.tasklist;

import jp.shisakuflow.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/tasks/next?processInstanceId=…}: what happens next in an instance, for Tasklist's
 * confirmation after 完了. Only for callers the engine lets read the instance (403 otherwise; 404 for no such
 * instance), answered as the app's problem details in Japanese.
 */
@RestController
public class NextStepController {

  static final String PATH = "/api/tasks/next";

  private final NextSteps nextSteps;

  public NextStepController(NextSteps nextSteps) {
    this.nextSteps = nextSteps;
  }

  @GetMapping(PATH)
  public NextStep next(@RequestParam String processInstanceId) {
    Caller caller = Caller.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED,
        "ログインしてください (not logged in)"));
    return switch (nextSteps.access(caller, processInstanceId)) {
      case READABLE -> nextSteps.of(processInstanceId);
      case DENIED -> throw new ResponseStatusException(HttpStatus.FORBIDDEN, "このプロセスインスタンスを見る権限が"
          + "ありません (no permission to read process instance " + processInstanceId + ")");
      case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "プロセスインスタンス "
          + processInstanceId + " はありません (no such process instance)");
    };
  }
}
