package jp.shisakuflow.security;

import java.util.List;
import org.apache.catalina.Container;
import org.apache.catalina.Wrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the webapps' own APIs (Camunda's Jersey servlets under {@code /camunda/api/…}) when the application
 * is ready, not at their first request. Camunda registers them to start lazily, and a webapp loads its plugin
 * bundle from its API ({@code /camunda/api/admin/plugin/adminPlugins/static/app/plugin.js}) through RequireJS,
 * which gives up after 7 seconds: on a busy server the first visitor's webapp waited for the servlet to start,
 * RequireJS gave up ("Load timeout for modules: admin-plugin-adminPlugins"), and the webapp stayed on its
 * spinner.
 */
@Component
public class WebappApisAtStart {

  private static final Logger log = LoggerFactory.getLogger(WebappApisAtStart.class);

  /** The names Camunda's webapp initializer gives its API servlets. */
  static final List<String> SERVLETS = List.of("Engine Api", "Welcome Api", "Tasklist Api", "Cockpit Api", "Admin Api");

  @EventListener(ApplicationReadyEvent.class)
  public void startApis(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof ServletWebServerApplicationContext web)
        || !(web.getWebServer() instanceof TomcatWebServer tomcat)) {
      return;
    }
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
