package org.linli.channels;

/**
 * A message that cannot be delivered by trying again: the resident opted out or unfollowed, the
 * number cannot take an SMS, or the WeChat window is closed with no template. The outbox gives up
 * at once and staff are asked to contact the resident another way.
 */
public class UndeliverableException extends Exception {
  public UndeliverableException(String reason) {
    super(reason);
  }
}
