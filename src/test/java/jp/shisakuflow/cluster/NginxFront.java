package jp.shisakuflow.cluster;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx with the repository's {@code docker/nginx.conf}, as shipped but for the nodes' addresses (the
 * two loopback nodes for {@code app1:8080}, {@code app2:8080}), the listen port, and the upstream's
 * {@code resolve} (nginx &ge; 1.27.3 only; the loopback addresses need no resolving). Its access log names the node
 * that answered each request.
 */
final class NginxFront implements AutoCloseable {

  static final String NGINX = System.getenv().getOrDefault("SHISAKU_NGINX", "/usr/sbin/nginx");
  static final Path SHIPPED = Path.of("docker", "nginx.conf");

  final int port;
  private final Path dir;
  private Process process;

  private NginxFront(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  static boolean available() {
    return new File(NGINX).canExecute();
  }

  /** The shipped configuration with only the addresses changed (and {@code resolve} dropped). */
  static String substituted(String shipped, int port, AppNode app1, AppNode app2) {
    String config = shipped
        .replace("server app1:8080 resolve", "server 127.0.0.1:" + app1.port)
        .replace("server app2:8080 resolve", "server 127.0.0.1:" + app2.port)
        .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
    if (config.contains("app1:8080") || config.contains("app2:8080") || config.contains("listen 80;")) {
      throw new IllegalStateException("docker/nginx.conf changed: the cluster test no longer knows where to put the"
          + " loopback addresses");
    }
    return config;
  }

  static NginxFront start(Path work, int port, AppNode app1, AppNode app2) throws IOException, InterruptedException {
    if (!available()) {
      throw new IllegalStateException("No nginx at " + NGINX + ": apt-get install nginx (.ci/run installs it)");
    }
    Path dir = Files.createDirectories(work.resolve("nginx").toAbsolutePath());
    for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
      Files.createDirectories(dir.resolve("temp").resolve(temp));
    }
    Files.writeString(dir.resolve("shisaku.conf"), substituted(Files.readString(SHIPPED), port, app1, app2));
    Files.deleteIfExists(dir.resolve("access.log"));
    Files.writeString(dir.resolve("nginx.conf"), """
        # What the nginx image's own nginx.conf does around conf.d/default.conf, in a directory of the test's.
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 256; }
        http {
            log_format node '$msec $request_method $uri $status cookie=$cookie_JSESSIONID upstream=$upstream_addr';
            access_log %1$s/access.log node;
            client_body_temp_path %1$s/temp/client_body;
            proxy_temp_path %1$s/temp/proxy;
            fastcgi_temp_path %1$s/temp/fastcgi;
            uwsgi_temp_path %1$s/temp/uwsgi;
            scgi_temp_path %1$s/temp/scgi;
            include %1$s/shisaku.conf;
        }
        """.formatted(dir));
    String user = System.getProperty("user.name");
    List<String> command = new java.util.ArrayList<>(List.of(NGINX, "-p", dir.toString(), "-c",
        dir.resolve("nginx.conf").toString(), "-g", "daemon off;" + ("root".equals(user) ? " user root;" : "")));
    Process check = new ProcessBuilder(concat(command, "-t")).redirectErrorStream(true).start();
    String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (check.waitFor() != 0) {
      throw new IllegalStateException("nginx -t refused docker/nginx.conf (substituted):\n" + checked);
    }
    NginxFront front = new NginxFront(port, dir);
    front.process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nginx.out").toFile())).start();
    front.awaitListening();
    return front;
  }

  private static List<String> concat(List<String> command, String extra) {
    List<String> all = new java.util.ArrayList<>(command);
    all.add(extra);
    return all;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitListening() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx.out"))
            + errorLog());
      }
      try {
        http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("nginx not listening on " + port + errorLog());
  }

  String errorLog() throws IOException {
    Path log = dir.resolve("error.log");
    return Files.exists(log) ? "\n" + Files.readString(log) : "";
  }

  /** Requests of one session cookie per node port that answered them (from the access log). */
  Map<String, Long> answersByNode(String sessionCookie) throws IOException {
    Map<String, Long> byNode = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("access.log"))) {
      if (sessionCookie != null && line.contains(" cookie=" + sessionCookie + " ")) {
        String upstream = line.replaceAll(".* upstream=(.*)$", "$1");
        for (String tried : upstream.split(",")) {
          byNode.merge(tried.trim(), 1L, Long::sum);
        }
      }
    }
    return byNode;
  }

  /** Every node address that answered any request through the front door. */
  Map<String, Long> answersByNode() throws IOException {
    Map<String, Long> byNode = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("access.log"))) {
      for (String tried : line.replaceAll(".* upstream=(.*)$", "$1").split(",")) {
        byNode.merge(tried.trim(), 1L, Long::sum);
      }
    }
    return byNode;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
