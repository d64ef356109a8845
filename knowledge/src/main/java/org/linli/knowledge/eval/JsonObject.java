package org.linli.knowledge.eval;

import java.util.List;
import java.util.Locale;

/**
 * A JSON object written by hand, one key at a time. Just enough JSON for the evaluation output,
 * which keeps this module free of a JSON library.
 */
final class JsonObject {

  private final StringBuilder sb = new StringBuilder("{");

  JsonObject put(String key, String value) {
    return raw(key, value == null ? "null" : quote(value));
  }

  JsonObject put(String key, double value) {
    return raw(key, number(value));
  }

  JsonObject put(String key, long value) {
    return raw(key, Long.toString(value));
  }

  JsonObject put(String key, boolean value) {
    return raw(key, Boolean.toString(value));
  }

  JsonObject put(String key, JsonObject value) {
    return raw(key, value.toString());
  }

  JsonObject putStrings(String key, List<String> values) {
    StringBuilder a = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      a.append(i == 0 ? "" : ",").append(quote(values.get(i)));
    }
    return raw(key, a.append(']').toString());
  }

  JsonObject putObjects(String key, List<JsonObject> values) {
    StringBuilder a = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      a.append(i == 0 ? "" : ",").append(values.get(i));
    }
    return raw(key, a.append(']').toString());
  }

  private JsonObject raw(String key, String json) {
    if (sb.length() > 1) {
      sb.append(',');
    }
    sb.append(quote(key)).append(':').append(json);
    return this;
  }

  @Override
  public String toString() {
    return sb + "}";
  }

  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "null";
    }
    String s = String.format(Locale.ROOT, "%.4f", value);
    // 0.5000 -> 0.5, 1.0000 -> 1
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
