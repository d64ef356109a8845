package org.linli.accessibility.sms;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

class SmsSegmenterPropertyTest {

  @Property(tries = 400)
  void everySegmentIsWithinItsLimit(@ForAll("smsTexts") String text) {
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

  @Property(tries = 400)
  void concatenationGivesBackTheInput(@ForAll("smsTexts") String text) {
    assertThat(String.join("", SmsSegmenter.segment(text).segments())).isEqualTo(text);
  }

  @Property(tries = 400)
  void neverSplitsADigitRunOrASurrogatePair(@ForAll("smsTexts") String text) {
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

  @Property(tries = 300)
  void firstAnswerFitsTheSegmentsAsked(
      @ForAll("smsTexts") String text, @ForAll("hints") String hint) {
    String first = SmsSegmenter.firstAnswer(text, 2, hint);
    assertThat(SmsSegmenter.segment(first).count()).isLessThanOrEqualTo(2);
    if (!first.equals(text)) {
      assertThat(first).endsWith(hint);
    }
  }

  @Provide
  Arbitrary<String> hints() {
    return Arbitraries.of("回复1看详细", "Reply 1 for more");
  }

  /** Chinese and English words, numbers with separators, phone numbers, emoji and punctuation. */
  @Provide
  Arbitrary<String> smsTexts() {
    Arbitrary<String> hanWord = Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> latinWord = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> number = Arbitraries.longs().between(0, 9_999_999).map(n -> String.format("%,d", n));
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(3).ofMaxLength(30);
    Arbitrary<String> phone = Combinators.combine(
            Arbitraries.strings().numeric().ofLength(3),
            Arbitraries.strings().numeric().ofLength(4),
            Arbitraries.strings().numeric().ofLength(4))
        .as((a, b, c) -> "1" + a + " " + b + " " + c);
    Arbitrary<String> amount = number.map(n -> n + "元");
    Arbitrary<String> emoji = Arbitraries.of("😀", "👍", "🏥", "\uD83E\uDDD3");
    Arbitrary<String> punct = Arbitraries.of("。", "，", "、", "！", "？", "；", ". ", ", ", " ", "! ", "\n", "{", "€");
    Arbitrary<String> token = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, hanWord),
        net.jqwik.api.Tuple.of(5, latinWord.map(w -> w + " ")),
        net.jqwik.api.Tuple.of(2, number),
        net.jqwik.api.Tuple.of(2, digits),
        net.jqwik.api.Tuple.of(1, phone),
        net.jqwik.api.Tuple.of(1, amount),
        net.jqwik.api.Tuple.of(1, emoji),
        net.jqwik.api.Tuple.of(4, punct));
    Arbitrary<String> mixed = token.list().ofMinSize(0).ofMaxSize(120).map(l -> String.join("", l));
    Arbitrary<String> english = latinWord.list().ofMinSize(1).ofMaxSize(80).map(l -> String.join(" ", l) + ".");
    return Arbitraries.oneOf(mixed, english);
  }
}
