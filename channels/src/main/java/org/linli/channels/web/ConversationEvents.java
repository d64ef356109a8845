package org.linli.channels.web;

import java.util.function.Consumer;
import org.linli.dialog.ConversationHistory;

/**
 * New messages of a conversation as they are stored, for clients that cannot be pushed to by a
 * channel (web chat and kiosk): the application implements it; the web chat controller streams
 * them as server-sent events. Knows nothing of storage or of how events reach this node.
 */
public interface ConversationEvents {

  /**
   * Calls {@code listener} with every message added to the conversation from now on, until the
   * returned subscription is closed. The listener may be called on any thread. {@code onEnd}
   * runs when the application shuts down, so the stream can be ended at once.
   */
  Subscription subscribe(
      String conversationId, Consumer<ConversationHistory.Entry> listener, Runnable onEnd);

  /** Stops the deliveries of one subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
