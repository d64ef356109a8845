package org.linli.channels.twilio;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Message;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.linli.accessibility.Lang;
import org.linli.channels.ChannelMessages;
import org.linli.channels.InputText;
import org.linli.channels.PhoneMask;
import org.linli.channels.RateLimiter;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.dialog.Reply;
import org.linli.dialog.TurnOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code POST /channels/twilio/sms}: one SMS from a resident, answered with TwiML {@code
 * <Message>}. The signature was checked by {@link TwilioSignatureFilter} before this runs.
 *
 * <p>Keywords are handled here, before the dialogue: 退订 / TD / STOP opt out (recorded; only the
 * confirmation is sent), START opts back in, 帮助 / HELP explains the service, and 人工 / 0 / HUMAN
 * ask for a person. Everything else is one dialogue turn, deduplicated on the MessageSid, so a
 * Twilio retry gets the stored answer and never a second turn. A resident sending faster than the
 * {@code resident} rate-limit policy allows is told so in a TwiML reply, and the message is not
 * stored (the reply says it was not received and asks to send it again).
 */
@TwilioInbound
class TwilioSmsController {

  private static final Logger log = LoggerFactory.getLogger(TwilioSmsController.class);
  private static final String TWIML = "application/xml";
  // the writer puts characters beyond the BMP into the text as they are: the bytes must be UTF-8
  private static final MediaType TWIML_UTF8 =
      new MediaType("application", "xml", StandardCharsets.UTF_8);

  static final Set<String> STOP = Set.of("退订", "TD", "STOP", "UNSUBSCRIBE", "STOPALL");
  static final Set<String> START = Set.of("START", "UNSTOP", "恢复订阅");
  static final Set<String> HELP = Set.of("帮助", "HELP");
  static final Set<String> PERSON = Set.of("人工", "转人工", "0", "HUMAN");

  private final ConversationPort conversations;
  private final SmsOptOuts optOuts;
  private final ObjectProvider<SmsDeliveryListener> deliveries;
  private final ReplyRenderer renderer = new ReplyRenderer();
  private final Clock clock;
  private final RateLimiter rateLimiter;

  TwilioSmsController(
      ConversationPort conversations,
      SmsOptOuts optOuts,
      ObjectProvider<SmsDeliveryListener> deliveries,
      Clock clock,
      ObjectProvider<RateLimiter> rateLimiter) {
    this.conversations = conversations;
    this.optOuts = optOuts;
    this.deliveries = deliveries;
    this.clock = clock;
    this.rateLimiter = rateLimiter.getIfAvailable(() -> RateLimiter.UNLIMITED);
  }

