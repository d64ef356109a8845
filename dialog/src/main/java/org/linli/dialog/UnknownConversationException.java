package org.linli.dialog;

/** A message named a conversation that does not exist on its channel. */
public class UnknownConversationException extends RuntimeException {
  private final String conversationId;

  public UnknownConversationException(String conversationId) {
    super("No conversation " + conversationId);
    this.conversationId = conversationId;
  }

  public String conversationId() {
    return conversationId;
  }
}
