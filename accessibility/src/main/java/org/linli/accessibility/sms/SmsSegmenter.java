package org.linli.accessibility.sms;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts SMS text into segments the way a carrier bills them, choosing the cut points a reader would:
 * after a sentence (。！？；.!?), else after a clause (，,、：), else between words, and never inside a
 * number (a digit run, a phone number, an amount like {@code 1,200元}), a Latin word, a URL or a
 * surrogate pair.
 *
 * <p>Encoding: GSM-7 when every character is in the GSM 03.38 basic table or its extension table
 * (the extension characters {@code ^{}\[~]|€} and form feed take two septets); otherwise UCS-2,
 * where a character outside the BMP takes two units.
 */
public final class SmsSegmenter {

  /** The GSM 03.38 basic character set (with LF and CR). */
  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** Characters of the extension table, sent as ESC + char. */
  private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

  private static final String SENTENCE_END = "。！？；!?;";
  private static final String CLAUSE_END = "，,、：:";
  /** Closing marks that belong to the sentence before them: 。” stays together. */
  private static final String CLOSERS = "”’」』）)】》\"'";

  /**
   * Tokens never cut: URLs, numbers with their separators, currency sign and one unit
   * character (¥1,200元, 138-0013-8000, 3.5%, 14:30), and Latin words.
   */
  private static final Pattern PROTECTED =
      Pattern.compile(
          "https?://\\S+|www\\.\\S+"
              + "|[¥￥$€£]?\\d+(?:[,.:/\\- ]\\d+)*[%％元角分号楼层室岁]?"
              + "|[A-Za-z]+(?:['’\\-][A-Za-z]+)*");

  private SmsSegmenter() {}