  @PostMapping(path = TwilioUrls.SMS, produces = TWIML)
  ResponseEntity<String> sms(
      @RequestParam(name = "MessageSid", required = false) String messageSid,
      @RequestParam(name = "From", required = false) String from,
      @RequestParam(name = "Body", required = false, defaultValue = "") String body) {
    if (isBlank(messageSid) || isBlank(from)) {
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("MessageSid and From are required");
    }
    if (!SID.matcher(messageSid).matches() || from.length() > 64 || InputText.hasForbiddenCharacters(from)) {
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("MessageSid or From is malformed");
    }
    String text = body.strip();
    // Control characters, or bytes that were no UTF-8 (decoded as U+FFFD), or a message longer
    // than Twilio ever sends: the resident is told, and nothing is stored.
    if (InputText.hasForbiddenCharacters(text) || text.indexOf('\uFFFD') >= 0) {
      log.info("event=sms_refused reason=unreadable from={}", PhoneMask.mask(from));
      return twiml(List.of(say(Lang.ZH, "twilio.sms.unreadable")));
    }
    if (text.codePointCount(0, text.length()) > MAX_TEXT_CODE_POINTS) {
      log.info("event=sms_refused reason=too_long from={}", PhoneMask.mask(from));
      return twiml(List.of(say(Lang.ZH, "twilio.sms.tooLong", MAX_TEXT_CODE_POINTS)));
    }
    String keyword = keyword(text);
    // TD is the Chinese carriers' opt-out word; STOP, HELP and HUMAN are English.
    Lang keywordLang = Set.of("STOP", "UNSUBSCRIBE", "STOPALL", "HELP", "HUMAN").contains(keyword) ? Lang.EN : Lang.ZH;
    if (STOP.contains(keyword)) {
      optOuts.optOut(from);
      log.info("event=sms_opt_out from={}", PhoneMask.mask(from));
      return twiml(List.of(say(keywordLang, "twilio.sms.optedOut")));
    }
    if (START.contains(keyword)) {
      optOuts.optIn(from);
      log.info("event=sms_opt_in from={}", PhoneMask.mask(from));
      // Both confirmations say "reply START", so the answer to it is in both languages.
      return twiml(List.of(say(Lang.ZH, "twilio.sms.optedIn") + "\n" + say(Lang.EN, "twilio.sms.optedIn")));
    }
    if (optOuts.isOptedOut(from)) {
      // Opted out: nothing more is sent, and nothing is started on the resident's behalf.
      log.info("event=sms_ignored reason=opted_out from={}", PhoneMask.mask(from));
      return twiml(List.of());
    }
    // Opting out and back in always works; everything else counts against the sender's budget.
    // A refused message is not stored: the reply says so, and asks the resident to send it again.
    RateLimiter.Verdict verdict = rateLimiter.tryConsume("resident:sms:" + from);
    if (!verdict.allowed()) {
      log.info("event=sms_rate_limited from={}", PhoneMask.mask(from));
      Lang lang = HAN.matcher(text).find() || text.isEmpty() ? Lang.ZH : Lang.EN;
      return twiml(List.of(say(lang, "twilio.sms.rateLimited", (verdict.retryAfterSeconds() + 59) / 60)));
    }
    if (HELP.contains(keyword)) {
      return twiml(List.of(say(keywordLang, "twilio.sms.help")));
    }
    String forDialogue = PERSON.contains(keyword) ? "@person" : text;
    org.linli.knowledge.Lang hint =
        PERSON.contains(keyword) && keywordLang == Lang.EN ? org.linli.knowledge.Lang.EN : null;
    TurnOutcome outcome =
        conversations.handle(
            new InboundMessage(Channel.SMS, null, from, messageSid, forDialogue, hint, clock.instant()));
    Lang lang = ReplyRenderer.lang(outcome.lang());
    List<String> bodies = new ArrayList<>();
    for (Reply reply : outcome.replies()) {
      bodies.add(renderer.sms(reply, lang));
    }
    if (bodies.isEmpty() && "check_status".equals(outcome.intent())) {
      bodies.add(say(lang, "twilio.status.unavailable.sms"));
    }
    String ticket = outcome.handoff() == null ? null : outcome.handoff().ticketId();
    if (ticket != null && bodies.stream().noneMatch(b -> b.contains(ticket))) {
      bodies.add(say(lang, "twilio.sms.caseNumber", ticket));
    }
    return twiml(bodies.isEmpty() ? List.of() : List.of(String.join("\n", bodies)));
  }

  /** Twilio's delivery report for a message the sender sent. */
  @PostMapping(path = TwilioUrls.SMS_STATUS)
  ResponseEntity<Void> status(
      @RequestParam(name = "key", required = false) String key,
      @RequestParam(name = "MessageSid", required = false) String messageSid,
      @RequestParam(name = "MessageStatus", required = false) String status,
      @RequestParam(name = "ErrorCode", required = false) String errorCode) {
    if (isBlank(messageSid) || isBlank(status)) {
      return ResponseEntity.badRequest().build();
    }
    log.info("event=sms_status sid={} status={} error={}", messageSid, status, errorCode);
    // Without a listener (the outbox is not connected yet) the log line above is the record.
    deliveries.orderedStream().forEach(listener -> listener.onStatus(
        new SmsDeliveryListener.SmsDeliveryStatus(key, messageSid, status, blankToNull(errorCode))));
    return ResponseEntity.noContent().build();
  }

  /**
   * The replies of one turn go as one SMS (Twilio concatenates long ones), so they cannot arrive
   * out of order and a basic phone shows them as one message.
   */
  private static ResponseEntity<String> twiml(List<String> bodies) {
    MessagingResponse.Builder response = new MessagingResponse.Builder();
    for (String b : bodies) {
      response.message(new Message.Builder(b).build());
    }
    return ResponseEntity.ok().contentType(TWIML_UTF8).body(TwimlWriter.xml(response.build()));
  }

  private static String say(Lang lang, String key, Object... args) {
    return ChannelMessages.get(lang.locale(), key, args);
  }

  /** "ｓｔｏｐ。", " Stop! " and "STOP" are the same keyword: width, case and end punctuation ignored. */
  static String keyword(String text) {
    String k = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    return TRAILING_PUNCTUATION.matcher(k).replaceAll("").toUpperCase(Locale.ROOT);
  }

  /** Twilio's longest message body; longer ones are no real SMS. */
  static final int MAX_TEXT_CODE_POINTS = 1600;
  private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{1,64}");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\p{Punct}。！？，、\\s]+$");

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return isBlank(s) ? null : s;
  }
}
