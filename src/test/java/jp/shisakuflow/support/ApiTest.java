package jp.shisakuflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port without demo data, sending mail to a local SMTP server on
 * port 3025 (GreenMail, where a test starts one). Test classes with it share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "shisaku.notify.mode=smtp",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=3025",
    "shisaku.notify.group-addresses.managers=managers@test.invalid",
    "shisaku.notify.group-addresses.wardTakatsu=takatsu@test.invalid",
    // As in production: redirects and links from the public URL (here the random port, read at the first request).
    "shisaku.public-url=http://localhost:${local.server.port}",
    "shisaku.notify.base-url=http://localhost:8080"})
@ActiveProfiles("test")
// Metrics export (Prometheus) as in production; Spring Boot's tests switch it off by default.
@AutoConfigureObservability(tracing = false)
@Import({StatementCounter.class, KnownYear.class})
public @interface ApiTest {}
