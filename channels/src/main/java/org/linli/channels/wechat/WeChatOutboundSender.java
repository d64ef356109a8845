package org.linli.channels.wechat;

import org.linli.channels.OutboundMessage;
import org.linli.channels.OutboundSender;
import org.linli.channels.UndeliverableException;
import org.linli.dialog.Channel;

/**
 * The outbox's way to WeChat: staff replies and case notices as customer-service messages inside
 * the 48-hour window, as a template message outside it where one is configured. When neither is
 * possible (window closed without a template, the resident unfollowed), the outbox gives up at
 * once and staff see that the resident must be phoned or must write first.
 */
public class WeChatOutboundSender implements OutboundSender {

  private final WeChatSender sender;

  public WeChatOutboundSender(WeChatSender sender) {
    this.sender = sender;
  }

  @Override
  public Channel channel() {
    return Channel.WECHAT;
  }

  @Override
  public void send(OutboundMessage message) throws UndeliverableException {
    if (message.recipient() == null || message.recipient().isBlank()) {
      throw new UndeliverableException("no openid to send to");
    }
    WeChatSender.Result result =
        sender.notify(message.recipient(), message.text(), message.idempotencyKey());
    switch (result) {
      case SENT, SENT_AS_TEMPLATE, ALREADY_SENT -> {}
      case CONTACT_BY_PHONE ->
          throw new UndeliverableException(
              "wechat window closed: the resident must write first or be phoned");
      case UNSUBSCRIBED -> throw new UndeliverableException("the resident unfollowed the account");
      case FAILED -> throw new IllegalStateException("wechat could not be reached");
    }
  }
}
