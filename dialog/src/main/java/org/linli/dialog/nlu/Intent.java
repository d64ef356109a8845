package org.linli.dialog.nlu;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the resident wants, as far as one message shows it.
 *
 * @param label one of {@link IntentClassifier#LABELS}, or {@link #DIGIT} for a lone key 1-9 (a
 *     numbered option; the dialogue policy knows which), or {@link #NONE} for an empty message
 * @param confidence 0..1; 1 for key presses and forced emergencies
 * @param scores the model's probability for every label (empty for key presses and empty input),
 *     so the policy can offer the runner-up
 * @param digit the key 1-9 when {@code label} is {@link #DIGIT}
 * @param source what decided: a key press, the emergency rule, or the model
 */
public record Intent(
    String label, double confidence, Map<String, Double> scores, OptionalInt digit, Source source) {

  /** Not an intent: the resident chose numbered option {@link #digit()}. */
  public static final String DIGIT = "digit";

  /** Not an intent: there was nothing to understand. */
  public static final String NONE = "none";

  /** What decided the label. */
  public enum Source {
    /** A key press (0, *, #, 1-9), typed or spoken as a lone key. */
    KEY,
    /** The emergency keyword rule, which overrides the model. */
    RULE,
    /** The statistical model. */
    MODEL
  }

  public Intent {
    Objects.requireNonNull(label, "label");
    // Label order is kept (the order of IntentClassifier.LABELS), so printing scores reads well.
    scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    Objects.requireNonNull(digit, "digit");
    Objects.requireNonNull(source, "source");
  }

  /** True for one of the twelve intents, false for a digit choice or an empty message. */
  public boolean isIntent() {
    return !label.equals(DIGIT) && !label.equals(NONE);
  }

  /** True when this is {@code label}. */
  public boolean is(String label) {
    return this.label.equals(label);
  }
}
