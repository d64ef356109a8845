package org.linli.dialog;

import java.util.List;
import org.linli.knowledge.Lang;

/**
 * The application's answer to one inbound message.
 *
 * @param handoff the work order the conversation is handed to, or null
 * @param duplicate the message was a retry of one already handled; the replies are the stored ones
 */
public record TurnOutcome(
    String conversationId,
    List<Reply> replies,
    String intent,
    Lang lang,
    Handoff handoff,
    boolean duplicate) {

  public TurnOutcome {
    replies = List.copyOf(replies);
  }

  /** A work order a conversation was handed to. */
  public record Handoff(String ticketId, String status) {}
}
