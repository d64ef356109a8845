package org.linli.conversation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import org.linli.dialog.ConversationHistory;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.dialog.TurnOutcome;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * What channel adapters get as the {@link ConversationPort}: the conversation service, measured.
 * Meters (Prometheus names in brackets): {@code linli.turns} ({@code linli_turns_total}) by channel
 * and outcome (answered, handoff, duplicate, rejected), {@code linli.turn.latency} by channel,
 * and {@code linli.escalations} by channel. No personal data in any tag.
 */
@Component
@Primary
class MeteredConversationPort implements ConversationPort {

  private final ConversationService service;
  private final MeterRegistry meters;

  MeteredConversationPort(ConversationService service, MeterRegistry meters) {
    this.service = service;
    this.meters = meters;
  }

  @Override
  public TurnOutcome handle(InboundMessage message) {
    String channel = message.channel().code();
    Timer.Sample sample = Timer.start(meters);
    String outcome = "rejected";
    try {
      TurnOutcome result = service.handle(message);
      outcome = result.duplicate() ? "duplicate" : result.handoff() != null ? "handoff" : "answered";
      if (result.handoff() != null && !result.duplicate()) {
        Counter.builder("linli.escalations")
            .description("conversations handed to a person")
            .tag("channel", channel)
            .register(meters)
            .increment();
      }
      return result;
    } finally {
      sample.stop(
          Timer.builder("linli.turn.latency")
              .description("time to handle one inbound message, storage included")
              .tag("channel", channel)
              .publishPercentiles(0.5, 0.95, 0.99)
              .register(meters));
      Counter.builder("linli.turns")
          .description("inbound messages handled")
          .tag("channel", channel)
          .tag("outcome", outcome)
          .register(meters)
          .increment();
    }
  }

  @Override
  public Optional<ConversationHistory> history(String conversationId) {
    return service.history(conversationId);
  }
}
