package org.linli.twilio;

import java.util.Optional;
import org.linli.accessibility.Lang;
import org.linli.channels.twilio.RatingCalls;
import org.linli.handoff.HandoffService;
import org.linli.conversation.ConversationMessages;
import org.linli.handoff.TicketStatus;
import org.linli.handoff.WorkOrder;
import org.springframework.stereotype.Component;

/**
 * The closing call's connection to work orders: it reads a resolved order's outcome, stores the
 * keypad rating exactly as a reply on any other channel is stored ({@link HandoffService#rate}: 1
 * or 2 reopens the order for a supervisor), and turns a call that ended without a rating into a
 * callback task for staff.
 */
@Component
class LandlineRatingCalls implements RatingCalls {

  private final HandoffService handoff;
  private final ConversationMessages conversations;

  LandlineRatingCalls(HandoffService handoff, ConversationMessages conversations) {
    this.handoff = handoff;
    this.conversations = conversations;
  }

  @Override
  public Lang language(String ticket) {
    return handoff.byNumber(ticket).map(this::language).orElse(Lang.ZH);
  }

  @Override
  public Optional<Prompt> prompt(String ticket) {
    return handoff.byNumber(ticket)
        .filter(o -> o.status() == TicketStatus.RESOLVED && o.resolution() != null)
        .map(o -> new Prompt(o.number(), o.resolution(), language(o)));
  }

  /** The language of the order's conversation: English for a resident who spoke English, else Chinese. */
  private Lang language(WorkOrder order) {
    return conversations.language(order.conversationId())
        .filter(l -> l == org.linli.knowledge.Lang.EN)
        .map(l -> Lang.EN)
        .orElse(Lang.ZH);
  }

  @Override
  public boolean rate(String ticket, int score) {
    return handoff.rate(ticket, score, null).reopened();
  }

  @Override
  public void ended(String ticket, String callStatus) {
    handoff.ratingCallEnded(ticket, callStatus);
  }
}
