package org.linli.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.linli.channels.OutboundMessage;
import org.linli.channels.OutboundSender;
import org.linli.channels.UndeliverableException;
import org.linli.dialog.Channel;
import org.linli.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox: each due message is claimed with a conditional update (so two nodes never
 * send it at the same moment), handed to its channel's sender with its idempotency key, and then
 * marked sent; a failure is retried with a doubling wait, and after the last attempt the message
 * is marked failed and an {@link OutboxDeliveryFailed} event tells staff. A node that dies
 * between sending and marking leaves the message to be sent again (at least once).
 */
@Component
public class OutboxDispatcher {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final JdbcClient jdbc;
  private final Map<Channel, OutboundSender> senders;
  private final PersonalData personalData;
  private final OutboxProperties properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final TransactionTemplate transaction;
  private final MeterRegistry meters;

  OutboxDispatcher(
      JdbcClient jdbc,
      List<OutboundSender> senders,
      PersonalData personalData,
      OutboxProperties properties,
      ApplicationEventPublisher events,
      Clock clock,
      PlatformTransactionManager transactions,
      MeterRegistry meters) {
    this.meters = meters;
    this.jdbc = jdbc;
    this.senders =
        senders.stream()
            .collect(Collectors.toMap(OutboundSender::channel, Function.identity(), (a, b) -> a));
    this.personalData = personalData;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** A message that could not be delivered after every attempt. */
  public record OutboxDeliveryFailed(long outboxId, String channel, String conversationId, String error) {}

  private record Due(
      long id, String key, String channel, String recipientEnc, String conversationId, String text,
      int attempts) {}

  /** Delivers every due message once; returns how many were sent. */
  public int dispatchDue() {
    Instant now = clock.instant();
    // messages claimed by a node that died mid-send go back to the queue
    jdbc.sql("update outbox set status = 'pending' where status = 'sending' and next_attempt_at < ?")
        .param(utc(now.minus(properties.stuckAfter())))
        .update();
    List<Due> due =
        jdbc.sql(
                "select id, idempotency_key, channel, recipient_enc, conversation_id, text, attempts, text_enc"
                    + " from outbox where status = 'pending' and next_attempt_at <= ? order by id limit 100")
            .param(utc(now))
            .query(
                (rs, i) ->
                    new Due(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), personalData.read(rs.getString(8), rs.getString(6)), rs.getInt(7)))
            .list();
    int sent = 0;
    for (Due message : due) {
      if (claim(message.id(), now) && deliver(message)) {
        sent++;
      }
    }
    return sent;
  }

  private boolean claim(long id, Instant now) {
    return jdbc.sql(
                "update outbox set status = 'sending', next_attempt_at = ? where id = ? and status = 'pending'")
            .params(utc(now), id)
            .update()
        == 1;
  }

  private boolean deliver(Due message) {
    Channel channel = Channel.fromCode(message.channel()).orElseThrow();
    Optional<OutboundSender> sender = Optional.ofNullable(senders.get(channel));
    try {
      if (sender.isEmpty()) {
        throw new IllegalStateException("no sender is configured for " + channel.code());
      }
      String recipient =
          message.recipientEnc() == null ? null : personalData.decrypt(message.recipientEnc());
      sender.get().send(
          new OutboundMessage(message.key(), channel, recipient, message.conversationId(), message.text()));
      jdbc.sql("update outbox set status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = null where id = ?")
          .params(utc(clock.instant()), message.id())
          .update();
      log.info("event=outbox_sent id={} channel={}", message.id(), channel.code());
      return true;
    } catch (Exception e) {
      failed(message, e);
      return false;
    }
  }

  private void failed(Due message, Exception e) {
    int attempts = message.attempts() + 1;
    Counter.builder("linli.outbox.delivery.failures")
        .description("failed attempts to deliver an outbox message; final=true when given up")
        .tag("channel", message.channel())
        .tag("final", Boolean.toString(attempts >= properties.maxAttempts()))
        .register(meters)
        .increment();
    String error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
    String shortError = error.length() > 500 ? error.substring(0, 500) : error;
    if (attempts >= properties.maxAttempts() || e instanceof UndeliverableException) {
      transaction.executeWithoutResult(
          tx -> {
            jdbc.sql("update outbox set status = 'failed', attempts = ?, last_error = ? where id = ?")
                .params(attempts, shortError, message.id())
                .update();
            events.publishEvent(
                new OutboxDeliveryFailed(message.id(), message.channel(), message.conversationId(), shortError));
          });
      log.warn("event=outbox_gave_up id={} channel={} attempts={}", message.id(), message.channel(), attempts);
      return;
    }
    Instant next = clock.instant().plus(properties.backoff(attempts));
    jdbc.sql("update outbox set status = 'pending', attempts = ?, last_error = ?, next_attempt_at = ? where id = ?")
        .params(attempts, shortError, utc(next), message.id())
        .update();
    log.info("event=outbox_retry id={} channel={} attempts={}", message.id(), message.channel(), attempts);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
