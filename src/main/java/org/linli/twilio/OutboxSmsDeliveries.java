package org.linli.twilio;

import org.linli.channels.twilio.SmsDeliveryListener;
import org.linli.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * Twilio's delivery reports for outbox messages: an SMS Twilio accepted but could not deliver
 * ("failed", "undelivered") is shown to staff as a failed delivery, with a callback task.
 */
@Component
class OutboxSmsDeliveries implements SmsDeliveryListener {

  private final Outbox outbox;

  OutboxSmsDeliveries(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void onStatus(SmsDeliveryStatus status) {
    if (status.finalFailure() && status.idempotencyKey() != null) {
      outbox.reportUndelivered(
          status.idempotencyKey(),
          "sms " + status.status() + (status.errorCode() == null ? "" : " (Twilio error " + status.errorCode() + ")"));
    }
  }
}
