package org.linli.channels.wechat;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the WeChat adapter keeps in the application's database, shared by every node. The
 * application implements it; openids are personal data and are stored only as keyed hashes.
 */
public interface WeChatStore {

  /** The resident wrote (or clicked the menu, or followed): the customer-service window reopens. */
  void inbound(String openId, Instant at);

  /**
   * Runs what one message stores as a unit: the window update, the conversation turn and its
   * evidence are all kept, or (when {@code work} throws) none of them, so that WeChat's retry of
   * the message finds nothing half done and runs the turn again. The application runs it as one
   * database transaction, which the turn joins; the default runs it as it is.
   */
  default <T> T atomically(Supplier<T> work) {
    return work.get();
  }

  /** The resident followed the account (again). */
  void subscribed(String openId, Instant at);

  /** The resident unfollowed: nothing more is sent until they follow again. */
  void unsubscribed(String openId, Instant at);

  /** A customer-service message went out to the resident: counts against the window's quota. */
  void sent(String openId, Instant at);

  Optional<Contact> contact(String openId);

  /**
   * Claims an outbound idempotency key. True only for the first claim: a message whose key was
   * claimed before is not sent again.
   */
  boolean claim(String idempotencyKey, Instant at);

  /** Gives a claimed key back after a failed send, so that a retry may send it. */
  void release(String idempotencyKey);

  /**
   * Marks an inbound message whose reply goes out late (customer service) rather than in the HTTP
   * answer. True only for the first mark: that caller owns the late delivery.
   */
  boolean defer(String externalId, Instant at);

  /** The message's reply was deferred: a retry of it must answer {@code success}, not the reply. */
  boolean deferred(String externalId);

  /** A photo or a place the resident sent, kept with the conversation (once per message). */
  void evidence(Evidence evidence);

  /**
   * What is known of one follower.
   *
   * @param lastInboundAt the resident's last message or menu click, or null
   * @param sentSinceInbound customer-service messages sent since then
   */
  record Contact(Instant lastInboundAt, int sentSinceInbound, boolean unsubscribed) {}

  /**
   * A photo ({@code image}: media id and picture URL) or a place ({@code location}: latitude,
   * longitude, map scale and label) sent with a report.
   */
  record Evidence(
      String conversationId,
      String externalId,
      String kind,
      String mediaId,
      String picUrl,
      Double latitude,
      Double longitude,
      Double scale,
      String label,
      Instant at) {}
}
