package jp.shisakuflow.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Service;

/**
 * Reads imported plans back from the engine: a plan's YAML is a resource of a deployment, so the
 * engine's database holds the plan as it was imported. Parsed plans are cached (deployments never change).
 */
@Service
public class PlanStore {

  private final RepositoryService repositoryService;
  private final Map<String, Plan> cache = new ConcurrentHashMap<>();

  public PlanStore(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  public Plan load(String deploymentId, String resource, int fiscalYear) {
    return cache.computeIfAbsent(deploymentId + "|" + resource + "|" + fiscalYear, key -> {
      try (InputStream in = repositoryService.getResourceAsStream(deploymentId, resource)) {
        String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return PlanParser.forImportedPlans().parse(resource, yaml).inFiscalYear(fiscalYear);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read plan " + resource + " of deployment " + deploymentId, e);
      }
    });
  }
}
