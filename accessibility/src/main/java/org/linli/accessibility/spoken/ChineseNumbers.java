package org.linli.accessibility.spoken;

/** Arabic numbers as Mandarin reads them. */
final class ChineseNumbers {
  private static final String DIGITS = "零一二三四五六七八九";
  private static final String[] SMALL_UNITS = {"", "十", "百", "千"};
  private static final String[] BIG_UNITS = {"", "万", "亿", "万亿"};

  private ChineseNumbers() {}

  /**
   * A whole number in Chinese: 1200 -> 一千二百, 10 -> 十, 15 -> 十五, 105 -> 一百零五, 2000 -> 两千.
   *
   * @param liangForTwo read a lone 2 as 两 (两个, 两天) rather than 二 (二号, 第二)
   */
  static String integer(long n, boolean liangForTwo) {
    if (n == 0) {
      return "零";
    }
    if (n < 0) {
      return "负" + integer(-n, liangForTwo);
    }
    if (n == 2) {
      return liangForTwo ? "两" : "二";
    }
    int[] groups = new int[BIG_UNITS.length];
    int count = 0;
    for (long rest = n; rest > 0; rest /= 10000) {
      groups[count++] = (int) (rest % 10000);
    }
    StringBuilder sb = new StringBuilder();
    boolean gap = false;
    for (int i = count - 1; i >= 0; i--) {
      int g = groups[i];
      if (g == 0) {
        gap = sb.length() > 0;
        continue;
      }
      // a gap inside the number is read as one 零: 一万零五十, 一亿零一万
      if (sb.length() > 0 && (gap || g < 1000)) {
        sb.append('零');
      }
      sb.append(group4(g)).append(BIG_UNITS[i]);
      gap = false;
    }
    String s = sb.toString();
    // 一十五 -> 十五 at the start
    if (s.startsWith("一十")) {
      s = s.substring(1);
    }
    // 二千 / 二万 / 二亿 at the start is read 两千 / 两万 / 两亿
    if (s.length() > 1 && s.charAt(0) == '二' && "千万亿".indexOf(s.charAt(1)) >= 0) {
      s = "两" + s.substring(1);
    }
    return s;
  }

  /** 0..9999 without leading zero handling for the whole number; inner zeros collapse to one 零. */
  private static String group4(int g) {
    StringBuilder sb = new StringBuilder();
    boolean zero = false;
    for (int pos = 3; pos >= 0; pos--) {
      int d = (g / (int) Math.pow(10, pos)) % 10;
      if (d == 0) {
        if (sb.length() > 0) {
          zero = true;
        }
        continue;
      }
      if (zero) {
        sb.append('零');
        zero = false;
      }
      sb.append(DIGITS.charAt(d)).append(SMALL_UNITS[pos]);
    }
    return sb.toString();
  }

  /** A number as written, possibly with thousands separators and a fraction: 3.5 -> 三点五. */
  static String number(String written, boolean liangForTwo) {
    String s = written.replace(",", "");
    int dot = s.indexOf('.');
    if (dot < 0) {
      return integerOrDigits(s, liangForTwo);
    }
    String whole = s.substring(0, dot);
    String frac = s.substring(dot + 1);
    return integerOrDigits(whole.isEmpty() ? "0" : whole, false) + "点" + digits(frac, false);
  }

  private static String integerOrDigits(String s, boolean liang) {
    if (s.length() > 1 && s.startsWith("0")) {
      return digits(s, false);
    }
    if (s.length() > 15) {
      return digits(s, false);
    }
    return integer(Long.parseLong(s), liang);
  }

  /** Digit by digit: 110 -> 幺幺零 when {@code yao}, else 一一零. */
  static String digits(CharSequence s, boolean yao) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c == '1' && yao ? '幺' : DIGITS.charAt(c - '0'));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** An amount of money: 1200 -> 一千二百元, 12.5 -> 十二元五角, 0.05 -> 五分. */
  static String yuan(String written) {
    String s = written.replace(",", "");
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    String frac = dot < 0 ? "" : (s.substring(dot + 1) + "00").substring(0, 2);
    long w = whole.isEmpty() ? 0 : Long.parseLong(whole);
    int jiao = frac.isEmpty() ? 0 : frac.charAt(0) - '0';
    int fen = frac.isEmpty() ? 0 : frac.charAt(1) - '0';
    StringBuilder sb = new StringBuilder();
    if (w > 0 || (jiao == 0 && fen == 0)) {
      sb.append(integer(w, true)).append('元');
    }
    if (jiao > 0) {
      sb.append(DIGITS.charAt(jiao)).append('角');
    } else if (fen > 0 && w > 0) {
      sb.append('零');
    }
    if (fen > 0) {
      sb.append(DIGITS.charAt(fen)).append('分');
    }
    return sb.toString();
  }
}
