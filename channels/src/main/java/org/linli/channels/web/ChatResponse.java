package org.linli.channels.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
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
        HandoffJson.of(outcome.handoff()));
  }

  record ReplyJson(String text, List<Reply.Source> sources, List<Reply.Option> options) {
    static ReplyJson of(Reply reply) {
      return new ReplyJson(reply.text(), reply.sources(), reply.options());
    }
  }

  /**
   * The work order and, while nobody has claimed it, its place in the queue: the expected wait in
   * staffed hours, or when staff will call back outside them. Absent fields are left out.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HandoffJson(
      String ticketId,
      String status,
      Integer queuePosition,
      Integer expectedWaitMinutes,
      Instant callbackFrom) {

    static HandoffJson of(TurnOutcome.Handoff h) {
      return h == null
          ? null
          : new HandoffJson(h.ticketId(), h.status(), h.queuePosition(), h.expectedWaitMinutes(), h.callbackFrom());
    }
  }
}
