package org.linli.dialog;

import java.time.Instant;
import java.util.List;
import org.linli.knowledge.Lang;

/**
 * A conversation as a client redraws it: its messages, oldest first.
 *
 * @param handoff the conversation's open work order and its place in the queue now, or null
 */
public record ConversationHistory(
    String conversationId,
    Channel channel,
    Lang lang,
    String mode,
    List<Entry> messages,
    TurnOutcome.Handoff handoff) {

  public ConversationHistory {
    messages = List.copyOf(messages);
  }

  public ConversationHistory(
      String conversationId, Channel channel, Lang lang, String mode, List<Entry> messages) {
    this(conversationId, channel, lang, mode, messages, null);
  }

  /**
   * One message.
   *
   * @param direction "in" from the resident, "out" to the resident
   * @param author "resident", "assistant", or "staff"
   */
  public record Entry(
      String direction,
      String author,
      String text,
      List<Reply.Source> sources,
      List<Reply.Option> options,
      String intent,
      Instant at) {

    public Entry {
      sources = List.copyOf(sources == null ? List.of() : sources);
      options = List.copyOf(options == null ? List.of() : options);
    }
  }
}
