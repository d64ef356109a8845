package org.linli.channels.wechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * WeChat's customer-service window: an official account may send a follower free-form messages
 * only for a while (48 hours) after the follower's last message or menu click, and only a limited
 * number of them. Outside it, a template message (where one is configured) or a person on the
 * phone has to do. Anything that sends to residents asks here first.
 */
public final class CustomerServiceWindow {

  /** Where a follower stands. */
  public enum State {
    /** Customer-service messages may be sent. */
    OPEN,
    /** The follower has not written within the window (or never): template or phone only. */
    CLOSED,
    /** The window is open but its quota of messages is used up: template or phone only. */
    QUOTA_USED,
    /** The follower unfollowed the account: nothing may be sent. */
    UNSUBSCRIBED
  }

  /**
   * @param closesAt when the window closes (null when there was never a message)
   * @param remaining customer-service messages that may still be sent in this window
   */
  public record Status(State state, Instant closesAt, int remaining) {
    public boolean open() {
      return state == State.OPEN;
    }
  }

  private final WeChatStore store;
  private final Duration length;
  private final int quota;
  private final Clock clock;

  public CustomerServiceWindow(WeChatStore store, Duration length, int quota, Clock clock) {
    this.store = store;
    this.length = length;
    this.quota = quota;
    this.clock = clock;
  }

  public Status status(String openId) {
    Instant now = clock.instant();
    WeChatStore.Contact contact = store.contact(openId).orElse(null);
    if (contact == null || contact.lastInboundAt() == null) {
      return new Status(State.CLOSED, null, 0);
    }
    Instant closesAt = contact.lastInboundAt().plus(length);
    if (contact.unsubscribed()) {
      return new Status(State.UNSUBSCRIBED, closesAt, 0);
    }
    if (!now.isBefore(closesAt)) {
      return new Status(State.CLOSED, closesAt, 0);
    }
    int remaining = Math.max(0, quota - contact.sentSinceInbound());
    return new Status(remaining == 0 ? State.QUOTA_USED : State.OPEN, closesAt, remaining);
  }
}
