package jp.shisakuflow.notify;

import java.util.List;

/** One e-mail: recipients, a Japanese subject and body. */
public record Notification(List<String> to, String subject, String body) {}
