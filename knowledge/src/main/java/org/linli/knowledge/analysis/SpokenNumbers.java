package org.linli.knowledge.analysis;

/**
 * Chinese numerals as people say them (八十五, 三千六, 一百五) turned into digits (85, 3600, 150),
 * because documents write amounts and ages in digits. Only runs that contain a unit (十, 百, 千,
 * 万) and start with a number are converted, so words like 一下, 万一, 千万 and 十分 stay as they
 * are; an ambiguous run such as 六七十 ("sixty or seventy") is left alone.
 */
public final class SpokenNumbers {

  private SpokenNumbers() {}

  /** The text with every convertible numeral run replaced by its digits. */
  public static String toDigits(String text) {
    StringBuilder out = null;
    int i = 0;
    while (i < text.length()) {
      int end = i;
      while (end < text.length() && (digit(text.charAt(end)) >= 0 || unit(text.charAt(end)) > 0)) {
        end++;
      }
      if (end == i) {
        if (out != null) {
          out.append(text.charAt(i));
        }
        i++;
        continue;
      }
      String run = text.substring(i, end);
      long value = parse(run);
      if (value >= 0 && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(value >= 0 ? Long.toString(value) : run);
      }
      i = end;
    }
    return out == null ? text : out.toString();
  }

  /** The value of a numeral run, or -1 when it is not one worth converting. */
  static long parse(String run) {
    char first = run.charAt(0);
    boolean hasUnit = run.chars().anyMatch(c -> unit((char) c) > 0);
    if (run.length() < 2 || !hasUnit || (digit(first) < 0 && first != '十')) {
      return -1;
    }
    long total = 0;
    long section = 0;
    int pending = -1;
    long lastUnit = 0;
    for (int k = 0; k < run.length(); k++) {
      char c = run.charAt(k);
      int d = digit(c);
      if (c == '零' || c == '〇') {
        lastUnit = 10; // 一千零五: the digit after 零 counts ones
        continue;
      }
      if (d >= 0) {
        if (pending >= 0) {
          return -1; // 六七十: two digits in a row, a range rather than a number
        }
        pending = d;
        continue;
      }
      long u = unit(c);
      if (u == 10_000) {
        total += (section + Math.max(pending, 0)) * u;
        section = 0;
        lastUnit = u; // 两万五 = 25000
      } else {
        section += (pending < 0 ? 1 : pending) * u;
        lastUnit = u;
      }
      pending = -1;
    }
    if (pending >= 0) {
      // 三千六 = 3600 and 一百五 = 150 in speech; 二十一 = 21.
      section += lastUnit >= 10 ? pending * (lastUnit / 10) : pending;
    }
    return total + section;
  }

  private static int digit(char c) {
    return switch (c) {
      case '零', '〇' -> 0;
      case '一' -> 1;
      case '二', '两' -> 2;
      case '三' -> 3;
      case '四' -> 4;
      case '五' -> 5;
      case '六' -> 6;
      case '七' -> 7;
      case '八' -> 8;
      case '九' -> 9;
      default -> -1;
    };
  }

  private static long unit(char c) {
    return switch (c) {
      case '十' -> 10;
      case '百' -> 100;
      case '千' -> 1000;
      case '万' -> 10_000;
      default -> 0;
    };
  }
}
