package org.linli.accessibility.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties of segmentation over many seeded random texts (each failure names its seed). */
class SmsSegmenterPropertyTest {

  private static final int TRIES = 400;

  @Test
  void everySegmentIsWithinItsLimit() {
    forEachText(this::everySegmentIsWithinItsLimit);
  }

  @Test
  void concatenationGivesBackTheInput() {
    forEachText(this::concatenationGivesBackTheInput);
  }

  @Test
  void neverSplitsADigitRunOrASurrogatePair() {
    forEachText(this::neverSplitsADigitRunOrASurrogatePair);
  }

  @Test
  void firstAnswerFitsTheSegmentsAsked() {
    for (long seed = 1; seed <= TRIES; seed++) {
      RandomTexts random = new RandomTexts(seed);
      String text = random.smsText();
      String hint = random.oneOf(List.of("回复1看详细", "Reply 1 for more"));
      try {
        firstAnswerFitsTheSegmentsAsked(text, hint);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private static void forEachText(java.util.function.Consumer<String> property) {
    for (long seed = 1; seed <= TRIES; seed++) {
      String text = new RandomTexts(seed).smsText();
      try {
        property.accept(text);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private void everySegmentIsWithinItsLimit(String text) {
    Segmentation s = SmsSegmenter.segment(text);
    SmsEncoding enc = s.encoding();
    if (s.count() == 1) {
      assertThat(SmsSegmenter.units(text, enc)).isLessThanOrEqualTo(enc.singleLimit());
    } else {
      for (String seg : s.segments()) {
        assertThat(SmsSegmenter.units(seg, enc)).isLessThanOrEqualTo(enc.segmentLimit());
        assertThat(seg).isNotEmpty();
      }
    }
  }

  private void concatenationGivesBackTheInput(String text) {
    assertThat(String.join("", SmsSegmenter.segment(text).segments())).isEqualTo(text);
  }

  private void neverSplitsADigitRunOrASurrogatePair(String text) {
    Segmentation seg = SmsSegmenter.segment(text);
    var segments = seg.segments();
    int offset = 0;
    for (int i = 0; i < segments.size() - 1; i++) {
      String a = segments.get(i);
      String b = segments.get(i + 1);
      offset += a.length();
      // A token longer than a whole segment cannot be kept whole; only shorter ones must be.
      if (tokenAround(text, offset) >= seg.encoding().segmentLimit()) {
        continue;
      }
      char last = a.charAt(a.length() - 1);
      char next = b.charAt(0);
      assertThat(Character.isDigit(last) && Character.isDigit(next))
          .as("digit run split between %s | %s", a, b).isFalse();
      boolean separatorInNumber = (last == ',' || last == '.') && a.length() > 1
          && Character.isDigit(a.charAt(a.length() - 2)) && Character.isDigit(next);
      assertThat(separatorInNumber).as("number split at its separator: %s | %s", a, b).isFalse();
      assertThat(Character.isHighSurrogate(last)).as("surrogate pair split").isFalse();
      assertThat(Character.isLetter(last) && last < 128 && Character.isLetter(next) && next < 128)
          .as("word split between %s | %s", a, b).isFalse();
    }
  }

  /** Length of the run of digits, separators and letters around a cut position. */
  private static int tokenAround(String text, int cut) {
    int from = cut;
    while (from > 0 && isTokenChar(text.charAt(from - 1))) {
      from--;
    }
    int to = cut;
    while (to < text.length() && isTokenChar(text.charAt(to))) {
      to++;
    }
    return to - from;
  }

  private static boolean isTokenChar(char c) {
    return (c < 128 && Character.isLetterOrDigit(c)) || c == ',' || c == '.';
  }

  private void firstAnswerFitsTheSegmentsAsked(String text, String hint) {
    String first = SmsSegmenter.firstAnswer(text, 2, hint);
    assertThat(SmsSegmenter.segment(first).count()).isLessThanOrEqualTo(2);
    if (!first.equals(text)) {
      assertThat(first).endsWith(hint);
    }
  }
}
