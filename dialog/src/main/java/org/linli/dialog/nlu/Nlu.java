package org.linli.dialog.nlu;

import org.linli.knowledge.Lang;

/**
 * The understanding half of a dialogue turn: normalise, detect the language, classify the intent,
 * extract entities, mask personal numbers.
 *
 * <p>Models are loaded once per JVM (the intent model is trained from the bundled data on first
 * use, see {@link IntentClassifier#bundled()}); one instance can serve every thread.
 */
public final class Nlu {

  private final IntentClassifier intents;
  private final LanguageDetector languages;
  private final EntityExtractor entities;
  private final boolean maskPhones;

  /** The bundled models; ID-card and bank-card numbers masked, phone numbers kept. */
  public Nlu() {
    this(IntentClassifier.bundled(), false);
  }

  /**
   * @param intents the intent classifier (usually {@link IntentClassifier#bundled()})
   * @param maskPhones whether {@link Understanding#masked()} also masks phone numbers
   */
  public Nlu(IntentClassifier intents, boolean maskPhones) {
    this.intents = intents;
    this.languages = new LanguageDetector();
    this.entities = new EntityExtractor();
    this.maskPhones = maskPhones;
  }

  /**
   * Understands one message.
   *
   * @param rawText the text, speech transcript or key presses as received (null is empty)
   * @param hint the conversation's language so far, or the channel's; decides messages without
   *     letters ("0", "123456"); may be null
   */
  public Understanding understand(String rawText, Lang hint) {
    String raw = rawText == null ? "" : rawText;
    String normalized = TextNormalizer.normalize(raw);
    Lang lang = languages.detect(normalized, hint);
    Intent intent = intents.classifyNormalized(normalized);
    return new Understanding(
        raw,
        normalized,
        PiiMasker.mask(normalized, maskPhones),
        lang,
        intent,
        entities.extract(normalized));
  }
}
