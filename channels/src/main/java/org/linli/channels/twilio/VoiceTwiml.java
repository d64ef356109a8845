package org.linli.channels.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.SsmlProsody;
import com.twilio.twiml.voice.SsmlS;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.linli.accessibility.Lang;

/**
 * The TwiML pieces every step of a call uses, built with the SDK's builders: {@code <Say>} in short
 * sentences with the configured voice and language (slower through SSML prosody where the voice
 * takes SSML), and {@code <Gather>} that takes keys and speech, always posts to an action (also
 * when nothing was said), in the configured recogniser language, with an integer speech timeout.
 */
final class VoiceTwiml {

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？!?])|(?<=\\.)\\s+");

  private final TwilioProperties properties;

  VoiceTwiml(TwilioProperties properties) {
    this.properties = properties;
  }

  Say say(List<String> sentences, Lang lang, double rate) {
    String voice = lang == Lang.EN ? properties.voiceEn() : properties.voiceZh();
    Say.Builder say =
        new Say.Builder()
            .option("voice", voice)
            .option("language", lang == Lang.EN ? "en-US" : properties.voiceLanguage());
    if (!takesSsml(voice)) {
      // Basic voices read SSML tags aloud or ignore them: plain text, no rate change.
      return say.addText(String.join(lang == Lang.EN ? " " : "", sentences)).build();
    }
    if (Math.abs(rate - 1.0) > 0.001) {
      SsmlProsody.Builder prosody = new SsmlProsody.Builder().rate(Math.round(rate * 100) + "%");
      for (String s : sentences) {
        prosody.s(new SsmlS.Builder(s).build());
      }
      return say.prosody(prosody.build()).build();
    }
    for (String s : sentences) {
      say.s(new SsmlS.Builder(s).build());
    }
    return say.build();
  }

  /** A gather posting to {@code action}; put the prompt's {@code <Say>} inside it. */
  Gather.Builder gather(String action, Lang lang, String hints) {
    Gather.Builder g =
        new Gather.Builder()
            .inputs(List.of(Gather.Input.DTMF, Gather.Input.SPEECH))
            .action(action)
            .method(HttpMethod.POST)
            .actionOnEmptyResult(true)
            .numDigits(1)
            .timeout(properties.gatherTimeoutSeconds())
            .speechTimeout(Integer.toString(properties.speechTimeoutSeconds()))
            // A configured name the SDK's enum does not know is passed through as it is.
            .option("language", lang == Lang.EN ? "en-US" : properties.speechLanguage());
    if (hints != null && !hints.isBlank()) {
      g.hints(hints);
    }
    return g;
  }

  /** Splits a bundle text of several sentences into the sentences {@code <Say>} reads. */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE_END.split(text)) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  private static boolean takesSsml(String voice) {
    return voice.startsWith("Polly.") || voice.startsWith("Google.");
  }
}
