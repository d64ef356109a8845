package org.linli.dialog;

import java.util.Optional;

/**
 * What channel adapters call: the application implements it (deduplication, storage, routing to a
 * person or to the dialogue engine). Adapters know nothing about how conversations are stored.
 */
public interface ConversationPort {

  /**
   * Handles one inbound message. A message whose (channel, external id) was seen before is not
   * handled again: the outcome of the first delivery is returned with {@code duplicate} set.
   *
   * @throws UnknownConversationException when the message names a conversation that does not
   *     exist (or belongs to another channel); nothing is stored then
   */
  TurnOutcome handle(InboundMessage message);

  /** The messages of a conversation, oldest first; empty when there is no such conversation. */
  Optional<ConversationHistory> history(String conversationId);

  /** The conversation's open work order and its place in the queue now, if it has one. */
  default Optional<TurnOutcome.Handoff> handoff(String conversationId) {
    return history(conversationId).map(ConversationHistory::handoff);
  }
}
