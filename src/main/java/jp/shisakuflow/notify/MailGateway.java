package jp.shisakuflow.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends notifications once the engine's transaction has committed (a rolled-back task completion
 * mails nobody), by SMTP or to the log. A mail server that fails is logged, never fails the work; a job's mail
 * ({@link #sendOrFail}) fails the job instead, for the engine to retry.
 */
@Component
public class MailGateway {

  private static final Logger log = LoggerFactory.getLogger(MailGateway.class);

  private final NotificationProperties properties;
  private final ObjectProvider<JavaMailSender> mailSender;

  public MailGateway(NotificationProperties properties, ObjectProvider<JavaMailSender> mailSender) {
    this.properties = properties;
    this.mailSender = mailSender;
  }

  public void sendAfterCommit(Notification notification) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          send(notification);
        }
      });
    } else {
      send(notification);
    }
  }

  public void send(Notification notification) {
    try {
      sendOrFail(notification);
    } catch (RuntimeException e) {
      log.warn("Mail to {} could not be sent ({}): {}", notification.to(), notification.subject(), e.getMessage());
    }
  }

  /** Sends now; a mail server that fails throws (for a job, which the engine then retries). */
  public void sendOrFail(Notification notification) {
    if (notification.to().isEmpty()) {
      return;
    }
    switch (properties.mode()) {
      case OFF -> { }
      case LOG -> log.info("Mail (not sent, shisaku.notify.mode=log) to {}: {}\n{}", notification.to(),
          notification.subject(), notification.body());
      case SMTP -> {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(notification.to().toArray(String[]::new));
        message.setSubject(notification.subject());
        message.setText(notification.body());
        mailSender.getObject().send(message);
      }
    }
  }
}
