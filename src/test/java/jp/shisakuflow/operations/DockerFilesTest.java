package jp.shisakuflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/ as far as it can be checked without a Docker engine: compose.yaml parses (anchors and merges resolved as
 * Compose does), builds the image once for both nodes, every health condition has a health check behind it, nginx
 * starts only in front of both healthy nodes; the Dockerfile runs the jar's layers, and .dockerignore lets in exactly
 * what the build copies.
 */
class DockerFilesTest {

  private static final Path DOCKER = Path.of("docker");
  /** Spring Boot's default layers, least often changed first (the jar's BOOT-INF/layers.idx; pom.xml sets none). */
  private static final List<String> BOOT_LAYERS =
      List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

  private final Map<String, Map<String, Object>> services = services();
  /** The Dockerfile without its comments. */
  private final List<String> dockerfile = lines(DOCKER.resolve("Dockerfile")).stream()
      .filter(line -> !line.stripLeading().startsWith("#")).toList();

  @Test
  void theImageIsBuiltOnceAndBothNodesRunIt() {
    List<String> builders = services.entrySet().stream().filter(e -> e.getValue().containsKey("build"))
        .map(Map.Entry::getKey).toList();
    assertThat(builders).as("services that build an image").hasSize(1);
    Map<String, Object> builder = services.get(builders.get(0));
    assertThat(map(builder, "build")).containsEntry("context", "..").containsEntry("dockerfile", "docker/Dockerfile");
    assertThat(DOCKER.resolve("..").resolve("docker/Dockerfile")).exists();
    String image = (String) builder.get("image");
    assertThat(image).as("the built image's name, which the other node runs").isNotBlank();

    List<String> nodes = appNodes();
    assertThat(nodes).as("services running the application").containsExactly("app1", "app2");
    for (String node : nodes) {
      assertThat(services.get(node).get("image")).as(node).isEqualTo(image);
      if (!node.equals(builders.get(0))) {
        assertThat(services.get(node)).as(node + " builds nothing and pulls nothing").doesNotContainKey("build")
            .containsEntry("pull_policy", "never");
      }
    }
    assertThat(nodes.stream().map(node -> env(node).get("CAMUNDA_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME")))
        .as("each node's name in the job log").doesNotHaveDuplicates().doesNotContainNull();
    Map<String, Object> first = new HashMap<>(env(nodes.get(0)));
    Map<String, Object> second = new HashMap<>(env(nodes.get(1)));
    for (Map<String, Object> env : List.of(first, second)) {
      env.remove("CAMUNDA_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME");
      env.remove("LOGGING_STRUCTURED_ECS_SERVICE_NODENAME");
    }
    assertThat(second).as("both nodes configured alike but for their names").isEqualTo(first).isNotEmpty();
  }

  @Test
  void everyHealthConditionHasAHealthCheckBehindIt() {
    Set<String> awaitedHealthy = new LinkedHashSet<>();
    services.values().forEach(service -> dependsOn(service).forEach((name, condition) -> {
      assertThat(services).as("depends_on names a service").containsKey(name);
      if ("service_healthy".equals(condition)) {
        awaitedHealthy.add(name);
      }
    }));
    assertThat(awaitedHealthy).contains("db", "app1", "app2");
    for (String name : awaitedHealthy) {
      Map<String, Object> service = services.get(name);
      if (service.containsKey("healthcheck")) {
        assertThat(map(service, "healthcheck").get("test")).as(name + "'s health check").isNotNull();
      } else {
        assertThat(appNodes()).as(name + " has no health check in compose.yaml: the image's must do").contains(name);
        assertThat(String.join("\n", finalStage()))
            .as("the image's health check asks the readiness probe (database, engine, job executor)")
            .containsPattern("HEALTHCHECK [^\\n]*\\\\\\n\\s*CMD curl -fsS http://127\\.0\\.0\\.1:8080/actuator/health/readiness");
      }
    }
  }

  @Test
  void nginxStartsInFrontOfBothHealthyNodes() {
    List<String> balancers = services.entrySet().stream()
        .filter(e -> String.valueOf(e.getValue().get("image")).startsWith("nginx:")).map(Map.Entry::getKey).toList();
    assertThat(balancers).hasSize(1);
    Map<String, Object> lb = services.get(balancers.get(0));
    for (String node : appNodes()) {
      assertThat(dependsOn(lb)).as("nginx waits for " + node).containsEntry(node, "service_healthy");
    }
    assertThat(String.valueOf(lb.get("volumes"))).contains("./nginx.conf:");
  }

