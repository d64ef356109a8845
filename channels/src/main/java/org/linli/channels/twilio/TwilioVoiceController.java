package org.linli.channels.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.linli.accessibility.AccessProfile;
import org.linli.accessibility.Lang;
import org.linli.accessibility.Rendering;
import org.linli.channels.ChannelMessages;
import org.linli.channels.PhoneMask;
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
 * A phone call: {@code POST /channels/twilio/voice} greets the caller and offers the menu (1 ask, 2
 * report, 3 check a case, 0 a person; * repeats, # slows down); each {@code <Gather>} posts to
 * {@code /channels/twilio/voice/gather} with the keys pressed or the words said.
 *
 * <p>The adapter keeps no state of its own: where the call is (menu, dialogue, confirming a
 * transcript), how slow to speak, and how many silences or misunderstandings came in a row ride on
 * the action URL, which Twilio signs with the rest of the request. Each step of the dialogue is
 * deduplicated on CallSid plus the step number, so a retried webhook never runs a turn twice.
 */
@TwilioInbound
class TwilioVoiceController {

  private static final Logger log = LoggerFactory.getLogger(TwilioVoiceController.class);

  static final String AT_MENU = "menu";
  static final String AT_TURN = "turn";
  static final String AT_CONFIRM = "confirm";
  private static final Set<String> YES_WORDS = Set.of("是", "是的", "对", "对的", "对对", "嗯", "yes", "yeah", "right");
  private static final int MAX_HINTS = 100;
  /** The intent of the application's question to a recorded carer: whom do they act for. */
  static final String CARER_CHOICE = "carer_choice";

  private final ConversationPort conversations;
  private final TwilioProperties properties;
  private final ObjectProvider<TwilioSmsSender> sender;
  private final ObjectProvider<ExtraHelpCallers> extraHelp;
  private final SpeechHints hints;
  private final Clock clock;
  private final VoiceTwiml twiml;
  private final ReplyRenderer renderer = new ReplyRenderer();

  TwilioVoiceController(
      ConversationPort conversations,
      TwilioProperties properties,
      ObjectProvider<TwilioSmsSender> sender,
      ObjectProvider<ExtraHelpCallers> extraHelp,
      SpeechHints hints,
      Clock clock) {
    this.conversations = conversations;
    this.properties = properties;
    this.sender = sender;
    this.extraHelp = extraHelp;
    this.hints = hints;
    this.clock = clock;
    this.twiml = new VoiceTwiml(properties);
  }

  /** Where the call is, carried on the action URL. */
  record Step(int step, String at, int slow, int quiet, int miss, String heard, Lang lang) {

    Step next(String at) {
      return new Step(step + 1, at, slow, 0, miss, null, lang);
    }

    Step withSlow(int s) {
      return new Step(step, at, Math.min(AccessProfile.MAX_SLOWER, s), quiet, miss, heard, lang);
    }

    Step withQuiet(int q) {
      return new Step(step, at, slow, q, miss, heard, lang);
    }

    Step withMiss(int m) {
      return new Step(step, at, slow, quiet, m, heard, lang);
    }

    Step withHeard(String h) {
      return new Step(step, at, slow, quiet, miss, h, lang);
    }

    Step withLang(Lang l) {
      return new Step(step, at, slow, quiet, miss, heard, l);
    }

    AccessProfile profile() {
      AccessProfile p = AccessProfile.ELDER;
      for (int i = 0; i < slow; i++) {
        p = p.slower();
      }
      return p;
    }
  }

  @PostMapping(path = TwilioUrls.VOICE, produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> call(
      HttpServletRequest request,
      @RequestParam(name = "CallSid", required = false) String callSid,
      @RequestParam(name = "From", required = false) String from) {
    if (isBlank(callSid) || isBlank(from)) {
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("CallSid and From are required");
    }
    Step start = new Step(0, AT_MENU, 0, 0, 0, null, Lang.ZH);
    log.info("event=call_started from={}", PhoneMask.mask(from));
    ExtraHelpCallers marked = extraHelp.getIfAvailable(() -> ExtraHelpCallers.NOBODY);
    if (marked.goStraightToPerson(from)) {
      log.info("event=call_extra_help from={}", PhoneMask.mask(from));
      return turn(request, callSid, from, start, "@person");
    }
    VoiceResponse.Builder response = new VoiceResponse.Builder();
    List<String> prompt = new ArrayList<>(words(start.lang(), "twilio.voice.greeting"));
    prompt.addAll(words(start.lang(), "twilio.voice.menu"));
    response.gather(gather(request, start.next(AT_MENU), prompt).build());
    return xml(response);
  }

  @PostMapping(path = TwilioUrls.VOICE_GATHER, produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> gathered(
      HttpServletRequest request,
      @RequestParam(name = "CallSid", required = false) String callSid,
      @RequestParam(name = "From", required = false) String from,
      @RequestParam(name = "Digits", required = false) String digits,
      @RequestParam(name = "SpeechResult", required = false) String speech,
      @RequestParam(name = "Confidence", required = false) String confidence,
      @RequestParam(name = "step", defaultValue = "1") int stepNumber,
      @RequestParam(name = "at", defaultValue = AT_MENU) String at,
      @RequestParam(name = "slow", defaultValue = "0") int slow,
      @RequestParam(name = "quiet", defaultValue = "0") int quiet,
      @RequestParam(name = "miss", defaultValue = "0") int miss,
      @RequestParam(name = "heard", required = false) String heard,
      @RequestParam(name = "lang", defaultValue = "zh") String lang) {
    if (isBlank(callSid) || isBlank(from)) {
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("CallSid and From are required");
    }
    Step step =
        new Step(stepNumber, at, Math.max(0, Math.min(slow, AccessProfile.MAX_SLOWER)), quiet, miss, heard,
            "en".equals(lang) ? Lang.EN : Lang.ZH);
    String keys = digits == null ? "" : digits.strip();
    String said = speech == null ? "" : speech.strip();
    if (keys.isEmpty() && said.isEmpty()) {
      return silence(request, step);
    }
    return switch (step.at()) {
      case AT_CONFIRM -> confirm(request, callSid, from, step, keys, said, confidence);
      case AT_TURN -> keys.isEmpty()
          ? heard(request, callSid, from, step, said, confidence)
          : turn(request, callSid, from, step, keys);
      default -> menuChoice(request, callSid, from, step, keys, said, confidence);
    };
  }

  /** After {@code <Dial>}: if nobody answered the staffed line, promise a callback. */
  @PostMapping(path = TwilioUrls.VOICE_DIAL, produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> dialed(
      @RequestParam(name = "CallSid", required = false) String callSid,
      @RequestParam(name = "From", required = false) String from,
      @RequestParam(name = "DialCallStatus", required = false) String status,
      @RequestParam(name = "ticket", required = false) String ticket,
      @RequestParam(name = "lang", defaultValue = "zh") String lang) {
    Lang l = "en".equals(lang) ? Lang.EN : Lang.ZH;
    VoiceResponse.Builder response = new VoiceResponse.Builder();
    if ("completed".equals(status) || isBlank(callSid) || isBlank(from)) {
      return xml(response.hangup(new Hangup.Builder().build()));
    }
    log.info("event=staffed_line_unanswered status={}", status);
    callback(response, callSid, from, blankToNull(ticket), l, 0, "twilio.voice.noAnswer");
    return xml(response);
  }

  // ---------------------------------------------------------------------------------------------

  private ResponseEntity<String> menuChoice(
      HttpServletRequest request, String callSid, String from, Step step, String keys, String said,
      String confidence) {
    if (keys.isEmpty()) {
      // The caller asked straight away instead of pressing a key.
      return heard(request, callSid, from, step, said, confidence);
    }
    return switch (keys) {
      case "1" -> turn(request, callSid, from, step, "@menu-ask");
      case "2" -> turn(request, callSid, from, step, "@menu-report");
      case "3" -> turn(request, callSid, from, step, "@menu-status");
      case "0" -> turn(request, callSid, from, step, "@person");
      case "*" -> menu(request, step.withMiss(0), List.of());
      case "#" -> menu(request, step.withSlow(step.slow() + 1).withMiss(0), words(step.lang(), "twilio.voice.slower"));
      default -> missed(request, step, "twilio.voice.noSuchOption");
    };
  }

  private ResponseEntity<String> menu(HttpServletRequest request, Step step, List<String> before) {
    List<String> prompt = new ArrayList<>(before);
    prompt.addAll(words(step.lang(), "twilio.voice.menu"));
    return xml(new VoiceResponse.Builder().gather(gather(request, step.next(AT_MENU).withMiss(step.miss()), prompt).build()));
  }

  /** Speech: act on it, or first read it back when the recogniser was not sure. */
  private ResponseEntity<String> heard(
      HttpServletRequest request, String callSid, String from, Step step, String said, String confidence) {
    if (confidenceOf(confidence) < properties.minSpeechConfidence()) {
      Step confirming = step.next(AT_CONFIRM).withHeard(said).withMiss(step.miss());
      List<String> prompt = words(step.lang(), "twilio.voice.confirmHeard", said);
      return xml(new VoiceResponse.Builder().gather(gather(request, confirming, prompt).build()));
    }
    return turn(request, callSid, from, step, said);
  }

  private ResponseEntity<String> confirm(
      HttpServletRequest request, String callSid, String from, Step step, String keys, String said,
      String confidence) {
    String heard = step.heard() == null ? "" : step.heard();
    boolean yes = keys.equals("1") || YES_WORDS.contains(said.toLowerCase(Locale.ROOT).replaceAll("[。，,.!！]", ""));
    if (yes && !heard.isEmpty()) {
      return turn(request, callSid, from, step.withMiss(0), heard);
    }
    if (keys.equals("0")) {
      return turn(request, callSid, from, step, "@person");
    }
    if (keys.isEmpty() && !said.isEmpty() && !said.startsWith("不")) {
      // Not a yes or no: the caller said it again in other words.
      return heard(request, callSid, from, step, said, confidence);
    }
    return missed(request, step, "twilio.voice.sayAgain");
  }

  /** A misunderstanding: say so; the second in a row offers a person. */
  private ResponseEntity<String> missed(HttpServletRequest request, Step step, String key) {
    int miss = step.miss() + 1;
    String at = AT_MENU.equals(step.at()) ? AT_MENU : AT_TURN;
    if (miss >= 2) {
      List<String> prompt = words(step.lang(), "twilio.voice.offerPerson");
      return xml(new VoiceResponse.Builder().gather(gather(request, step.next(AT_MENU).withMiss(0), prompt).build()));
    }
    List<String> prompt = new ArrayList<>(words(step.lang(), key));
    if (AT_MENU.equals(at)) {
      prompt.addAll(words(step.lang(), "twilio.voice.menu"));
    }
    return xml(new VoiceResponse.Builder().gather(gather(request, step.next(at).withMiss(miss), prompt).build()));
  }

  /** Nothing pressed or said: ask again; the second silence offers a person; the third ends the call. */
  private ResponseEntity<String> silence(HttpServletRequest request, Step step) {
    int quiet = step.quiet() + 1;
    VoiceResponse.Builder response = new VoiceResponse.Builder();
    if (quiet >= 3) {
      response.say(twiml.say(words(step.lang(), "twilio.voice.goodbyeSilent"), step.lang(), step.profile().speechRate()));
      return xml(response.hangup(new Hangup.Builder().build()));
    }
    if (quiet == 2) {
      Step next = step.next(AT_MENU).withQuiet(quiet);
      return xml(response.gather(gather(request, next, words(step.lang(), "twilio.voice.silentTwice")).build()));
    }
    String at = AT_MENU.equals(step.at()) ? AT_MENU : AT_TURN;
    List<String> prompt = new ArrayList<>(words(step.lang(), "twilio.voice.silentOnce"));
    prompt.addAll(words(step.lang(), AT_MENU.equals(at) ? "twilio.voice.menu" : "twilio.voice.afterAnswer"));
    Step next = step.next(at).withQuiet(quiet).withHeard(null);
    return xml(response.gather(gather(request, next, prompt).build()));
  }

  /** One dialogue turn, then its replies in short sentences and the next gather. */
  private ResponseEntity<String> turn(
      HttpServletRequest request, String callSid, String from, Step step, String text) {
    TurnOutcome outcome =
        conversations.handle(
            new InboundMessage(
                Channel.VOICE, null, from, callSid + ":" + step.step(), text,
                step.lang() == Lang.EN ? org.linli.knowledge.Lang.EN : null, clock.instant()));
    Lang lang = ReplyRenderer.lang(outcome.lang());
    Step now = step.withLang(lang).withQuiet(0);
    if ("slower".equals(outcome.intent())) {
      now = now.withSlow(now.slow() + 1);
    }
    AccessProfile profile = now.profile();
    VoiceResponse.Builder response = new VoiceResponse.Builder();
    boolean person = outcome.handoff() != null || outcome.replies().stream().anyMatch(Reply::needsPerson);
    List<String> sentences = new ArrayList<>();
    boolean offersPerson = false;
    boolean answered = false;
    for (Reply reply : outcome.replies()) {
      Rendering.VoiceRendering spoken = renderer.voice(reply, lang, profile);
      sentences.addAll(spoken.sentences());
      offersPerson |= spoken.keys().containsKey("0");
      answered |= !reply.sources().isEmpty();
    }
    if (outcome.replies().isEmpty() && "check_status".equals(outcome.intent())) {
      sentences.addAll(words(lang, "twilio.status.unavailable.voice"));
      offersPerson = true;
    }
    if (person) {
      String ticket = outcome.handoff() == null ? null : outcome.handoff().ticketId();
      if (!sentences.isEmpty()) {
        response.say(twiml.say(sentences, lang, profile.speechRate()));
      }
      return xml(toPerson(request, response, callSid, from, now, ticket));
    }
    if (CARER_CHOICE.equals(outcome.intent())) {
      // a carer is asked whom they act for: the question names its own keys (0 may mean "myself")
      Gather.Builder g = gather(request, now.next(AT_TURN).withMiss(0), List.of());
      g.say(twiml.say(sentences, lang, profile.speechRate()));
      return xml(response.gather(g.build()));
    }
    if (!offersPerson) {
      sentences.addAll(words(lang, "twilio.voice.personKey"));
    }
    sentences.addAll(words(lang, answered ? "twilio.voice.afterAnswer" : "twilio.voice.repeatKey"));
    Gather.Builder g = gather(request, now.next(AT_TURN).withMiss(0), List.of());
    g.say(twiml.say(sentences, lang, profile.speechRate()));
    return xml(response.gather(g.build()));
  }

  /** A person: the staffed line when it is staffed now, otherwise a callback promise. */
  private VoiceResponse.Builder toPerson(
      HttpServletRequest request, VoiceResponse.Builder response, String callSid, String from, Step step,
      String ticket) {
    if (properties.staffedAt(clock.instant().atZone(clock.getZone()))) {
      log.info("event=call_dial_staffed_line");
      response.say(twiml.say(words(step.lang(), "twilio.voice.connecting"), step.lang(), step.profile().speechRate()));
      String action =
          TwilioUrls.base(properties, request) + TwilioUrls.VOICE_DIAL + "?lang=" + step.lang().code()
              + (ticket == null ? "" : "&ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
      return response.dial(
          new Dial.Builder()
              .number(properties.staffedNumber())
              .timeout(properties.dialTimeoutSeconds())
              .action(action)
              .method(com.twilio.http.HttpMethod.POST)
              .build());
    }
    callback(response, callSid, from, ticket, step.lang(), step.slow(), "twilio.voice.callback");
    return response;
  }

  private void callback(
      VoiceResponse.Builder response, String callSid, String from, String ticket, Lang lang, int slow,
      String key) {
    AccessProfile profile = new Step(0, AT_MENU, slow, 0, 0, null, lang).profile();
    List<String> sentences = new ArrayList<>(words(lang, key));
    if (ticket != null) {
      sentences.addAll(renderer.voiceText(say(lang, "twilio.voice.caseNumber", ticket), lang, profile).sentences());
      TwilioSmsSender sms = sender.getIfAvailable();
      if (sms != null) {
        try {
          sms.send(from, say(lang, "twilio.sms.callback", ticket), callSid + ":callback");
          sentences.addAll(words(lang, "twilio.voice.smsSent"));
        } catch (TwilioSmsSender.SmsSendException e) {
          log.warn("event=callback_sms_not_sent code={}", e.code());
        }
      }
    }
    sentences.addAll(words(lang, "twilio.voice.goodbye"));
    response.say(twiml.say(sentences, lang, profile.speechRate()));
    response.hangup(new Hangup.Builder().build());
  }

  private Gather.Builder gather(HttpServletRequest request, Step step, List<String> prompt) {
    String action =
        TwilioUrls.base(properties, request) + TwilioUrls.VOICE_GATHER
            + "?step=" + step.step()
            + "&at=" + step.at()
            + "&slow=" + step.slow()
            + "&quiet=" + step.quiet()
            + "&miss=" + step.miss()
            + "&lang=" + step.lang().code()
            + (step.heard() == null ? "" : "&heard=" + URLEncoder.encode(step.heard(), StandardCharsets.UTF_8));
    Gather.Builder g = twiml.gather(action, step.lang(), step.lang() == Lang.ZH ? hints.hints(MAX_HINTS) : "");
    if (!prompt.isEmpty()) {
      g.say(twiml.say(prompt, step.lang(), step.profile().speechRate()));
    }
    return g;
  }

  private static double confidenceOf(String confidence) {
    if (isBlank(confidence)) {
      return 1.0; // some recognisers send none: trust the transcript
    }
    try {
      return Double.parseDouble(confidence.strip());
    } catch (NumberFormatException e) {
      return 0.0;
    }
  }

  private static List<String> words(Lang lang, String key, Object... args) {
    return VoiceTwiml.sentences(say(lang, key, args));
  }

  private static String say(Lang lang, String key, Object... args) {
    return ChannelMessages.get(lang.locale(), key, args);
  }

  private static ResponseEntity<String> xml(VoiceResponse.Builder response) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(response.build().toXml());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return isBlank(s) ? null : s;
  }
}
