package org.linli.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.linli.dialog.Channel;
import org.linli.privacy.PersonalData;
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

  Outbox(JdbcClient jdbc, PersonalData personalData, Clock clock) {
    this.jdbc = jdbc;
    this.personalData = personalData;
    this.clock = clock;
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
                + " work_order_id, text, status, attempts, next_attempt_at, created_at)"
                + " values (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)")
        .params(
            idempotencyKey,
            channel.code(),
            recipient == null ? null : personalData.encrypt(recipient),
            conversationId,
            workOrderId,
            text,
            now,
            now)
        .update();
  }

  /** A message that could not be delivered after every retry, for staff to act on. */
  public record Failed(
      long id, String channel, String conversationId, String text, int attempts, String error,
      java.time.Instant createdAt) {}

  @Transactional(readOnly = true)
  public List<Failed> failed() {
    return jdbc.sql(
            "select id, channel, conversation_id, text, attempts, last_error, created_at from outbox"
                + " where status = 'failed' order by id desc")
        .query(
            (rs, i) ->
                new Failed(
                    rs.getLong("id"),
                    rs.getString("channel"),
                    rs.getString("conversation_id"),
                    rs.getString("text"),
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
