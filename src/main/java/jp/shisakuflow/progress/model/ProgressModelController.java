package jp.shisakuflow.progress.model;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/progress-model/rebuild} (administrators only, security.SecurityConfiguration): the progress
 * read model rebuilt from the engine's history; answers how many instances it now holds.
 */
@RestController
public class ProgressModelController {

  private final ProcessEngine engine;

  public ProgressModelController(ProcessEngine engine) {
    this.engine = engine;
  }

  @PostMapping("/api/admin/progress-model/rebuild")
  public Map<String, Object> rebuild() {
    return Map.of("instances", ProgressModelRebuild.rebuild(engine));
  }
}
