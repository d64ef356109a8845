package org.linli.accessibility;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.accessibility.sms.SmsEncoding;

/**
 * One answer rendered for one channel and one access profile. A closed set: adapters switch over
 * it with pattern matching.
 *
 * <p>Renderings that number options for keys carry {@code keys}: the digit the resident presses or
 * replies with, mapped to the value the dialogue should receive, a {@link Choice#value()} or one of
 * {@link Renderer#ACTION_MORE}, {@link Renderer#ACTION_PERSON} or a {@link Renderer#ACTION_LINK}
 * value.
 */
public sealed interface Rendering {

  /** The channel this rendering is for. */
  Channel channel();

  /**
   * Plain text for WeChat and web chat: short paragraphs, no tables or markup, links kept.
   *
   * @param paragraphs short paragraphs, the short form first
   * @param buttons choices to show as buttons or a menu (already limited to the profile's maximum)
   * @param sources cited documents, also mentioned in the last paragraph
   * @param keys digit to value, for clients that can only take typed replies
   */
  record TextRendering(
      Channel channel,
      List<String> paragraphs,
      List<Choice> buttons,
      List<SourceRef> sources,
      Map<String, String> keys)
      implements Rendering {
    public TextRendering {
      paragraphs = List.copyOf(paragraphs);
      buttons = List.copyOf(buttons);
      sources = List.copyOf(sources);
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /** The paragraphs, a blank line apart. */
    public String fullText() {
      return String.join("\n\n", paragraphs);
    }
  }

  /**
   * SMS text. Send {@link #body()}; the segments say how the carrier bills it.
   *
   * @param segments the parts, each within the encoding's per-segment limit
   * @param encoding GSM-7 or UCS-2
   * @param segmentCount how many messages are billed
   * @param keys reply digit to value
   */
  record SmsRendering(
      List<String> segments, SmsEncoding encoding, int segmentCount, Map<String, String> keys)
      implements Rendering {
    public SmsRendering {
      segments = List.copyOf(segments);
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    @Override
    public Channel channel() {
      return Channel.SMS;
    }

    /** The whole message text. */
    public String body() {
      return String.join("", segments);
    }
  }

  /**
   * Speech for a phone call.
   *
   * @param sentences short sentences in spoken form, each one {@code <Say>} or one pause apart
   * @param rate relative speech rate (1.0 normal)
   * @param ssml the same sentences as SSML for the inside of Twilio's {@code <Say>} (no
   *     {@code <speak>} root): {@code <s>} per sentence, wrapped in {@code <prosody rate>} when
   *     the rate is not 1.0; escaped for XML
   * @param keys key to value
   */
  record VoiceRendering(List<String> sentences, double rate, String ssml, Map<String, String> keys)
      implements Rendering {
    public VoiceRendering {
      sentences = List.copyOf(sentences);
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    @Override
    public Channel channel() {
      return Channel.VOICE;
    }

    /** The sentences as one text, for an engine that takes plain text. */
    public String text() {
      return String.join(" ", sentences);
    }
  }

  /**
   * Content for the large-font kiosk.
   *
   * @param shortForm one to three short sentences, shown large
   * @param detail the rest, behind "more detail" (empty when there is none)
   * @param buttons choices (already limited to the profile's maximum), a person button last when
   *     the answer needs one
   * @param sources cited documents, shown by title
   * @param spokenShortForm the short form in spoken form, for the read-aloud button
   * @param showPictures whether the profile asks for a picture next to each choice
   */
  record KioskRendering(
      String shortForm,
      String detail,
      List<Choice> buttons,
      List<SourceRef> sources,
      String spokenShortForm,
      boolean showPictures)
      implements Rendering {
    public KioskRendering {
      buttons = List.copyOf(buttons);
      sources = List.copyOf(sources);
    }

    @Override
    public Channel channel() {
      return Channel.KIOSK;
    }
  }
}
