package jp.shisakuflow.security;

import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.Container;
import org.apache.catalina.Wrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
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
 * <p>They start on a thread of their own as soon as the context is started, alongside the application's
 * runners on the main thread (the groups and grants, Tasklist's filters, the demo's seeding), and readiness waits
 * for them: a start uses the machine's second core for them instead of adding their time to the main thread's.
 */
@Component
public class WebappApisAtStart {

  private static final Logger log = LoggerFactory.getLogger(WebappApisAtStart.class);

  /** The names Camunda's webapp initializer gives its API servlets. */
  static final List<String> SERVLETS = List.of("Engine Api", "Welcome Api", "Tasklist Api", "Cockpit Api", "Admin Api");

  private Thread starting;

  @EventListener(ApplicationStartedEvent.class)
  public synchronized void startApis(ApplicationStartedEvent event) {
    List<Wrapper> servlets = servlets(event.getApplicationContext());
    if (servlets.isEmpty()) {
      return;
    }
    starting = new Thread(() -> load(servlets), "webapp-apis-at-start");
    starting.setDaemon(true);
    starting.start();
  }

  @EventListener(ApplicationReadyEvent.class)
  public synchronized void awaitApis() throws InterruptedException {
    if (starting != null) {
      long waited = System.nanoTime();
      starting.join();
      starting = null;
      log.debug("Readiness waited {} ms for the webapp APIs", (System.nanoTime() - waited) / 1_000_000);
    }
  }

  private static List<Wrapper> servlets(ApplicationContext context) {
    List<Wrapper> servlets = new ArrayList<>();
    if (context instanceof ServletWebServerApplicationContext web && web.getWebServer() instanceof TomcatWebServer tomcat) {
      for (Container webapp : tomcat.getTomcat().getHost().findChildren()) {
        for (String name : SERVLETS) {
          if (webapp.findChild(name) instanceof Wrapper servlet) {
            servlets.add(servlet);
          }
        }
      }
    }
    return servlets;
  }

  private static void load(List<Wrapper> servlets) {
    long started = System.nanoTime();
    for (Wrapper servlet : servlets) {
      try {
        servlet.load();
      } catch (Exception | LinkageError e) {
        log.warn("Webapp API {} not started ahead; it starts at its first request", servlet.getName(), e);
      }
    }
    log.info("Webapp APIs started in {} ms", (System.nanoTime() - started) / 1_000_000);
  }
}