  /** The alphabet a text would be sent in. */
  public static SmsEncoding encodingOf(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
        return SmsEncoding.UCS2;
      }
    }
    return SmsEncoding.GSM7;
  }

  /** Units a text takes in an encoding: septets for GSM-7, UTF-16 code units for UCS-2. */
  public static int units(CharSequence text, SmsEncoding encoding) {
    if (encoding == SmsEncoding.UCS2) {
      return text.length();
    }
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      n += GSM_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    }
    return n;
  }

  /** How many segments a text is billed as. */
  public static int segmentCount(String text) {
    return segment(text).count();
  }

  /** Cuts a text into segments; an empty text is one empty segment. */
  public static Segmentation segment(String text) {
    SmsEncoding enc = encodingOf(text);
    if (units(text, enc) <= enc.singleLimit()) {
      return new Segmentation(List.of(text), enc);
    }
    BitSet unsafe = unsafeCuts(text);
    int limit = enc.segmentLimit();
    List<String> parts = new ArrayList<>();
    int pos = 0;
    while (pos < text.length()) {
      int maxEnd = furthestEnd(text, pos, limit, enc);
      if (maxEnd == text.length()) {
        parts.add(text.substring(pos));
        break;
      }
      int end = bestCut(text, pos, maxEnd, unsafe);
      parts.add(text.substring(pos, end));
      pos = end;
    }
    return new Segmentation(parts, enc);
  }

  /**
   * The first answer for SMS: the text when it fits in {@code maxSegments}; otherwise the longest
   * beginning that ends at a sentence (or, failing that, a clause or word) and fits together with
   * {@code moreHint} ("回复1看详细" / "Reply 1 for more"), followed by the hint.
   */
  public static String firstAnswer(String text, int maxSegments, String moreHint) {
    return firstAnswer(text, "", maxSegments, moreHint);
  }

  /**
   * Like {@link #firstAnswer(String, int, String)}, but {@code tail} (options such as "回复2：…")
   * is always kept whole after the text or after the hint; only {@code text} is shortened.
   */
  public static String firstAnswer(String text, String tail, int maxSegments, String moreHint) {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("maxSegments must be at least 1");
    }
    String whole = text + tail;
    if (segment(whole).count() <= maxSegments) {
      return whole;
    }
    BitSet unsafe = unsafeCuts(text);
    SmsEncoding enc = encodingOf(whole + moreHint);
    int room = maxSegments == 1 ? enc.singleLimit() : maxSegments * enc.segmentLimit();
    int fixed = units(moreHint + tail, enc);
    // Try cut points from the longest down: sentences first, then clauses, then word gaps.
    for (int level = 0; level < 3; level++) {
      for (int end = text.length() - 1; end > 0; end--) {
        if (cutLevel(text, end, unsafe) != level
            || units(text.subSequence(0, end), enc) + fixed > room) {
          continue;
        }
        String candidate = join(text.substring(0, end), level, moreHint) + tail;
        if (segment(candidate).count() <= maxSegments) {
          return candidate;
        }
      }
    }
    return (moreHint + tail).strip();
  }

  private static String join(String head, int level, String hint) {
    String h = head.stripTrailing();
    if (level > 0 && !h.isEmpty() && CLAUSE_END.indexOf(h.charAt(h.length() - 1)) >= 0) {
      h = h.substring(0, h.length() - 1);
    }
    if (level > 0) {
      h = h + (isAscii(h) ? "..." : "……");
    }
    boolean spaced = !h.isEmpty() && h.charAt(h.length() - 1) < 0x2E80 && !hint.isEmpty()
        && hint.charAt(0) < 0x2E80;
    return h + (spaced ? " " : "") + hint;
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c < 128);
  }

  /** The furthest end (on a code point boundary) so that text[pos, end) fits the limit. */
  private static int furthestEnd(String text, int pos, int limit, SmsEncoding enc) {
    int used = 0;
    int i = pos;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int len = Character.charCount(cp);
      int cost = enc == SmsEncoding.UCS2 ? len : (GSM_EXTENSION.indexOf(cp) >= 0 ? 2 : 1);
      if (used + cost > limit) {
        break;
      }
      used += cost;
      i += len;
    }
    return i;
  }

  /**
   * The best cut in (pos, maxEnd]: the last sentence end, else clause end, else word gap, else any
   * safe place; cuts that would leave a segment shorter than a third of the room are used only
   * when nothing better exists.
   */
  private static int bestCut(String text, int pos, int maxEnd, BitSet unsafe) {
    int minEnd = pos + Math.max(1, (maxEnd - pos) / 3);
    for (int level = 0; level <= 3; level++) {
      for (int end = maxEnd; end >= minEnd; end--) {
        if (cutLevel(text, end, unsafe) == level || (level == 3 && !unsafe.get(end))) {
          return end;
        }
      }
    }
    for (int end = maxEnd; end > pos; end--) {
      if (!unsafe.get(end)) {
        return end;
      }
    }
    // A protected token longer than a whole segment (a very long URL or digit run): cut it after
    // one of its own separators (space, comma, dash) if it has one, else on a code point.
    for (String separators : new String[] {" ", ",-/"}) {
      for (int end = maxEnd; end > pos + 1; end--) {
        if (separators.indexOf(text.charAt(end - 1)) >= 0) {
          return end;
        }
      }
    }
    if (maxEnd > pos) {
      return Character.isLowSurrogate(text.charAt(maxEnd)) ? maxEnd - 1 : maxEnd;
    }
    return pos + Character.charCount(text.codePointAt(pos));
  }

  /**
   * 0 when a cut before index {@code end} follows a sentence, 1 a clause, 2 a word gap, -1 when it
   * is not a preferred place (3 = merely safe is decided by the caller).
   */
  private static int cutLevel(String text, int end, BitSet unsafe) {
    if (end <= 0 || end >= text.length() || unsafe.get(end)) {
      return -1;
    }
    int k = end - 1;
    char next = text.charAt(end);
    // Whitespace after punctuation stays with the segment before it.
    if (Character.isWhitespace(next) || CLOSERS.indexOf(next) >= 0) {
      return -1;
    }
    while (k > 0 && (Character.isWhitespace(text.charAt(k)) || CLOSERS.indexOf(text.charAt(k)) >= 0)) {
      k--;
    }
    char c = text.charAt(k);
    boolean spaceBefore = Character.isWhitespace(text.charAt(end - 1));
    if (SENTENCE_END.indexOf(c) >= 0 && (c > 127 || spaceBefore)) {
      return 0;
    }
    if (c == '.' && spaceBefore) {
      return 0;
    }
    if (c == '\n' || text.charAt(end - 1) == '\n') {
      return 0;
    }
    if (CLAUSE_END.indexOf(c) >= 0 && (c > 127 || spaceBefore)) {
      return 1;
    }
    if (spaceBefore) {
      return 2;
    }
    return -1;
  }

  /** Bit i set: cutting between text[i-1] and text[i] is not allowed. */
  private static BitSet unsafeCuts(String text) {
    BitSet unsafe = new BitSet(text.length() + 1);
    for (int i = 1; i < text.length(); i++) {
      if (Character.isHighSurrogate(text.charAt(i - 1)) && Character.isLowSurrogate(text.charAt(i))) {
        unsafe.set(i);
      }
    }
    Matcher m = PROTECTED.matcher(text);
    while (m.find()) {
      unsafe.set(m.start() + 1, m.end());
    }
    return unsafe;
  }
}
