package org.linli.conversation;

import org.linli.dialog.ConversationHistory;

/**
 * A message was stored in a conversation (published inside the transaction; live clients get it
 * after the commit).
 */
public record ConversationMessageAdded(String conversationId, ConversationHistory.Entry entry) {}
