package org.linli.channels.twilio;

import org.linli.channels.OutboundMessage;
import org.linli.channels.OutboundSender;
import org.linli.channels.UndeliverableException;
import org.linli.dialog.Channel;

/**
 * The outbox's way to SMS: staff replies and case notices for residents who wrote by SMS or
 * called (the application sends a caller's notices by SMS when the number is a mobile one).
 * A refusal that will not change (opted out, invalid number) is reported as such, so the outbox
 * stops retrying and staff get a callback task.
 */
public class TwilioOutboundSender implements OutboundSender {

  private final TwilioSmsSender sms;

  public TwilioOutboundSender(TwilioSmsSender sms) {
    this.sms = sms;
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public void send(OutboundMessage message) throws UndeliverableException {
    if (message.recipient() == null || message.recipient().isBlank()) {
      throw new UndeliverableException("no phone number to send to");
    }
    try {
      sms.send(e164(message.recipient()), message.text(), message.idempotencyKey());
    } catch (TwilioSmsSender.SmsSendException e) {
      if (!e.retryable()) {
        throw new UndeliverableException("twilio " + e.code());
      }
      throw e;
    }
  }

  /** Numbers are stored as digits (13812345678); Twilio wants E.164 (+8613812345678). */
  static String e164(String number) {
    String n = number.strip();
    if (n.startsWith("+")) {
      return n;
    }
    if (n.matches("1[3-9]\\d{9}")) {
      return "+86" + n;
    }
    if (n.startsWith("00")) {
      return "+" + n.substring(2);
    }
    return n.startsWith("0") ? "+86" + n.substring(1) : "+" + n;
  }
}
