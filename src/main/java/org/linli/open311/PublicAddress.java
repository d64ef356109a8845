package org.linli.open311;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An order's place as anyone may see it when service requests are open to read without a key: the
 * street or estate only (幸福小区3号楼502室 -> 幸福小区, 建设路12号 -> 建设路), coordinates rounded to
 * two decimals (about a kilometre). A place in which no street or estate is recognised is left out
 * rather than guessed at: it may be a description of someone's home.
 */
final class PublicAddress {

  // the shortest run before the first street or estate word, with no digit or separator in it
  private static final Pattern ZH =
      Pattern.compile(
          "^[^0-9０-９,，.。;；:：\\s]{1,16}?(小区|花园|新村|家园|公寓|大厦|社区|苑|村|大道|路|街|巷|弄|胡同)");
  private static final Pattern EN =
      Pattern.compile(
          "(?i)([a-z][a-z'. -]*?\\b(?:road|rd|street|st|avenue|ave|lane|ln|estate|gardens?|village|community))\\b");
  private static final Pattern COORDINATES =
      Pattern.compile("^\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s*,\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s*$");

  private PublicAddress() {}

  static String of(String place) {
    if (place == null || place.isBlank()) {
      return null;
    }
    String s = place.strip();
    Matcher c = COORDINATES.matcher(s);
    if (c.matches()) {
      return round(c.group(1)) + "," + round(c.group(2));
    }
    Matcher zh = ZH.matcher(s);
    if (zh.find()) {
      return zh.group();
    }
    Matcher en = EN.matcher(s);
    if (en.find()) {
      return en.group(1).strip().replaceAll("\\s+", " ").replaceAll("(?i)^(?:no\\.?|flat|room|unit)\\s+", "");
    }
    return null;
  }

  private static String round(String coordinate) {
    return new BigDecimal(coordinate).setScale(2, RoundingMode.HALF_UP).toPlainString().toLowerCase(Locale.ROOT);
  }
}
