package org.linli.outbox;

import org.linli.privacy.ClearColumns;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.linli.dialog.Channel;
import org.linli.privacy.PersonalData;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox: a message for a resident's channel is written in the same
 * transaction as the change that causes it (a staff reply, a case notification), and delivered
 * afterwards, at least once, by {@link OutboxDispatcher}. The recipient is stored encrypted.
 */
@Service
public class Outbox {

  private final JdbcClient jdbc;
  private final PersonalData personalData;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  Outbox(JdbcClient jdbc, PersonalData personalData, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.personalData = personalData;
    this.clock = clock;
    this.events = events;
  }

  /**
   * The provider accepted a message but later reported that it never reached the resident (an
   * SMS "undelivered"): the entry is marked failed and staff are shown it, as for a message that
   * could not be handed over at all. Unknown keys and entries already failed are ignored.
   */
  @Transactional
  public void reportUndelivered(String idempotencyKey, String error) {
    var entry =
        jdbc.sql("select id, channel, conversation_id from outbox where idempotency_key = ? and status = 'sent'")
            .param(idempotencyKey)
            .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
            .optional();
    if (entry.isEmpty()) {
      return;
    }
    long id = (Long) entry.get()[0];
    String shortError = error.length() > 500 ? error.substring(0, 500) : error;
    int changed =
        jdbc.sql("update outbox set status = 'failed', last_error = ? where id = ? and status = 'sent'")
            .params(shortError, id)
            .update();
    if (changed == 1) {
      events.publishEvent(
          new OutboxDispatcher.OutboxDeliveryFailed(
              id, (String) entry.get()[1], (String) entry.get()[2], shortError));
    }
  }

  /**
   * Queues a message. A second call with the same idempotency key is ignored, so callers may
   * derive the key from what causes the message (for example the order number and event id).
   */
  @Transactional
  public void enqueue(
      String idempotencyKey,
      Channel channel,
      String recipient,
      String conversationId,
      Long workOrderId,
      String text) {
    int exists =
        jdbc.sql("select count(*) from outbox where idempotency_key = ?")
            .param(idempotencyKey)
            .query(Integer.class)
            .single();
    if (exists > 0) {
      return;
    }
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    jdbc.sql(
            "insert into outbox (idempotency_key, channel, recipient_enc, conversation_id,"
                + " work_order_id, text_enc, status, attempts, next_attempt_at, created_at)"
                + " values (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)")
        .params(
            idempotencyKey,
            channel.code(),
            recipient == null ? null : personalData.encrypt(recipient),
            conversationId,
            workOrderId,
            personalData.encrypt(text),
            now,
            now)
        .update();
  }

  /**
   * Drops messages not yet handed to a channel whose idempotency key ends with {@code keySuffix}
   * (for example every notice to a carer whose record was just revoked). Answers how many.
   */
  @Transactional
  public int cancelPending(String keySuffix) {
    String escaped = keySuffix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return jdbc.sql("delete from outbox where status = 'pending' and idempotency_key like ? escape '\\'")
        .param("%" + escaped)
        .update();
  }

  /**
   * Encrypts the texts of outbox messages written in clear before V131, in batches walking the
   * table by id; a row is changed only while it still holds the text that was read, so several
   * nodes at once seal each row once and an emptied text stays empty. Returns how many.
   */
  public int encryptLegacyRows() {
    return ClearColumns.seal(jdbc, "outbox", "text", personalData::encrypt);
  }

  /** A message that could not be delivered after every retry, for staff to act on. */
  public record Failed(
      long id, String channel, String conversationId, String text, int attempts, String error,
      java.time.Instant createdAt) {}

  @Transactional(readOnly = true)
  public List<Failed> failed() {
    return jdbc.sql(
            "select id, channel, conversation_id, text, text_enc, attempts, last_error, created_at from outbox"
                + " where status = 'failed' order by id desc")
        .query(
            (rs, i) ->
                new Failed(
                    rs.getLong("id"),
                    rs.getString("channel"),
                    rs.getString("conversation_id"),
                    personalData.read(rs.getString("text_enc"), rs.getString("text")),
                    rs.getInt("attempts"),
                    rs.getString("last_error"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Messages given up on after every attempt. */
  @Transactional(readOnly = true)
  public int failedCount() {
    return jdbc.sql("select count(*) from outbox where status = 'failed'").query(Integer.class).single();
  }

  /** Messages waiting to be delivered (the backlog). */
  @Transactional(readOnly = true)
  public int backlog() {
    return jdbc.sql("select count(*) from outbox where status in ('pending', 'sending')")
        .query(Integer.class)
        .single();
  }
}
