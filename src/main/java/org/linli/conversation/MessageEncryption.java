package org.linli.conversation;

import java.util.List;
import org.linli.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encrypts the texts of messages stored in clear before V131, in the background once the server is
 * up (not in one-shot commands or the shell, which leave the database alone). A message not yet
 * done is read from its plain column, so nothing waits for this; a failure is logged and the rest
 * is done at the next start.
 *
 * <p>Batches walk the table by id (an index range each, however large the table) and each batch
 * is one transaction, so a crash loses at most the batch in flight, which the next start redoes.
 * A row is changed only while it still holds the very text that was read ({@code text_enc is null
 * and text = ?}): two nodes starting at once do each row once, and a text the retention job or an
 * erasure emptied meanwhile is never brought back.
 */
@Component
@ConditionalOnWebApplication
class MessageEncryption {

  private static final Logger log = LoggerFactory.getLogger(MessageEncryption.class);
  private static final int BATCH = 500;

  private record Plain(long id, String text) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final TransactionTemplate transaction;
  private final PersonalData personalData;
  private volatile boolean stopping;

  MessageEncryption(
      JdbcClient jdbc,
      JdbcTemplate template,
      PlatformTransactionManager transactions,
      PersonalData personalData) {
    this.jdbc = jdbc;
    this.template = template;
    this.transaction = new TransactionTemplate(transactions);
    this.personalData = personalData;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    Thread.ofPlatform().name("message-encryption").daemon().start(this::encryptInBackground);
  }

  @EventListener(ContextClosedEvent.class)
  void stop() {
    stopping = true;
  }

  private void encryptInBackground() {
    try {
      int done = encryptLegacyRows();
      if (done > 0) {
        log.info("event=messages_encrypted rows={}", done);
      }
    } catch (RuntimeException e) {
      log.warn("event=messages_encrypt_failed error={}", e.toString());
    }
  }

  /** Encrypts every message text still in clear; returns how many this call encrypted. */
  int encryptLegacyRows() {
    long after = 0;
    int total = 0;
    while (!stopping) {
      List<Plain> rows =
          jdbc.sql(
                  "select id, text from message where id > ? and text_enc is null"
                      + " and text is not null and text <> '' order by id fetch first " + BATCH
                      + " rows only")
              .param(after)
              .query((rs, i) -> new Plain(rs.getLong(1), rs.getString(2)))
              .list();
      if (rows.isEmpty()) {
        break;
      }
      after = rows.getLast().id();
      List<Object[]> args =
          rows.stream()
              .map(r -> new Object[] {personalData.encrypt(r.text()), r.id(), r.text()})
              .toList();
      int[] updated =
          transaction.execute(
              tx ->
                  template.batchUpdate(
                      "update message set text_enc = ?, text = null"
                          + " where id = ? and text_enc is null and text = ?",
                      args));
      for (int n : updated) {
        total += Math.max(n, 0);
      }
    }
    return total;
  }
}
