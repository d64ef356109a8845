package org.linli.dialog;

/** Something the application must carry out after a turn, in the same transaction. */
public sealed interface Action permits Action.Escalate, Action.LookupStatus, Action.Close, Action.Rate {

  /**
   * Hand the conversation to a person: open a work order.
   *
   * @param category a stable category code (e.g. {@code lift}, {@code water_leak}, {@code
   *     emergency}, {@code request_human}); the application's routing table maps it to a department
   * @param priority 0 is the highest (emergency), 3 the lowest
   * @param summary what the resident needs, in their words, personal numbers masked
   * @param contactPhone a phone number the resident gave for this report, or null (the channel
   *     identity is used then)
   * @param location where the problem is, as the resident said it, or null
   */
  record Escalate(
      String category, int priority, String summary, String contactPhone, String location)
      implements Action {
    public static final String REQUEST_HUMAN = "request_human";
    public static final String EMERGENCY = "emergency";
    public static final int HIGHEST = 0;
    public static final int NORMAL = 2;

    /** Never print the contact: this record may end up in a log line. */
    @Override
    public String toString() {
      return "Escalate[category=" + category + ", priority=" + priority + "]";
    }
  }

  /**
   * Tell the resident where their work orders stand: the one with this number, or, when it is
   * null, the resident's own open orders. The application writes the reply.
   */
  record LookupStatus(String ticketNumber) implements Action {}

  /** The resident ended the conversation. */
  record Close() implements Action {}

  /**
   * The resident rated a resolved work order (the state had {@code pending=rating} and {@code
   * rating.ticket=<number>}): {@code score} from 1 to 5, {@code comment} optional (null).
   */
  record Rate(String ticketNumber, int score, String comment) implements Action {}
}
