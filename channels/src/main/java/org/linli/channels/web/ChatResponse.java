package org.linli.channels.web;

import java.util.List;
import org.linli.dialog.Reply;
import org.linli.dialog.TurnOutcome;

/** {@code POST /api/chat/messages} answer. */
record ChatResponse(
    String conversationId,
    List<ReplyJson> replies,
    String intent,
    String lang,
    HandoffJson handoff) {

  static ChatResponse of(TurnOutcome outcome) {
    return new ChatResponse(
        outcome.conversationId(),
        outcome.replies().stream().map(ReplyJson::of).toList(),
        outcome.intent(),
        outcome.lang() == null ? null : outcome.lang().code(),
        outcome.handoff() == null
            ? null
            : new HandoffJson(outcome.handoff().ticketId(), outcome.handoff().status()));
  }

  record ReplyJson(String text, List<Reply.Source> sources, List<Reply.Option> options) {
    static ReplyJson of(Reply reply) {
      return new ReplyJson(reply.text(), reply.sources(), reply.options());
    }
  }

  record HandoffJson(String ticketId, String status) {}
}
