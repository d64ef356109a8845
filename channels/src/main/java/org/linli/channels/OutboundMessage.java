package org.linli.channels;

import java.util.Objects;
import org.linli.dialog.Channel;

/**
 * One outbound message.
 *
 * @param idempotencyKey the same for every delivery attempt of this message
 * @param recipient the resident's address on the channel (phone number, openid), in clear: never
 *     log it
 * @param conversationId the conversation it belongs to, or null
 */
public record OutboundMessage(
    String idempotencyKey, Channel channel, String recipient, String conversationId, String text) {

  public OutboundMessage {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String toString() {
    return "OutboundMessage[key=" + idempotencyKey + ", channel=" + channel + "]";
  }
}
