package org.linli.dialog;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

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

  /** URL-encoded {@code key=value&...}: readable in a database console, safe for any text. */
  public String serialize() {
    StringJoiner out = new StringJoiner("&");
    slots.forEach(
        (k, v) ->
            out.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return out.toString();
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
