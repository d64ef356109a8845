package org.linli.channels.twilio;

import java.util.Optional;
import org.linli.accessibility.Lang;

/**
 * The application's side of the closing call to a resident reachable only by landline: what the
 * call reads out, where the keypad rating goes, and what happens when the call ends without one.
 */
public interface RatingCalls {

  /** What the call reads: the order's number and resolution, in the resident's language. */
  record Prompt(String ticket, String resolution, Lang lang) {}

  /**
   * The language the resident of this order is spoken to in, also once the order was rated (for
   * the goodbye); Chinese when unknown.
   */
  default Lang language(String ticket) {
    return Lang.ZH;
  }

  /** The order, while it still waits for the resident's rating; empty once rated or unknown. */
  Optional<Prompt> prompt(String ticket);

  /**
   * Stores the rating, 1 to 5, as every channel does.
   *
   * @return true when the low rating reopened the order for a supervisor
   */
  boolean rate(String ticket, int score);

  /**
   * The call ended with Twilio's final {@code CallStatus} (completed, busy, no-answer, failed,
   * canceled). Where no rating came, staff get a callback task, once per order. Must be idempotent:
   * Twilio may report the same status more than once.
   */
  void ended(String ticket, String callStatus);
}
