package org.linli.live;

import java.util.function.Consumer;

/**
 * Fan-out of live events to the consoles and chat clients connected to this node. Publishers call
 * it after their transaction committed. The in-memory implementation reaches this node only; a
 * cluster replaces it (for example with PostgreSQL LISTEN/NOTIFY) behind this interface.
 *
 * <p>Topics: {@code conversation:<id>} (new messages of a conversation), {@code tickets} (every
 * work order change, filtered by the subscriber).
 */
public interface LiveEvents {

  void publish(String topic, Object event);

  /**
   * Calls {@code listener} with every event of {@code topic} until the subscription is closed;
   * {@code onShutdown} runs when this node shuts down, so long-lived streams can end at once
   * instead of holding up a graceful shutdown.
   */
  Subscription subscribe(String topic, Consumer<Object> listener, Runnable onShutdown);

  /** Ends one subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  static String conversation(String id) {
    return "conversation:" + id;
  }

  String TICKETS = "tickets";
}
