package org.linli.accessibility.speech;

import java.util.Optional;
import org.linli.accessibility.Lang;

/**
 * A speech engine. Implementations must be safe to call from several threads at once.
 *
 * <p>Pass text already in spoken form ({@link org.linli.accessibility.spoken.SpokenForm}).
 */
public interface SpeechSynthesizer {

  /**
   * Speaks a text.
   *
   * @param rate relative speech rate, 1.0 normal, below 1 slower
   * @return the audio, or empty when the engine cannot speak this text (language not supported,
   *     engine missing, timeout, or no audio came out)
   */
  Optional<Audio> synthesize(String text, Lang lang, double rate);

  /** Whether this engine is available here and can speak the language. */
  boolean supports(Lang lang);

  /** A short stable name for logs, cache keys and health checks, e.g. {@code "freetts"}. */
  String name();

  /** One line saying what this engine is and whether it works here, for logs and health checks. */
  default String describe() {
    return name();
  }
}
