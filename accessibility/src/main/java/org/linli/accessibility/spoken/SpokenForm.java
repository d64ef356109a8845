package org.linli.accessibility.spoken;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.linli.accessibility.Lang;

/**
 * Rewrites text the way it should be read aloud, for speech engines and Twilio {@code <Say>}.
 *
 * <p>A chain of small stages, each rewriting what earlier stages left alone: links, abbreviations
 * (first mention only), dates, times, money, percentages, phone numbers (digit by digit, 1 read as
 * 幺 as Chinese hotlines do), six-digit case numbers (digit by digit), then numbers next to units
 * and the remaining numbers. Latin text inside Chinese is left for the engine's English rules.
 *
 * <pre>
 * SpokenForm.zh("请于2024-01-01 14:30前缴费¥1,200，咨询13800138000")
 *   -> "请于2024年1月1日下午两点三十分前缴费一千二百元，咨询幺三八 零零幺三 八零零零"
 * SpokenForm.en("Pay ¥1200 by 2024-01-01") -> "Pay 1,200 yuan by January 1, 2024"
 * </pre>
 */
public final class SpokenForm {

  // Numbers as written: 1,200.50 or 1200 or 3.5
  private static final String NUM = "(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?";

  private static final Pattern URL =
      Pattern.compile("(?:https?://|www\\.)[\\w\\-.~:/?#\\[\\]@!$&'()*+,;=%]+[\\w/#=]",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

  private static final Pattern DATE_YMD =
      Pattern.compile("(?<!\\d)(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})(?:\\s*[日号])?(?!\\d)");
  private static final Pattern DATE_YM = Pattern.compile("(?<!\\d)(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月");
  private static final Pattern DATE_MD = Pattern.compile("(?<!\\d)(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]");
  private static final Pattern YEAR = Pattern.compile("(?<!\\d)(\\d{4})\\s*年(?!级)");
  private static final Pattern MONTH = Pattern.compile("(?<![\\d.])(\\d{1,2})\\s*月(?!份?\\s*\\d)");

  private static final String ZH_PERIOD = "上午|下午|中午|晚上|早上|凌晨|傍晚";
  private static final String TIME = "(?<![\\d:：])(\\d{1,2})[:：](\\d{2})(?![\\d:：])";
  private static final Pattern ZH_TIME_RANGE =
      Pattern.compile("(" + ZH_PERIOD + ")?\\s*" + TIME + "\\s*[-–—~～至到]\\s*(" + ZH_PERIOD + ")?\\s*" + TIME);
  private static final Pattern ZH_TIME = Pattern.compile("(" + ZH_PERIOD + ")?\\s*" + TIME);

  private static final Pattern ZH_MONEY_SIGN =
      Pattern.compile("(?:[¥￥]|人民币)\\s*(" + NUM + ")\\s*(万|亿)?\\s*元?");
  private static final Pattern ZH_MONEY_UNIT = Pattern.compile("(?<![\\d.,])(" + NUM + ")\\s*(万|亿)?\\s*元");
  private static final Pattern PERCENT = Pattern.compile("(?<![\\d.,])(" + NUM + ")\\s*[%％]");

  private static final String LIANG_UNITS_RE =
      "个|次|天|周|件|张|项|条|间|床|位|台|辆|份|本|倍|名|人|户|小时|分钟|公里|千米|斤|公斤|种|套|岁|年|万";
  private static final String ER_UNITS_RE = "号楼|号|楼|层|室|单元|栋|幢|路|区|站|期|级|米|度|克|元|月|日";

  private static final Pattern MOBILE =
      Pattern.compile("(?<![\\d-])(?:\\+?86[-\\s]?)?(1[3-9]\\d)[-\\s]?(\\d{4})[-\\s]?(\\d{4})(?![\\d-])");
  private static final Pattern SERVICE_NUMBER =
      Pattern.compile("(?<![\\d-])([48]00)[-\\s]?(\\d{3})[-\\s]?(\\d{4})(?![\\d-])");
  private static final Pattern LANDLINE =
      Pattern.compile("(?<![\\d-])(?:[(（](0\\d{2,3})[)）]|(0\\d{2,3})[-\\s])?(\\d{3,4})[-\\s]?(\\d{4})(?![\\d-]|\\s*[元%％])");
  private static final Pattern HOTLINE = Pattern.compile("(?<!\\d|\\d[.,])(123\\d\\d|96\\d{3,4})(?!\\d|[.,]\\d)");
  private static final Pattern EMERGENCY =
      Pattern.compile("(?<=拨打|电话|热线|打|call|dial|Call|Dial)\\s*(110|119|120|122)(?!\\d)");
  // The last digits of a phone number, as residents are named to their carers ("尾号 5678").
  private static final Pattern ZH_NUMBER_TAIL = Pattern.compile("(?<=尾号)(\\s*)(\\d{3,4})(?!\\d)");
  private static final Pattern EN_NUMBER_TAIL = Pattern.compile("(?<=ends in |ending in )(\\d{3,4})(?!\\d)");
  // Six digits are a case number unless a unit follows (100000人 is a quantity).
  private static final Pattern CASE_NUMBER =
      Pattern.compile("(?<!\\d|\\d[.,])(\\d{6})(?!\\d|[.,]\\d|\\s*[%％]|\\s*(?:" + LIANG_UNITS_RE + "|" + ER_UNITS_RE + "))");
  private static final Pattern EN_CASE_NUMBER = Pattern.compile("(?<!\\d|\\d[.,])(\\d{6})(?!\\d|[.,]\\d|\\s*[%a-z])");
  private static final Pattern LONG_DIGITS = Pattern.compile("(?<!\\d|\\d[.,])\\d{7,}(?!\\d|[.,]\\d)");

  /** Measure words and units after which 2 is read 两 (两个, 两天, 两公里). */
  private static final String LIANG_UNITS = LIANG_UNITS_RE;
  /** Units after which 2 is read 二 (二号楼, 二层, 二楼). */
  private static final String ER_UNITS = ER_UNITS_RE;
  private static final Pattern ZH_RANGE_UNIT =
      Pattern.compile("(" + NUM + ")\\s*[-–~～至到]\\s*(" + NUM + ")\\s*(?=" + LIANG_UNITS + "|" + ER_UNITS + ")");
  private static final Pattern ZH_UNIT =
      Pattern.compile("(第)?\\s*(" + NUM + ")\\s*(?=(" + LIANG_UNITS + "|" + ER_UNITS + "))");
  private static final Pattern ZH_ORDINAL = Pattern.compile("第\\s*(" + NUM + ")");
  private static final Pattern ZH_NUMBER = Pattern.compile(NUM);

  private static final Pattern EN_MONEY =
      Pattern.compile("(?:[¥￥]|\\b(?:RMB|CNY)\\s?)\\s*(" + NUM + ")(?:\\s*(?:元|yuan\\b))?"
          + "|(" + NUM + ")\\s*(?:元|yuan\\b|RMB\\b|CNY\\b)");
  private static final String AMPM = "(?:\\s*([ap]\\.?m\\.?)(?![A-Za-z]))?";
  private static final Pattern EN_TIME_RANGE =
      Pattern.compile(TIME + AMPM + "\\s*(?:[-–—~～]|to)\\s*" + TIME + AMPM,
          Pattern.CASE_INSENSITIVE);
  private static final Pattern EN_TIME = Pattern.compile(TIME + AMPM, Pattern.CASE_INSENSITIVE);
  private static final Pattern EN_UNIT =
      Pattern.compile("(?<![\\w.])(" + NUM + ")\\s?(km|kg|cm|mm|m|min|mins|hrs?|h)\\b");
  private static final String[] MONTHS = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"
  };
  private static final String[] EN_DIGITS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
  };
  private static final String[] EN_SMALL = {
    "twelve", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"
  };
  private static final String[] EN_TENS = {"", "", "twenty", "thirty", "forty", "fifty"};
  private static final String[] EN_TEENS = {
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"
  };

  private SpokenForm() {}

  /** Chinese spoken form, with no abbreviations to expand. */
  public static String zh(String text) {
    return zh(text, Map.of());
  }

  /**
   * Chinese spoken form.
   *
   * @param abbreviations abbreviation to full form, e.g. 医保 -> 医疗保险; the first mention of each
   *     is read "医疗保险（医保）" unless the full form already came before it
   */
  public static String zh(String text, Map<String, String> abbreviations) {
    return zh(text, abbreviations, "链接");
  }

  /**
   * Chinese spoken form with a chosen replacement for links (for example "链接，回复1获取").
   */
  public static String zh(String text, Map<String, String> abbreviations, String linkWords) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    Spans s = new Spans(text);
    s.stage(URL, m -> linkWords).stage(EMAIL, m -> linkWords);
    expandAbbreviations(s, abbreviations, Lang.ZH);
    s.stage(DATE_YMD, m -> Integer.parseInt(m.group(1)) + "年" + Integer.parseInt(m.group(2)) + "月"
            + Integer.parseInt(m.group(3)) + "日")
        .stage(DATE_YM, m -> Integer.parseInt(m.group(1)) + "年" + Integer.parseInt(m.group(2)) + "月")
        .stage(DATE_MD, m -> Integer.parseInt(m.group(1)) + "月" + Integer.parseInt(m.group(2)) + "日")
        .stage(YEAR, m -> m.group(1) + "年")
        .stage(MONTH, m -> {
          int mo = Integer.parseInt(m.group(1));
          return mo >= 1 && mo <= 12 ? mo + "月" : null;
        })
        .stage(ZH_TIME_RANGE, m -> zhTime(m.group(1), m.group(2), m.group(3)) + "到"
            + zhTime(m.group(4), m.group(5), m.group(6)))
        .stage(ZH_TIME, m -> zhTime(m.group(1), m.group(2), m.group(3)))
        .stage(ZH_MONEY_SIGN, m -> zhMoney(m.group(1), m.group(2)))
        .stage(ZH_MONEY_UNIT, m -> zhMoney(m.group(1), m.group(2)))
        .stage(PERCENT, m -> "百分之" + ChineseNumbers.number(m.group(1), false))
        .stage(MOBILE, m -> groups(m, true))
        .stage(SERVICE_NUMBER, m -> groups(m, true))
        .stage(LANDLINE, m -> groups(m, true))
        .stage(HOTLINE, m -> ChineseNumbers.digits(m.group(1), true))
        .stage(EMERGENCY, m -> ChineseNumbers.digits(m.group(1), true))
        .stage(ZH_NUMBER_TAIL, m -> m.group(1) + ChineseNumbers.digits(m.group(2), true))
        .stage(CASE_NUMBER, m -> ChineseNumbers.digits(m.group(1), false))
        .stage(LONG_DIGITS, m -> ChineseNumbers.digits(m.group(), true))
        .stage(ZH_RANGE_UNIT, m -> ChineseNumbers.number(m.group(1), false) + "到"
            + ChineseNumbers.number(m.group(2), true))
        .stage(ZH_UNIT, m -> zhWithUnit(m))
        .stage(ZH_ORDINAL, m -> "第" + ChineseNumbers.number(m.group(1), false))
        .stage(ZH_NUMBER, m -> ChineseNumbers.number(m.group(), false));
    return s.text();
  }

  /** English spoken form, with no abbreviations to expand. */
  public static String en(String text) {
    return en(text, Map.of());
  }

  /**
   * English spoken form.
   *
   * @param abbreviations abbreviation to full form, e.g. ID -> identity card; the first mention is
   *     read "identity card (ID)"
   */
  public static String en(String text, Map<String, String> abbreviations) {
    return en(text, abbreviations, "a link");
  }

  /** English spoken form with a chosen replacement for links. */
  public static String en(String text, Map<String, String> abbreviations, String linkWords) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    Spans s = new Spans(text);
    s.stage(URL, m -> linkWords).stage(EMAIL, m -> linkWords);
    expandAbbreviations(s, abbreviations, Lang.EN);
    s.stage(DATE_YMD, m -> enDate(m.group(1), m.group(2), m.group(3)))
        .stage(EN_TIME_RANGE, m -> enTime(m.group(1), m.group(2), m.group(3)) + " to "
            + enTime(m.group(4), m.group(5), m.group(6)))
        .stage(EN_TIME, m -> enTime(m.group(1), m.group(2), m.group(3)))
        .stage(EN_MONEY, m -> enGrouped(m.group(1) != null ? m.group(1) : m.group(2)) + " yuan")
        .stage(PERCENT, m -> m.group(1) + " percent")
        .stage(MOBILE, m -> groups(m, false))
        .stage(SERVICE_NUMBER, m -> groups(m, false))
        .stage(LANDLINE, m -> groups(m, false))
        .stage(HOTLINE, m -> enDigits(m.group(1)))
        .stage(EMERGENCY, m -> enDigits(m.group(1)))
        .stage(EN_NUMBER_TAIL, m -> enDigits(m.group(1)))
        .stage(EN_CASE_NUMBER, m -> enDigits(m.group(1)))
        .stage(LONG_DIGITS, m -> enDigits(m.group()))
        .stage(EN_UNIT, m -> m.group(1) + " " + enUnit(m.group(2), m.group(1)));
    return s.text();
  }

  /** Spoken form in the given language. */
  public static String of(Lang lang, String text, Map<String, String> abbreviations) {
    return lang == Lang.ZH ? zh(text, abbreviations) : en(text, abbreviations);
  }

  // ---- stages ----

  private static void expandAbbreviations(Spans s, Map<String, String> abbreviations, Lang lang) {
    if (abbreviations == null || abbreviations.isEmpty()) {
      return;
    }
    String whole = s.text();
    Set<String> seen = new HashSet<>();
    // Longest first, so that 城乡居民医保 is not read as 城乡居民 + 医保.
    String alternatives = abbreviations.keySet().stream()
        .filter(k -> !k.isBlank())
        .sorted((a, b) -> b.length() - a.length())
        .map(Pattern::quote)
        .reduce((a, b) -> a + "|" + b)
        .orElse(null);
    if (alternatives == null) {
      return;
    }
    String boundary = lang == Lang.EN ? "\\b" : "";
    Pattern p = Pattern.compile(boundary + "(?:" + alternatives + ")" + boundary);
    s.stage(p, m -> {
      String abbr = m.group();
      String full = abbreviations.get(abbr);
      if (full == null || !seen.add(abbr)) {
        return null;
      }
      if (whole.contains(full)) {
        return null; // the full form is said anyway
      }
      return lang == Lang.ZH ? full + "（" + abbr + "）" : full + " (" + abbr + ")";
    });
  }

  private static String zhTime(String period, String hh, String mm) {
    int h = Integer.parseInt(hh);
    int m = Integer.parseInt(mm);
    if (h > 24 || m > 59) {
      return null;
    }
    String p = period;
    int spoken = h;
    if (p == null) {
      if (h == 24 || h < 5) {
        p = "凌晨";
      } else if (h < 12) {
        p = "上午";
      } else if (h < 13) {
        p = "中午";
      } else if (h < 18) {
        p = "下午";
      } else {
        p = "晚上";
      }
    }
    if (spoken > 12) {
      spoken -= 12;
    }
    if (h == 24) {
      spoken = 0;
    }
    String hour = spoken == 2 ? "两" : ChineseNumbers.integer(spoken, false);
    String minutes;
    if (m == 0) {
      minutes = "";
    } else if (m < 10) {
      minutes = "零" + ChineseNumbers.integer(m, false) + "分";
    } else {
      minutes = ChineseNumbers.integer(m, false) + "分";
    }
    return p + hour + "点" + minutes;
  }

  private static String zhMoney(String amount, String bigUnit) {
    if (bigUnit != null) {
      return ChineseNumbers.number(amount, true) + bigUnit + "元";
    }
    return ChineseNumbers.yuan(amount);
  }

  private static String zhWithUnit(MatchResult m) {
    boolean ordinal = m.group(1) != null;
    String unit = m.group(3);
    boolean liang = !ordinal && unit != null && ("|" + LIANG_UNITS + "|").contains("|" + unit + "|");
    return (ordinal ? "第" : "") + ChineseNumbers.number(m.group(2), liang);
  }

  /** A phone number read in its groups, digit by digit, groups apart. */
  private static String groups(MatchResult m, boolean chinese) {
    StringBuilder sb = new StringBuilder();
    for (int g = 1; g <= m.groupCount(); g++) {
      String part = m.group(g);
      if (part == null) {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append(chinese ? " " : ", ");
      }
      sb.append(chinese ? ChineseNumbers.digits(part, true) : enDigits(part));
    }
    return sb.toString();
  }

  private static String enDigits(String digits) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(EN_DIGITS[c - '0']);
    }
    return sb.toString();
  }

  private static String enDate(String y, String mo, String d) {
    int month = Integer.parseInt(mo);
    int day = Integer.parseInt(d);
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    return MONTHS[month - 1] + " " + day + ", " + Integer.parseInt(y);
  }

  private static String enTime(String hh, String mm, String suffix) {
    int h = Integer.parseInt(hh);
    int m = Integer.parseInt(mm);
    if (h > 24 || m > 59) {
      return null;
    }
    boolean pm;
    if (suffix != null) {
      pm = Character.toLowerCase(suffix.charAt(0)) == 'p';
      if (h == 12) {
        h = pm ? 12 : 0;
      } else if (pm && h < 12) {
        h += 12;
      }
    }
    if (m == 0 && (h == 0 || h == 24)) {
      return "midnight";
    }
    if (m == 0 && h == 12) {
      return "twelve noon";
    }
    pm = h >= 12 && h < 24;
    int h12 = h % 12;
    String minutes;
    if (m == 0) {
      minutes = "";
    } else if (m < 10) {
      minutes = " oh " + EN_DIGITS[m];
    } else if (m < 20) {
      minutes = " " + EN_TEENS[m - 10];
    } else {
      minutes = " " + EN_TENS[m / 10] + (m % 10 == 0 ? "" : "-" + EN_DIGITS[m % 10]);
    }
    return EN_SMALL[h12] + minutes + (pm ? " PM" : " AM");
  }

  private static String enGrouped(String written) {
    String s = written.replace(",", "");
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    String frac = dot < 0 ? "" : s.substring(dot);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        sb.append(',');
      }
      sb.append(whole.charAt(i));
    }
    return sb + frac;
  }

  private static String enUnit(String unit, String number) {
    boolean one = number.equals("1");
    String word = switch (unit) {
      case "km" -> "kilometre";
      case "kg" -> "kilogram";
      case "cm" -> "centimetre";
      case "mm" -> "millimetre";
      case "m" -> "metre";
      case "min", "mins" -> "minute";
      default -> "hour";
    };
    return one ? word : word + "s";
  }
}
