package org.linli.conversation;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads one stored message back as the event that announced it, for a node that learnt of the
 * message from another node (live events across a cluster carry ids, never the text); and a
 * conversation's language, for notices sent outside it (the closing call).
 */
@Component
public class ConversationMessages {

  private final ConversationStore store;

  ConversationMessages(ConversationStore store) {
    this.store = store;
  }

  /** The language a conversation is held in (what the resident is told in), if it exists. */
  @Transactional(readOnly = true)
  public Optional<org.linli.knowledge.Lang> language(String conversationId) {
    return conversationId == null ? Optional.empty() : store.find(conversationId).map(ConversationStore.ConversationRow::lang);
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
