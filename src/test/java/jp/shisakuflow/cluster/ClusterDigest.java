package jp.shisakuflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jp.shisakuflow.notify.DailyDigest;
import jp.shisakuflow.support.FreePort;

/**
 * The daily digest across the two nodes: both mail a GreenMail SMTP server of this test; three initiatives outside
 * the ledger's keys keep an overdue task open for each ward; the digest's timer is made due (REST, as an
 * administrator would in Cockpit) at 8:00 of the last office day, and GreenMail counts the digests per group.
 */
final class ClusterDigest implements AutoCloseable {

  static final String SUBJECT = "【施策フロー】期限切れ";
  /** One initiative per ward, each overdue (index % 4 == 1), owners by index % 3. */
  static final int[] INDEXES = {1001, 1005, 1009};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GreenMail smtp;
  private final int port;

  private ClusterDigest(int port) {
    this.port = port;
    this.smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  static ClusterDigest start() throws Exception {
    return new ClusterDigest(FreePort.next());
  }

  /** What both nodes are started with: mail to this server, an address per ward. */
  Map<String, String> environment() {
    String addresses = Arrays.stream(Scenario.OWNERS.toArray(new jp.shisakuflow.organization.OrganizationGroup[0]))
        .map(g -> "\"" + g.id() + "\":\"" + g.id() + "@cluster.invalid\"").collect(Collectors.joining(","));
    return Map.of("SHISAKU_NOTIFY_MODE", "smtp", "SHISAKU_SMTP_HOST", "127.0.0.1",
        "SHISAKU_SMTP_PORT", String.valueOf(port),
        "SPRING_APPLICATION_JSON", "{\"shisaku\":{\"notify\":{\"group-addresses\":{" + addresses + "}}}}");
  }

  /** The initiatives whose overdue tasks the digest reports (not driven, outside the ledger's business keys). */
  void startOverdueInitiatives(ClusterClient client, int year, LocalDate today) throws InterruptedException {
    for (int index : INDEXES) {
      Scenario scenario = new Scenario(index, year, today);
      String request = scenario.startRequest().replace(scenario.initiativeId(), "digest-" + index);
      assertThat(client.post(0, scenario.manager(), "/api/initiatives", request).status()).isBetween(200, 201);
    }
  }

  /** The digest's timer due at 8:00 (Tokyo) of the last office day before today: the next poll runs it. */
  void makeDue(ClusterClient client, String admin, LocalDate today) throws Exception {
    LocalDate day = today.minusDays(1);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
        || jp.shisakuflow.time.BusinessDays.japan().holiday(day).isPresent()) {
      day = day.minusDays(1);
    }
    JsonNode jobs = JSON.readTree(client.get(0, admin,
        "/engine-rest/job?timers=true&firstResult=0&maxResults=10&processDefinitionKey=" + DailyDigest.PROCESS_KEY)
        .body());
    assertThat(jobs).as("the digest's one timer").hasSize(1);
    String due = day.atTime(8, 0).atZone(ZoneId.of("Asia/Tokyo"))
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"));
    assertThat(client.put(0, admin, "/engine-rest/job/" + jobs.get(0).path("id").asText() + "/duedate",
        "{\"duedate\":\"" + due + "\"}").status()).isEqualTo(204);
  }

  /** Waits until every ward has had its digest (or the time is up), then counts them per address. */
  Map<String, Long> digestsPerAddress(long waitMillis) {
    smtp.waitForIncomingEmail(waitMillis, INDEXES.length);
    return Arrays.stream(smtp.getReceivedMessages()).filter(ClusterDigest::isDigest)
        .collect(Collectors.groupingBy(ClusterDigest::to, TreeMap::new, Collectors.counting()));
  }

  Map<String, Long> expected() {
    return Scenario.OWNERS.stream().collect(Collectors.toMap(g -> g.id() + "@cluster.invalid", g -> 1L,
        (x, y) -> x, TreeMap::new));
  }

  private static boolean isDigest(MimeMessage mail) {
    try {
      return mail.getSubject() != null && mail.getSubject().startsWith(SUBJECT);
    } catch (MessagingException e) {
      return false;
    }
  }

  private static String to(MimeMessage mail) {
    try {
      return Arrays.stream(mail.getAllRecipients()).map(Object::toString).collect(Collectors.joining(","));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    smtp.stop();
  }
}
