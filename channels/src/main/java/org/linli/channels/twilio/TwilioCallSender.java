package org.linli.channels.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.channels.OutboundMessage;
import org.linli.channels.OutboundSender;
import org.linli.channels.PhoneMask;
import org.linli.channels.UndeliverableException;
import org.linli.dialog.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's way to a landline: an outbound phone call through Twilio's REST API (the SDK's
 * {@code Call.creator}) that asks a resident reachable only by landline to rate their resolved
 * order. The message's text is the order number; Twilio fetches the call's TwiML from {@code
 * /channels/twilio/voice/rating?ticket=…} on the public base URL (signature-checked like every
 * webhook), and reports the call's end to {@code …/rating/status}.
 *
 * <p>At least once, like every outbox sender: Twilio's Calls API has no idempotency key, so this
 * sender remembers the keys it placed recently and never calls twice for one key on this node. A
 * refusal that will not change (invalid number, 4xx) is {@link UndeliverableException}: the outbox
 * stops and staff get a callback task.
 */
public class TwilioCallSender implements OutboundSender {

  private static final Logger log = LoggerFactory.getLogger(TwilioCallSender.class);
  private static final int REMEMBERED_KEYS = 10_000;

  private final TwilioRestClient client;
  private final TwilioProperties properties;
  private final Map<String, String> placedByKey =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > REMEMBERED_KEYS;
            }
          });

  public TwilioCallSender(TwilioRestClient client, TwilioProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  @Override
  public Channel channel() {
    return Channel.VOICE;
  }

  @Override
  public void send(OutboundMessage message) throws UndeliverableException {
    if (message.recipient() == null || message.recipient().isBlank()) {
      throw new UndeliverableException("no phone number to call");
    }
    String ticket = message.text().strip();
    if (!ticket.matches("\\d{6}")) {
      throw new UndeliverableException("a rating call needs an order number, not '" + ticket + "'");
    }
    String already = placedByKey.get(message.idempotencyKey());
    if (already != null) {
      log.info("event=rating_call_repeat_skipped sid={}", already);
      return;
    }
    String to = TwilioOutboundSender.e164(message.recipient());
    try {
      Call call =
          Call.creator(new PhoneNumber(to), new PhoneNumber(properties.fromNumber()), URI.create(twimlUrl(ticket)))
              .setMethod(HttpMethod.POST)
              .setStatusCallback(URI.create(statusUrl(ticket)))
              .setStatusCallbackMethod(HttpMethod.POST)
              .setStatusCallbackEvent(List.of("completed"))
              .setTimeout(properties.dialTimeoutSeconds())
              .create(client);
      placedByKey.put(message.idempotencyKey(), call.getSid());
      log.info("event=rating_call_placed sid={} to={}", call.getSid(), PhoneMask.mask(to));
    } catch (ApiConnectionException e) {
      log.warn("event=rating_call_failed reason=connection retryable=true");
      throw e;
    } catch (ApiException e) {
      Integer status = e.getStatusCode();
      boolean retryable = status == null || status >= 500 || status == 429;
      log.warn("event=rating_call_failed code={} http={} retryable={}", e.getCode(), status, retryable);
      if (!retryable) {
        throw new UndeliverableException("twilio call " + (e.getCode() == null ? "http_" + status : e.getCode()));
      }
      throw e;
    }
  }

  String twimlUrl(String ticket) {
    return base() + TwilioUrls.RATING_CALL + "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
  }

  String statusUrl(String ticket) {
    return base() + TwilioUrls.RATING_CALL_STATUS + "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
  }

  private String base() {
    String base = properties.publicBaseUrl().strip();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
