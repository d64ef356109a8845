package org.linli.dialog.nlu;

import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone keys, typed or spoken: 0 = a person, * = repeat, # = slower, 1-9 = a numbered option. A
 * resident who can only press keys gets the same service as one who can type.
 */
final class KeyPress {

  // "0", "按0", "0号键", "press 0", "星号", "井号键"
  private static final Pattern KEY =
      Pattern.compile(
          "^(?:我)?(?:按|摁|点|选|press |key |option )?\\s*([0-9*#]|星号|星|井号|井)\\s*(?:号键|键|号)?[.。!！]?$");

  private KeyPress() {}

  /** The key's meaning, or null when the message is not a lone key. */
  static Intent interpret(String normalized) {
    Matcher m = KEY.matcher(normalized);
    if (!m.matches()) {
      return null;
    }
    String key = m.group(1);
    return switch (key) {
      case "0" -> key("request_human");
      case "*", "星号", "星" -> key("repeat");
      case "#", "井号", "井" -> key("slower");
      default ->
          new Intent(
              Intent.DIGIT, 1.0, Map.of(), OptionalInt.of(key.charAt(0) - '0'), Intent.Source.KEY);
    };
  }

  private static Intent key(String label) {
    return new Intent(label, 1.0, Map.of(), OptionalInt.empty(), Intent.Source.KEY);
  }
}
