package org.linli.channels;

import org.linli.dialog.Channel;

/**
 * Sends a message a resident did not just ask for (a staff reply, a case notification) on a
 * channel that can push: SMS, WeChat. The application's outbox calls it at least once per message
 * with the same {@link OutboundMessage#idempotencyKey()}, so a sender that can pass the key on to
 * its provider (or remember it) makes delivery exactly once for the resident.
 */
public interface OutboundSender {

  Channel channel();

  /**
   * Sends one message. Throws {@link UndeliverableException} when trying again cannot help (the
   * outbox gives up at once and staff get a callback task); any other exception is retried later
   * with backoff.
   */
  void send(OutboundMessage message) throws Exception;
}
