package org.linli.dialog;

import java.time.Instant;
import java.util.Objects;
import org.linli.knowledge.Lang;

/**
 * One message from a resident as a channel adapter hands it to the application.
 *
 * @param conversationId the conversation the resident continues, when the channel knows it (web
 *     chat and kiosk); null to start one or to let the application find it by {@code
 *     residentAddress}
 * @param residentAddress the resident's identity on the channel (phone number, WeChat openid);
 *     null for anonymous channels
 * @param externalId the channel's own id of this message (MessageSid, MsgId, a client message
 *     id); retries carrying the same id are answered from the store and never run a second turn
 * @param text what the resident typed, said (a transcript) or pressed (digits, * and #)
 * @param langHint the language the channel or the resident asked for; null to detect it
 */
public record InboundMessage(
    Channel channel,
    String conversationId,
    String residentAddress,
    String externalId,
    String text,
    Lang langHint,
    Instant receivedAt) {

  public InboundMessage {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