  @Test
  void theImageRunsTheJarsLayersFromTheLeastToTheMostOftenChanged() throws IOException {
    List<String> extract = dockerfile.stream().filter(line -> line.contains("-Djarmode=tools")).toList();
    assertThat(extract).singleElement().asString().contains("extract --layers --destination extracted");
    List<String> copied = new ArrayList<>();
    Pattern copy = Pattern.compile("COPY --from=\\S+ /layers/extracted/([a-z-]+)/ \\./");
    for (String line : finalStage()) {
      Matcher matcher = copy.matcher(line);
      if (matcher.matches()) {
        copied.add(matcher.group(1));
      }
    }
    assertThat(copied).isEqualTo(BOOT_LAYERS);
    assertThat(finalStage()).contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/application.jar\"]")
        .contains("USER shisaku");
    // Where the jar is built (./mvnw package), its own index must name the same layers in the same order.
    Path jar = builtJar();
    if (jar != null) {
      try (ZipFile zip = new ZipFile(jar.toFile()); InputStream index = zip.getInputStream(zip.getEntry(
          "BOOT-INF/layers.idx"))) {
        List<String> layers = new String(index.readAllBytes(), StandardCharsets.UTF_8).lines()
            .filter(line -> line.startsWith("- \"")).map(line -> line.substring(3, line.length() - 2)).toList();
        assertThat(layers).as(jar + "'s layers.idx").isEqualTo(BOOT_LAYERS);
      }
    }
  }

  @Test
  void theBuildContextHoldsExactlyWhatTheBuildCopies() {
    List<String> rules = lines(Path.of(".dockerignore")).stream().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    assertThat(rules.get(0)).as("everything out first").isEqualTo("*");
    Set<String> allowed = new LinkedHashSet<>();
    rules.stream().filter(rule -> rule.startsWith("!")).forEach(rule -> allowed.add(strip(rule.substring(1))));
    Set<String> copiedFromContext = new LinkedHashSet<>();
    for (String line : dockerfile) {
      if (line.startsWith("COPY ") && !line.startsWith("COPY --from")) {
        String[] parts = line.substring(5).trim().split("\\s+");
        for (int i = 0; i < parts.length - 1; i++) {
          copiedFromContext.add(strip(parts[i]));
        }
      }
    }
    assertThat(copiedFromContext).contains("pom.xml", "src/main", "processes");
    assertThat(allowed).as(".dockerignore's exceptions = the Dockerfile's COPY sources").isEqualTo(copiedFromContext);
    for (String path : copiedFromContext) {
      assertThat(Path.of(path)).as(path).exists();
    }
    assertThat(rules).as("keys and databases stay out even inside what is let in").contains("**/*.pem", "**/*.mv.db");
  }

  // --- compose.yaml as Compose reads it

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() {
    try (InputStream in = Files.newInputStream(DOCKER.resolve("compose.yaml"))) {
      Map<String, Object> compose = new Yaml().load(in);
      return (Map<String, Map<String, Object>>) compose.get("services");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The services that run the application: the ones naming a node in the job log. */
  private List<String> appNodes() {
    return services.keySet().stream()
        .filter(name -> map(services.get(name), "environment").containsKey("CAMUNDA_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME"))
        .toList();
  }

  private Map<String, Object> env(String service) {
    return map(services.get(service), "environment");
  }

  /** depends_on as service → condition (a list means service_started). */
  @SuppressWarnings("unchecked")
  private static Map<String, String> dependsOn(Map<String, Object> service) {
    Object value = service.get("depends_on");
    Map<String, String> conditions = new HashMap<>();
    if (value instanceof List<?> list) {
      list.forEach(name -> conditions.put((String) name, "service_started"));
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((name, spec) -> conditions.put((String) name,
          String.valueOf(((Map<String, Object>) spec).getOrDefault("condition", "service_started"))));
    }
    return conditions;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }

  // --- Dockerfile

  /** The lines of the last FROM's stage: the image that runs. */
  private List<String> finalStage() {
    int last = 0;
    for (int i = 0; i < dockerfile.size(); i++) {
      if (dockerfile.get(i).startsWith("FROM ")) {
        last = i;
      }
    }
    return dockerfile.subList(last, dockerfile.size());
  }

  private static String strip(String path) {
    return path.replaceAll("/+$", "");
  }

  private static Path builtJar() throws IOException {
    if (!Files.isDirectory(Path.of("target"))) {
      return null;
    }
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "shisaku-flow-*.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    }
    return null;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
