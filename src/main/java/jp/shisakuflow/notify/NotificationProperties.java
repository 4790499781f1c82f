package jp.shisakuflow.notify;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code shisaku.notify.*}: how mail goes out ({@code smtp} through spring.mail, or {@code log} to write
 * it to the log), from whom, to which address per group, and the link base for task URLs.
 */
@ConfigurationProperties("shisaku.notify")
public record NotificationProperties(Mode mode, String from, String baseUrl, int dueSoonDays,
    Map<String, String> groupAddresses) {

  /** Where notifications go. */
  public enum Mode { SMTP, LOG, OFF }

  public NotificationProperties {
    mode = mode == null ? Mode.LOG : mode;
    from = from == null ? "shisaku-flow@localhost" : from;
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl;
    dueSoonDays = dueSoonDays <= 0 ? 2 : dueSoonDays;
    groupAddresses = groupAddresses == null ? Map.of() : Map.copyOf(groupAddresses);
  }
}
