package org.linli.channels.wechat;

/**
 * Delivers a reply that was not ready within WeChat's 5-second window, after the HTTP request was
 * answered {@code success}. By default it calls {@link WeChatSender#send} once; the application
 * may replace the bean with one that goes through its outbox (retries, at-least-once, the same
 * idempotency key).
 */
@FunctionalInterface
public interface WeChatLateReplies {

  /**
   * @param idempotencyKey {@code wechat-reply:<external message id>}: the same for every node and
   *     every retry of the same message
   */
  void deliver(String openId, String text, String idempotencyKey);
}
