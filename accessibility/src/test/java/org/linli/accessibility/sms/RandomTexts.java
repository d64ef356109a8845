package org.linli.accessibility.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random texts for property tests: Chinese and English words, numbers with separators,
 * phone numbers, amounts, emoji and punctuation. A failing case names its seed, so it can be
 * replayed exactly.
 */
public final class RandomTexts {

  private static final String[] EMOJI = {"😀", "👍", "🏥", "\uD83E\uDDD3"};
  private static final String[] PUNCT = {
    "。", "，", "、", "！", "？", "；", ". ", ", ", " ", "! ", "\n", "{", "€"
  };

  private final Random random;

  public RandomTexts(long seed) {
    this.random = new Random(seed);
  }

  public int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  public boolean coin() {
    return random.nextBoolean();
  }

  public <T> T oneOf(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  public String han(int min, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = between(min, max); i > 0; i--) {
      b.append((char) between('\u4e00', '\u9fa5'));
    }
    return b.toString();
  }

  public String latin(int min, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = between(min, max); i > 0; i--) {
      b.append((char) between('a', 'z'));
    }
    return b.toString();
  }

  public String digits(int min, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = between(min, max); i > 0; i--) {
      b.append((char) between('0', '9'));
    }
    return b.toString();
  }

  /** A mixed text of up to 120 tokens, or an English sentence of up to 80 words. */
  public String smsText() {
    if (random.nextInt(3) == 0) {
      List<String> words = new ArrayList<>();
      for (int i = between(1, 80); i > 0; i--) {
        words.add(latin(1, 12));
      }
      return String.join(" ", words) + ".";
    }
    StringBuilder b = new StringBuilder();
    for (int i = between(0, 120); i > 0; i--) {
      int pick = random.nextInt(22);
      if (pick < 6) {
        b.append(han(1, 6));
      } else if (pick < 11) {
        b.append(latin(1, 12)).append(' ');
      } else if (pick < 13) {
        b.append(String.format("%,d", (long) between(0, 9_999_999)));
      } else if (pick < 15) {
        b.append(digits(3, 30));
      } else if (pick < 16) {
        b.append('1').append(digits(3, 3)).append(' ').append(digits(4, 4)).append(' ').append(digits(4, 4));
      } else if (pick < 17) {
        b.append(String.format("%,d", (long) between(0, 9_999_999))).append('元');
      } else if (pick < 18) {
        b.append(EMOJI[random.nextInt(EMOJI.length)]);
      } else {
        b.append(PUNCT[random.nextInt(PUNCT.length)]);
      }
    }
    return b.toString();
  }
}
