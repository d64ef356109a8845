package org.linli.conversation;

import org.linli.dialog.ConversationHistory;

/**
 * A message was stored in a conversation (published inside the transaction; live clients get it
 * after the commit).
 *
 * @param messageId the stored message's id, so that another node can read it back (see {@link
 *     ConversationMessages})
 */
public record ConversationMessageAdded(
    String conversationId, long messageId, ConversationHistory.Entry entry) {}
