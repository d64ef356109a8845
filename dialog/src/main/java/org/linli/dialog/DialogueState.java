package org.linli.dialog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dialogue's memory between turns, owned by the application: the engine keeps nothing between
 * calls. It is an open set of string slots so that a later engine can add what it needs without a
 * schema change; {@link #serialize()} gives a compact, stable text form for the database.
 */
public record DialogueState(Map<String, String> slots) {

  public static final DialogueState EMPTY = new DialogueState(Map.of());

  /**
   * Slots whose name starts with this hold personal data (a phone number given in a form): the
   * application encrypts their values before storing the state.
   */
  public static final String PII_PREFIX = "pii.";

  public DialogueState {
    slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(slots.get(key));
  }

  public int getInt(String key, int otherwise) {
    String v = slots.get(key);
    try {
      return v == null ? otherwise : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** A copy with {@code key} set to {@code value}, or removed when {@code value} is null. */
  public DialogueState with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(slots);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return new DialogueState(copy);
  }

  /**
   * {@code key=value&...}, in which only what the format itself uses ({@code % & = +}), {@code :}
   * (so that no state reads like the application's sealed form) and control characters are
   * %-escaped; everything else, Chinese text included, stays as it is. Until December 2026 every
   * non-ASCII character was escaped (URL encoding: nine characters for one Chinese character, and
   * the last reply is in the state); {@link #parse} reads both forms.
   */
  public String serialize() {
    StringBuilder out = new StringBuilder();
    slots.forEach(
        (k, v) -> {
          if (!out.isEmpty()) {
            out.append('&');
          }
          escape(k, out);
          out.append('=');
          escape(v, out);
        });
    return out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static void escape(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == '&' || c == '=' || c == '+' || c == ':' || c < 0x20 || c == 0x7f) {
        // all below 0x80: one UTF-8 byte, which is what URLDecoder reads a %-escape as
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        out.append(c);
      }
    }
  }

  /**
   * Reads what {@link #serialize()} wrote. Pairs without a name are skipped.
   *
   * @throws IllegalArgumentException when a name or value holds a malformed %-escape (the text was
   *     not written by {@link #serialize()})
   */
  public static DialogueState parse(String text) {
    if (text == null || text.isBlank()) {
      return EMPTY;
    }
    Map<String, String> slots = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      slots.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return new DialogueState(slots);
  }
}
