package org.linli.dialog;

import java.time.Instant;
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

  /**
   * A work order a conversation was handed to, and where it stands in the queue.
   *
   * @param queuePosition place among the department's unclaimed orders (1 = next), or null once a
   *     person has it
   * @param expectedWaitMinutes the expected wait while unclaimed in staffed hours, else null
   * @param callbackFrom while unclaimed outside staffed hours: when staff are back to call, else
   *     null
   */
  public record Handoff(
      String ticketId,
      String status,
      Integer queuePosition,
      Integer expectedWaitMinutes,
      Instant callbackFrom) {

    public Handoff(String ticketId, String status) {
      this(ticketId, status, null, null, null);
    }
  }
}
