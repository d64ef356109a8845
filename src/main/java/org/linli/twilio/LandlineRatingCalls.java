package org.linli.twilio;

import java.util.Optional;
import org.linli.accessibility.Lang;
import org.linli.channels.twilio.RatingCalls;
import org.linli.handoff.HandoffService;
import org.linli.handoff.TicketStatus;
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

  LandlineRatingCalls(HandoffService handoff) {
    this.handoff = handoff;
  }

  @Override
  public Optional<Prompt> prompt(String ticket) {
    // zh-CN: landlines are mainland numbers; the conversation's language is not carried here
    return handoff.byNumber(ticket)
        .filter(o -> o.status() == TicketStatus.RESOLVED && o.resolution() != null)
        .map(o -> new Prompt(o.number(), o.resolution(), Lang.ZH));
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
