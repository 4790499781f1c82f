package jp.shisakuflow.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code --shisaku.exit-when-ready=true}: the application stops as soon as it is ready, i.e. after everything a
 * start does (the demo's seeding and the webapps' APIs included), and the JVM exits. The build's training start
 * for the class-data archive ({@code ./mvnw -Prun}, pom.xml) runs so, on a database of its own, so that the
 * archive holds the classes of a whole start, not only those of the context's refresh (Spring's
 * {@code -Dspring.context.exit=onRefresh} stops before the runners and the ready listeners).
 */
@Component
@ConditionalOnProperty(name = "shisaku.exit-when-ready", havingValue = "true")
public class ExitWhenReady {

  private static final Logger log = LoggerFactory.getLogger(ExitWhenReady.class);

  private final ApplicationContext context;

  public ExitWhenReady(ApplicationContext context) {
    this.context = context;
  }

  /** Readiness is published after every {@code ApplicationReadyEvent} listener has run. */
  @EventListener
  public void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
    if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
      log.info("Ready; stopping as asked (shisaku.exit-when-ready)");
      System.exit(SpringApplication.exit(context));
    }
  }
}
