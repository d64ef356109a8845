package org.linli.dialog.eval;

import java.util.Locale;

/** The little JSON this module writes, by hand: no JSON library in a plain library module. */
final class Json {

  private Json() {}

  /** A JSON string literal, quotes included. */
  static String string(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          // Control characters must be escaped; U+2028/2029 break JavaScript consumers.
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** A number with four decimals (enough for rates and probabilities), never NaN. */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "0";
    }
    return String.format(Locale.ROOT, "%.4f", d);
  }
}
