package org.linli.channels.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.linli.channels.PhoneMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one SMS through Twilio's REST API (the SDK's {@link MessageCreator} on an injected {@link
 * TwilioRestClient}), for replies that come later than the webhook: staff messages, work-order
 * notifications, a callback promise after a call.
 *
 * <p>Delivery is at least once: the caller (the outbox) retries a {@link SmsSendException} that is
 * {@link SmsSendException#retryable() retryable} with the same idempotency key. Twilio's Messages
 * API has no idempotency key of its own, so this sender remembers the keys it delivered recently
 * and answers a repeat with the first message's SID instead of sending twice; the key also rides on
 * the status callback URL, so {@link SmsDeliveryListener} can match Twilio's delivery reports to
 * the outbox entry. Residents who opted out get nothing ({@link SmsSendException} with code {@code
 * opted_out}, not retryable).
 */
public class TwilioSmsSender {

  private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);
  private static final int REMEMBERED_KEYS = 10_000;

  private final TwilioRestClient client;
  private final TwilioProperties properties;
  private final SmsOptOuts optOuts;
  private final Map<String, String> sentByKey =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > REMEMBERED_KEYS;
            }
          });

  public TwilioSmsSender(TwilioRestClient client, TwilioProperties properties, SmsOptOuts optOuts) {
    this.client = client;
    this.properties = properties;
    this.optOuts = optOuts;
  }

  /**
   * Sends {@code body} to {@code to}.
   *
   * @param to the resident's number in E.164 ({@code +8613812345678})
   * @param body the text; the SDK sends it whole and Twilio splits it into segments
   * @param idempotencyKey the outbox entry's key: the same key is never sent twice by this node
   * @return Twilio's message SID ({@code SM…})
   * @throws SmsSendException when Twilio refused it or could not be reached
   */
  public String send(String to, String body, String idempotencyKey) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("an idempotency key is required");
    }
    String already = sentByKey.get(idempotencyKey);
    if (already != null) {
      log.info("event=sms_send_repeat_skipped sid={}", already);
      return already;
    }
    if (optOuts.isOptedOut(to)) {
      log.info("event=sms_not_sent reason=opted_out to={}", PhoneMask.mask(to));
      throw new SmsSendException("opted_out", false, "the resident opted out of SMS");
    }
    MessageCreator creator =
        properties.messagingServiceSid().isBlank()
            ? Message.creator(new PhoneNumber(to), new PhoneNumber(properties.fromNumber()), body)
            : Message.creator(new PhoneNumber(to), properties.messagingServiceSid(), body);
    String callback = statusCallback(idempotencyKey);
    if (callback != null) {
      creator.setStatusCallback(callback);
    }
    try {
      Message message = creator.create(client);
      sentByKey.put(idempotencyKey, message.getSid());
      log.info(
          "event=sms_sent sid={} to={} status={}",
          message.getSid(),
          PhoneMask.mask(to),
          message.getStatus());
      return message.getSid();
    } catch (ApiConnectionException e) {
      log.warn("event=sms_send_failed reason=connection retryable=true");
      throw new SmsSendException("connection", true, e.getMessage());
    } catch (ApiException e) {
      Integer status = e.getStatusCode();
      boolean retryable = status == null || status >= 500 || status == 429;
      String code = e.getCode() == null ? "http_" + status : String.valueOf(e.getCode());
      log.warn("event=sms_send_failed code={} http={} retryable={}", code, status, retryable);
      throw new SmsSendException(code, retryable, e.getMessage());
    } catch (TwilioException e) {
      log.warn("event=sms_send_failed reason={} retryable=true", e.getClass().getSimpleName());
      throw new SmsSendException("error", true, e.getMessage());
    }
  }

  /** The status callback URL for a key, or null when no public base URL is configured. */
  String statusCallback(String idempotencyKey) {
    String base = properties.publicBaseUrl().strip();
    if (base.isEmpty()) {
      return null;
    }
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base
        + TwilioUrls.SMS_STATUS
        + "?key="
        + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8);
  }

  /** An SMS that was not accepted by Twilio. */
  public static final class SmsSendException extends RuntimeException {
    private final String code;
    private final boolean retryable;

    public SmsSendException(String code, boolean retryable, String message) {
      super(code + ": " + message);
      this.code = code;
      this.retryable = retryable;
    }

    /** Twilio's error code (e.g. 21211 invalid number), or connection, opted_out, http_NNN. */
    public String code() {
      return code;
    }

    /** Trying again later may succeed (network, 5xx, 429); otherwise it never will. */
    public boolean retryable() {
      return retryable;
    }
  }
}
