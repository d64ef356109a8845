package org.linli.dialog.nlu;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal numbers before a message is stored or logged: ID-card and bank-card numbers
 * always (keeping the last four: {@code ************1234}), phone numbers on request
 * ({@code 138****5678}).
 *
 * <p>Masking is deliberately broader than {@link EntityExtractor}: any run of 15 to 19 digits is
 * masked, valid checksum or not, because a resident's typo does not make a number less personal.
 * Lengths are kept, so entity spans stay valid in the masked text. Works on raw or normalised text
 * (full-width digits included); spoken numbers (一一零一...) are only caught after {@link
 * TextNormalizer}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PiiMasker {

  private static final String D = "[0-9０-９]";
  // 15-19 digits, contiguous or in groups separated by a space or dash (bank cards are read in
  // fours); an 18-character ID may end in X.
  private static final Pattern LONG_NUMBER =
      Pattern.compile(
          "(?<![0-9０-９])(?:" + D + "{17}[xXｘＸ]|" + D + "{4}(?:[ -]?" + D + "{4}){3}(?:[ -]?" + D
              + "{1,3})?|" + D + "{15,19})(?![0-9０-９xXｘＸ])");
  private static final Pattern MOBILE =
      Pattern.compile(
          "(?<![0-9０-９])((?:\\+?86[- ]?)?[1１][3-9３-９]" + D + ")([- ]?)(" + D + "{4})([- ]?)(" + D
              + "{4})(?![0-9０-９])");
  private static final Pattern LANDLINE =
      Pattern.compile(
          "(?<![0-9０-９])([0０]" + D + "{2,3}[- ]?|\\(0" + D + "{2,3}\\) ?)(" + D + "{3,4})(" + D
              + "{4})(?![0-9０-９])");

  private PiiMasker() {}

  /** ID-card and bank-card numbers masked; phone numbers left as they are. */
  public static String mask(String text) {
    return mask(text, false);
  }

  /** ID-card and bank-card numbers masked, and phone numbers too when {@code phones} is true. */
  public static String mask(String text, boolean phones) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    String s = maskLongNumbers(text);
    if (phones) {
      s = MOBILE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
          m.group(1) + m.group(2) + "****" + m.group(4) + m.group(5)));
      s = LANDLINE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
          m.group(1) + "*".repeat(m.group(2).length()) + m.group(3)));
    }
    return s;
  }

  /** Everything personal masked, including phone numbers: for logs. */
  public static String maskAll(String text) {
    return mask(text, true);
  }

  /** A number with every digit but the last four replaced by '*', separators kept. */
  static String keepLastFour(String number) {
    int digitsSeen = 0;
    char[] chars = number.toCharArray();
    for (int i = chars.length - 1; i >= 0; i--) {
      char c = chars[i];
      if (Character.isDigit(c) || c == 'x' || c == 'X' || c == 'ｘ' || c == 'Ｘ') {
        digitsSeen++;
        if (digitsSeen > 4) {
          chars[i] = '*';
        }
      }
    }
    return new String(chars);
  }

  private static String maskLongNumbers(String text) {
    Matcher m = LONG_NUMBER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String number = m.group();
      long digits = number.chars().filter(Character::isDigit).count();
      boolean idLike = number.length() == 18 && !Character.isDigit(number.charAt(17));
      m.appendReplacement(
          out, Matcher.quoteReplacement(digits >= 15 || idLike ? keepLastFour(number) : number));
    }
    m.appendTail(out);
    return out.toString();
  }
}
