package org.linli.knowledge.analysis;

import com.ibm.icu.text.Transliterator;

/**
 * Folds one character at a time: traditional to simplified Chinese and full-width ASCII to
 * half-width. One character in, one character out, so token offsets computed on folded text are
 * valid on the original text (snippets rely on that).
 *
 * <p>ICU's transliterator is slow and not thread-safe, so each character is transliterated once and
 * remembered in a table shared by all threads.
 */
final class CharFolding {

  private static final char UNKNOWN = '\0';
  private static final char[] TABLE = new char[Character.MAX_VALUE + 1];
  private static final Transliterator TRADITIONAL_TO_SIMPLIFIED =
      Transliterator.getInstance("Traditional-Simplified");

  private CharFolding() {}

  static char fold(char c) {
    if (c < 0x80) {
      return c;
    }
    if (c == '\u3000') {
      return ' '; // ideographic space
    }
    if (c >= '\uFF01' && c <= '\uFF5E') {
      return (char) (c - 0xFEE0); // full-width ASCII block maps onto ASCII by a fixed offset
    }
    if (!Character.isIdeographic(c)) {
      return c;
    }
    char folded = TABLE[c];
    if (folded == UNKNOWN) {
      folded = simplify(c);
      TABLE[c] = folded; // benign race: every thread computes the same value
    }
    return folded;
  }

  static String fold(CharSequence text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = fold(text.charAt(i));
    }
    return new String(out);
  }

  private static char simplify(char c) {
    String s;
    synchronized (TRADITIONAL_TO_SIMPLIFIED) {
      s = TRADITIONAL_TO_SIMPLIFIED.transliterate(String.valueOf(c));
    }
    // A mapping to anything but one BMP character would break offsets: keep the original.
    return s.length() == 1 ? s.charAt(0) : c;
  }
}
