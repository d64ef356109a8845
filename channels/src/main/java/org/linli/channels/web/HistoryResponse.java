package org.linli.channels.web;

import java.time.Instant;
import java.util.List;
import org.linli.dialog.ConversationHistory;
import org.linli.dialog.Reply;

/** {@code GET /api/chat/conversations/{id}} answer: enough for a client to redraw the chat. */
record HistoryResponse(
    String conversationId,
    String channel,
    String lang,
    String mode,
    List<MessageJson> messages,
    ChatResponse.HandoffJson handoff) {

  static HistoryResponse of(ConversationHistory h) {
    return new HistoryResponse(
        h.conversationId(),
        h.channel().code(),
        h.lang() == null ? null : h.lang().code(),
        h.mode(),
        h.messages().stream().map(MessageJson::of).toList(),
        ChatResponse.HandoffJson.of(h.handoff()));
  }

  record MessageJson(
      String direction,
      String author,
      String text,
      List<Reply.Source> sources,
      List<Reply.Option> options,
      String intent,
      Instant at) {

    static MessageJson of(ConversationHistory.Entry e) {
      return new MessageJson(
          e.direction(), e.author(), e.text(), e.sources(), e.options(), e.intent(), e.at());
    }
  }
}
