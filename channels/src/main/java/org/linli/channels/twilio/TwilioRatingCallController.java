package org.linli.channels.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.linli.accessibility.AccessProfile;
import org.linli.accessibility.Lang;
import org.linli.channels.ChannelMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The closing call to a resident reachable only by landline ({@link TwilioCallSender} places it):
 * Twilio fetches {@code /channels/twilio/voice/rating?ticket=…} when the resident answers; the
 * call reads the order's resolution in short sentences at the elder pace and gathers one key, 1 to
 * 5; a key outside 1-5 or silence is asked again once, then the call says goodbye. The end of the
 * call is reported to {@code …/rating/status}; without a rating, staff get a callback task.
 * Every request passes the Twilio signature filter first.
 */
@TwilioInbound
class TwilioRatingCallController {

  private static final Logger log = LoggerFactory.getLogger(TwilioRatingCallController.class);
  private static final int MAX_TRIES = 2;
  private static final Set<String> FINAL_STATUSES = Set.of("completed", "busy", "no-answer", "failed", "canceled");

  private final ObjectProvider<RatingCalls> ratings;
  private final TwilioProperties properties;
  private final VoiceTwiml twiml;
  private final ReplyRenderer renderer = new ReplyRenderer();

  TwilioRatingCallController(ObjectProvider<RatingCalls> ratings, TwilioProperties properties) {
    this.ratings = ratings;
    this.properties = properties;
    this.twiml = new VoiceTwiml(properties);
  }

  @PostMapping(path = TwilioUrls.RATING_CALL, produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> answered(HttpServletRequest request, @RequestParam(required = false) String ticket) {
    Optional<RatingCalls.Prompt> prompt = prompt(ticket);
    if (prompt.isEmpty()) {
      return goodbye(language(ticket), "twilio.rating.nothingToRate");
    }
    Lang lang = prompt.get().lang();
    List<String> sentences = new ArrayList<>(words(lang, "twilio.rating.intro"));
    // the spoken form reads the order number digit by digit and keeps sentences short
    sentences.addAll(renderer.voiceText(
        ChannelMessages.get(lang.locale(), "twilio.rating.resolved", ticket, prompt.get().resolution()),
        lang, AccessProfile.ELDER).sentences());
    sentences.addAll(words(lang, "twilio.rating.ask"));
    VoiceResponse.Builder response = new VoiceResponse.Builder();
    response.gather(gather(request, ticket, 1, lang, sentences));
    return xml(response);
  }

  @PostMapping(path = TwilioUrls.RATING_CALL_GATHER, produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> keyed(
      HttpServletRequest request,
      @RequestParam(required = false) String ticket,
      @RequestParam(name = "try", defaultValue = "1") int attempt,
      @RequestParam(name = "Digits", required = false) String digits) {
    Optional<RatingCalls.Prompt> prompt = prompt(ticket);
    if (prompt.isEmpty()) {
      // rated already (a retried webhook, or another channel was quicker)
      return goodbye(language(ticket), "twilio.rating.thanks");
    }
    Lang lang = prompt.get().lang();
    String key = digits == null ? "" : digits.strip();
    if (key.matches("[1-5]")) {
      boolean reopened = ratings.getObject().rate(ticket, Integer.parseInt(key));
      log.info("event=rating_call_rated score={} reopened={}", key, reopened);
      return goodbye(lang, reopened ? "twilio.rating.reopened" : "twilio.rating.thanks");
    }
    if (attempt >= MAX_TRIES) {
      return goodbye(lang, "twilio.rating.noRating");
    }
    List<String> sentences = new ArrayList<>(words(lang, key.isEmpty() ? "twilio.rating.silence" : "twilio.rating.invalid"));
    sentences.addAll(words(lang, "twilio.rating.ask"));
    VoiceResponse.Builder response = new VoiceResponse.Builder();
    response.gather(gather(request, ticket, attempt + 1, lang, sentences));
    return xml(response);
  }

  @PostMapping(path = TwilioUrls.RATING_CALL_STATUS)
  ResponseEntity<Void> status(
      @RequestParam(required = false) String ticket,
      @RequestParam(name = "CallStatus", required = false) String callStatus) {
    if (ticket == null || !ticket.matches("\\d{6}") || callStatus == null) {
      return ResponseEntity.badRequest().build();
    }
    if (FINAL_STATUSES.contains(callStatus)) {
      ratings.ifAvailable(r -> r.ended(ticket, callStatus));
      log.info("event=rating_call_ended status={}", callStatus);
    }
    return ResponseEntity.noContent().build();
  }

  private Lang language(String ticket) {
    RatingCalls calls = ratings.getIfAvailable();
    return calls == null || ticket == null || !ticket.matches("\\d{6}") ? Lang.ZH : calls.language(ticket);
  }

  private Optional<RatingCalls.Prompt> prompt(String ticket) {
    RatingCalls calls = ratings.getIfAvailable();
    if (calls == null || ticket == null || !ticket.matches("\\d{6}")) {
      return Optional.empty();
    }
    return calls.prompt(ticket);
  }

  private Gather gather(HttpServletRequest request, String ticket, int attempt, Lang lang, List<String> sentences) {
    String action =
        TwilioUrls.base(properties, request) + TwilioUrls.RATING_CALL_GATHER + "?ticket=" + ticket + "&try=" + attempt;
    return new Gather.Builder()
        .inputs(List.of(Gather.Input.DTMF))
        .action(action)
        .method(HttpMethod.POST)
        .actionOnEmptyResult(true)
        .numDigits(1)
        .timeout(properties.gatherTimeoutSeconds())
        .say(twiml.say(sentences, lang, AccessProfile.ELDER.speechRate()))
        .build();
  }

  private ResponseEntity<String> goodbye(Lang lang, String key) {
    VoiceResponse.Builder response = new VoiceResponse.Builder();
    response.say(twiml.say(words(lang, key), lang, AccessProfile.ELDER.speechRate()));
    response.hangup(new Hangup.Builder().build());
    return xml(response);
  }

  private static List<String> words(Lang lang, String key, Object... args) {
    return VoiceTwiml.sentences(ChannelMessages.get(lang.locale(), key, args));
  }

  private static ResponseEntity<String> xml(VoiceResponse.Builder response) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(response.build().toXml());
  }
}
