package org.linli.accessibility;

import java.util.List;
import java.util.Objects;

/**
 * A channel-neutral answer, the input of {@link Renderer}. The dialogue (or the application, for
 * staff messages and notifications) maps its own reply type onto this.
 *
 * @param lang the language the texts are written in
 * @param shortText the answer in one to three plain sentences; rendered first everywhere
 * @param detail more detail, offered on request ("more"); empty when there is none
 * @param choices options the resident can pick; numbered for keys on SMS and voice
 * @param sources policy documents the answer comes from
 * @param needsPerson true when the resident should be offered a person (key 0)
 */
public record Answer(
    Lang lang,
    String shortText,
    String detail,
    List<Choice> choices,
    List<SourceRef> sources,
    boolean needsPerson) {

  public Answer {
    Objects.requireNonNull(lang, "lang");
    shortText = shortText == null ? "" : shortText.strip();
    detail = detail == null ? "" : detail.strip();
    choices = List.copyOf(choices == null ? List.of() : choices);
    sources = List.copyOf(sources == null ? List.of() : sources);
  }

  /** A plain answer with no detail, choices or sources. */
  public static Answer of(Lang lang, String shortText) {
    return new Answer(lang, shortText, "", List.of(), List.of(), false);
  }

  /** True when there is detail text to offer. */
  public boolean hasDetail() {
    return !detail.isEmpty();
  }

  /**
   * The answer to render when the resident asks for more: the short text followed by the detail,
   * with the same choices and sources. Rendered with {@link Renderer#renderMore}.
   */
  public String fullText() {
    if (detail.isEmpty()) {
      return shortText;
    }
    return shortText.isEmpty() ? detail : shortText + "\n" + detail;
  }
}
