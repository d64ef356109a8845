package org.linli.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input to the parsers of stored dialogue state and of option values (which
 * residents can type, since an option's value comes back as message text). Seeded, reproducible.
 */
class StateAndOptionValuesFuzzTest {

  static final long SEED = 1123L;
  static final int CASES = 5000;
  static final String INTERESTING =
      "@:-_=&%+ ~.\n\t\u0000\u001b\u200f\u202e\ufeff\ud83d\ude00\ud800\udc00高龄津贴azAZ09";

  static String random(Random random, int max) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(max);
    for (int i = 0; i < n; i++) {
      s.append(random.nextInt(4) == 0
          ? (char) random.nextInt(0xFFFF)
          : INTERESTING.charAt(random.nextInt(INTERESTING.length())));
    }
    return s.toString();
  }

  /**
   * Lone surrogates cannot be encoded in UTF-8 (they would come back as '?'); channels refuse
   * them, so no slot can hold one.
   */
  static String wellFormed(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(cp -> out.appendCodePoint(Character.isSurrogate((char) cp) && cp < 0x10000 ? 'x' : cp));
    return out.toString();
  }

  @Test
  void anyStoredStateRoundTripsExactly() {
    Random random = new Random(SEED);
    for (int i = 0; i < CASES; i++) {
      Map<String, String> slots = new LinkedHashMap<>();
      int n = random.nextInt(6);
      for (int j = 0; j < n; j++) {
        String key = wellFormed(random(random, 12));
        if (!key.isEmpty()) {
          slots.put(key, wellFormed(random(random, 40)));
        }
      }
      DialogueState state = DialogueState.EMPTY;
      for (var e : slots.entrySet()) {
        state = state.with(e.getKey(), e.getValue());
      }
      String stored = state.serialize();
      assertThat(DialogueState.parse(stored).slots())
          .as("case %d (seed %d)", i, SEED)
          .isEqualTo(state.slots());
      // no ':' (the application tells its sealed form by one) and no control character
      assertThat(stored).as("case %d (seed %d)", i, SEED).doesNotContain(":").doesNotContainPattern("\\p{Cntrl}");
    }
  }

  @Test
  void garbledStateIsEitherReadOrRefusedWithIllegalArgument() {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < CASES; i++) {
      String text = random(random, 80);
      try {
        DialogueState.parse(text);
      } catch (IllegalArgumentException expected) {
        // a malformed %-escape: the documented refusal
      } catch (RuntimeException e) {
        throw new AssertionError("case " + i + " (seed " + SEED + ") threw " + e + " for: " + text, e);
      }
    }
  }

  @Test
  void typedOptionValuesNeverThrowAndOnlyWellFormedOnesAreTokens() {
    Random random = new Random(SEED + 2);
    for (int i = 0; i < CASES; i++) {
      String text = (random.nextBoolean() ? "@" : "") + random(random, 90);
      assertThatCode(() -> Token.parse(text).ifPresent(t -> assertThat(Token.parse(t.value())).contains(t)))
          .as("case %d (seed %d): %s", i, SEED, text)
          .doesNotThrowAnyException();
    }
  }
}
