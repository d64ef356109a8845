package org.linli.channels.twilio;

/**
 * Receives Twilio's delivery reports for outbound SMS ({@code POST /channels/twilio/sms/status},
 * signature-checked). The application connects it to its outbox: {@code failed} and {@code
 * undelivered} are final failures to show to staff; {@code delivered} closes the delivery.
 */
@FunctionalInterface
public interface SmsDeliveryListener {

  /**
   * One status report. Twilio may report the same status more than once and statuses may arrive
   * out of order ({@code sent} after {@code delivered}): implementations must be idempotent.
   */
  void onStatus(SmsDeliveryStatus status);

  /**
   * @param idempotencyKey the key the message was sent with ({@link TwilioSmsSender#send}), from
   *     the status callback URL; null when the message was not sent by Linli's sender
   * @param messageSid Twilio's id of the message
   * @param status Twilio's {@code MessageStatus}: queued, sending, sent, delivered, undelivered,
   *     failed, ...
   * @param errorCode Twilio's {@code ErrorCode} for a failure (e.g. 30003 unreachable), or null
   */
  record SmsDeliveryStatus(
      String idempotencyKey, String messageSid, String status, String errorCode) {

    /** Twilio will not try again: the message did not reach the phone. */
    public boolean finalFailure() {
      return "failed".equals(status) || "undelivered".equals(status);
    }
  }
}
