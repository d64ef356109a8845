package org.linli.wechat;

import org.linli.channels.wechat.WeChatLateReplies;
import org.linli.dialog.Channel;
import org.linli.outbox.Outbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * A reply that missed WeChat's 5-second window goes through the outbox: retried until WeChat
 * takes it, sent once per idempotency key even when several nodes or retries queue it.
 */
@Component
@Primary
class OutboxLateReplies implements WeChatLateReplies {

  private final Outbox outbox;

  OutboxLateReplies(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void deliver(String openId, String text, String idempotencyKey) {
    try {
      outbox.enqueue(idempotencyKey, Channel.WECHAT, openId, null, null, text);
    } catch (DuplicateKeyException queuedByAnotherNode) {
      // the same late reply is already queued: nothing to add
    }
  }
}
