package org.linli.dialog;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linli.dialog.nlu.Intent;

/** Reading a 1-5 satisfaction score the way residents give it: a key, a digit, 五星, 3分. */
final class Rating {

  private static final Pattern SCORE =
      Pattern.compile("^\\D{0,4}([1-5一二三四五])\\s*(?:分|星|颗星|stars?|points?)?\\D{0,4}$");
  private static final Pattern NO_COMMENT =
      Pattern.compile("^(没有|没了|没啥|不用了?|不说了|无|就这样|没有了|no|nothing|none|no thanks)[。.!！]?$");

  static OptionalInt score(String text, Intent intent) {
    if (intent.is(Intent.DIGIT)) {
      int d = intent.digit().orElse(0);
      return d >= 1 && d <= 5 ? OptionalInt.of(d) : OptionalInt.empty();
    }
    Matcher m = SCORE.matcher(text.strip());
    if (!m.matches()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of("一二三四五".indexOf(m.group(1)) >= 0 ? "一二三四五".indexOf(m.group(1)) + 1 : m.group(1).charAt(0) - '0');
  }

  static boolean isNoComment(String text) {
    return NO_COMMENT.matcher(text.strip().toLowerCase(java.util.Locale.ROOT)).matches();
  }

  private Rating() {}
}
