package jp.shisakuflow.security;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.catalina.Container;
import org.apache.catalina.Wrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the webapps' own APIs (Camunda's Jersey servlets under {@code /camunda/api/…}) before the application
 * is ready, not at their first request. Camunda registers them to start lazily, and a webapp loads its plugin
 * bundle from its API ({@code /camunda/api/admin/plugin/adminPlugins/static/app/plugin.js}) through RequireJS,
 * which gives up after 7 seconds: on a busy server the first visitor's webapp waited for the servlet to start,
 * RequireJS gave up ("Load timeout for modules: admin-plugin-adminPlugins"), and the webapp stayed on its
 * spinner.
 *
 * <p>They start on a thread of their own once the server is up, beside the application's runners (the demo's
 * seeding uses one core; starting the APIs is a second's class loading on the other), and readiness waits for
 * them.
 */
@Component
public class WebappApisAtStart {

  private static final Logger log = LoggerFactory.getLogger(WebappApisAtStart.class);

  /** The names Camunda's webapp initializer gives its API servlets. */
  static final List<String> SERVLETS = List.of("Engine Api", "Welcome Api", "Tasklist Api", "Cockpit Api", "Admin Api");

  private volatile CompletableFuture<Void> starting = CompletableFuture.completedFuture(null);

  @EventListener(ApplicationStartedEvent.class)
  public void startApis(ApplicationStartedEvent event) {
    if (!(event.getApplicationContext() instanceof ServletWebServerApplicationContext web)
        || !(web.getWebServer() instanceof TomcatWebServer tomcat)) {
      return;
    }
    starting = CompletableFuture.runAsync(() -> load(tomcat), runnable -> {
      Thread thread = new Thread(runnable, "webapp-apis-at-start");
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Readiness (published after this event's listeners) waits for the APIs. */
  @EventListener(ApplicationReadyEvent.class)
  public void awaitApis() {
    long waited = System.nanoTime();
    starting.join();
    log.info("Webapp APIs ready ({} ms waited for them at readiness)", (System.nanoTime() - waited) / 1_000_000);
  }

  private static void load(TomcatWebServer tomcat) {
    long started = System.nanoTime();
    for (Container context : tomcat.getTomcat().getHost().findChildren()) {
      for (String name : SERVLETS) {
        if (context.findChild(name) instanceof Wrapper servlet) {
          try {
            servlet.load();
          } catch (Exception | LinkageError e) {
            log.warn("Webapp API {} not started ahead; it starts at its first request", name, e);
          }
        }
      }
    }
    log.info("Webapp APIs started in {} ms", (System.nanoTime() - started) / 1_000_000);
  }
}
