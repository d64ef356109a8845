package org.linli.conversation;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads one stored message back as the event that announced it, for a node that learnt of the
 * message from another node (live events across a cluster carry ids, never the text).
 */
@Component
public class ConversationMessages {

  private final ConversationStore store;

  ConversationMessages(ConversationStore store) {
    this.store = store;
  }

  @Transactional(readOnly = true)
  public Optional<ConversationMessageAdded> added(long messageId) {
    return store
        .messageById(messageId)
        .map(
            m ->
                new ConversationMessageAdded(
                    store.conversationOf(messageId), messageId, ConversationService.entry(m)));
  }
}
