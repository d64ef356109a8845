package org.linli.dialog.nlu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds phone numbers, ID-card and bank-card numbers, addresses, dates and times, and work-order
 * numbers in a normalised message (see {@link TextNormalizer}: digits are ASCII and spoken numbers
 * are already digits there).
 *
 * <p>Candidates of all types are collected and overlaps resolved in favour of the longer mention,
 * then the more specific type (ID card, bank card, phone, ticket, address, date): "人民路15号" is an
 * address, not the 15th. ID and bank-card values come back masked.
 *
 * <p>Stateless and thread-safe.
 */
public final class EntityExtractor {

  private static final Pattern ID_18 = Pattern.compile("(?<![0-9a-z])[1-9][0-9]{16}[0-9x](?![0-9a-z])");
  private static final Pattern ID_15 = Pattern.compile("(?<![0-9])[1-9][0-9]{14}(?![0-9])");
  private static final Pattern CARD =
      Pattern.compile("(?<![0-9])[0-9]{4}(?:[ -]?[0-9]{4}){2,3}(?:[ -]?[0-9]{1,3})?(?![0-9])");
  private static final Pattern MOBILE =
      Pattern.compile("(?<![0-9])(?:\\+?86[- ]?)?(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])");
  private static final Pattern LANDLINE =
      Pattern.compile("(?<![0-9])(?:\\((0[1-9][0-9]{1,2})\\) ?|(0[1-9][0-9]{1,2})[- ]?)([2-8][0-9]{6,7})(?![0-9])");
  private static final Pattern SIX_DIGITS = Pattern.compile("(?<![0-9])[0-9]{6}(?![0-9])");
  private static final Pattern TICKET_CONTEXT =
      Pattern.compile("工单|单号|编号|受理号|单子|报修号|(?<![a-z])(?:case|ticket|ref|reference|order)(?![a-z])");

  private static final String HAN = "[\\u4e00-\\u9fa5]";
  private static final String UNIT =
      "(?:[0-9]{1,5}[a-z]?|[a-z])(?:号楼|栋|幢|座|单元|室|楼|层|号|弄|期|区|排)";
  private static final String STRONG_UNIT = "[0-9]{1,5}(?:号楼|栋|幢|座|单元|室|楼)";
  private static final Pattern UNITS_ONLY = Pattern.compile(STRONG_UNIT + ".*");
  private static final String PLACE =
      HAN + "{1,8}?(?:小区|花园|新村|公寓|家园|苑|大厦|社区|公馆|山庄|广场|里弄)";
  private static final String ROAD = HAN + "{1,6}?(?:大道|大街|路|街|巷|胡同)";
  private static final Pattern ADDRESS_ZH =
      Pattern.compile(
          "(?:" + PLACE + "|" + ROAD + "(?=[0-9]))(?: ?" + UNIT + ")*(?: ?[0-9]{3,4}(?![0-9]))?"
              + "|" + STRONG_UNIT + "(?: ?" + UNIT + ")*(?: ?[0-9]{3,4}(?![0-9]))?");
  private static final Pattern ADDRESS_EN =
      Pattern.compile(
          "(?<![a-z])(?:(?:building|bldg|block|blk|room|rm|unit|flat|apt|apartment|floor) ?#?[0-9]{1,5}[a-z]?,? ?)+"
              + "|(?<![a-z0-9])[0-9]{1,5} (?:[a-z]+ ){1,3}(?:road|rd|street|st|avenue|ave|lane|ln)(?![a-z])");
  // Words a place name never starts with: "我住在阳光花园" is 阳光花园.
  private static final Pattern PLACE_SUFFIX =
      Pattern.compile("小区|花园|新村|公寓|家园|苑|大厦|社区|公馆|山庄|广场|里弄|大道|大街|路|街|巷|胡同");
  private static final Pattern PLACE_PREFIX =
      Pattern.compile("^.*(?:住在|我家|我们|咱们|就是|位于|地址|那个|这个|在|住|是|到|的|去|从|家)");

  private static final String CN_WEEKDAY = "[一二三四五六日天1-7]";
  private static final Pattern DATE_TIME_ATOM =
      Pattern.compile(
          "大后天|今天|明天|后天|昨天|前天|今晚|明晚|明早|今早|今儿个?|明儿个?|月底|月初|下个月|这个月"
              + "|(?:下下?|这|本|上)?(?:周|星期|礼拜)" + CN_WEEKDAY + "?"
              + "|(?:[0-9]{4}年)?[0-9]{1,2}月(?:[0-9]{1,2}[日号])?|(?<![0-9])[0-9]{1,2}[日号](?!楼|线|[0-9])"
              + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
              + "|上午|下午|晚上|早上|早晨|中午|凌晨|傍晚|夜里|半夜|白天"
              + "|(?<![0-9])[0-9]{1,2}(?:点钟?|时)(?:[0-9]{1,2}分?|半|一刻|三刻)?|(?<![0-9])[0-9]{1,2}:[0-9]{2}(?![0-9])"
              + "|(?<![a-z])(?:today|tomorrow|tonight|yesterday|this (?:morning|afternoon|evening|week)"
              + "|next (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
              + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
              + "|in the (?:morning|afternoon|evening)"
              + "|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* [0-9]{1,2}(?:st|nd|rd|th)?"
              + "|[0-9]{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
              + "|[0-9]{1,2}(?::[0-9]{2})? ?(?:am|pm|a\\.m\\.|p\\.m\\.))(?![a-z])");

  private static final List<Entity.Type> PRIORITY =
      List.of(
          Entity.Type.ID_CARD, Entity.Type.BANK_CARD, Entity.Type.PHONE, Entity.Type.TICKET,
          Entity.Type.ADDRESS, Entity.Type.DATE_TIME);

  /** Entities in order of appearance, without overlaps. */
  public List<Entity> extract(String normalized) {
    if (normalized == null || normalized.isBlank()) {
      return List.of();
    }
    List<Entity> candidates = new ArrayList<>();
    idCards(normalized, candidates);
    bankCards(normalized, candidates);
    phones(normalized, candidates);
    tickets(normalized, candidates);
    addresses(normalized, candidates);
    datesAndTimes(normalized, candidates);
    return resolveOverlaps(candidates);
  }

  private static void idCards(String s, List<Entity> out) {
    Matcher m = ID_18.matcher(s);
    while (m.find()) {
      if (validId18(m.group())) {
        out.add(sensitive(Entity.Type.ID_CARD, m));
      }
    }
    m = ID_15.matcher(s);
    while (m.find()) {
      if (plausibleBirthDate("19" + m.group().substring(6, 12))) {
        out.add(sensitive(Entity.Type.ID_CARD, m));
      }
    }
  }

  private static void bankCards(String s, List<Entity> out) {
    Matcher m = CARD.matcher(s);
    while (m.find()) {
      String digits = m.group().replaceAll("[ -]", "");
      if (digits.length() >= 16 && digits.length() <= 19 && luhn(digits)) {
        out.add(sensitive(Entity.Type.BANK_CARD, m));
      }
    }
  }

  private static Entity sensitive(Entity.Type type, Matcher m) {
    String masked = PiiMasker.keepLastFour(m.group());
    return new Entity(type, masked, m.start(), m.end(), masked.replaceAll("[ -]", "").toUpperCase());
  }

  private static void phones(String s, List<Entity> out) {
    Matcher m = MOBILE.matcher(s);
    while (m.find()) {
      out.add(plain(Entity.Type.PHONE, m, m.group(1) + m.group(2) + m.group(3)));
    }
    m = LANDLINE.matcher(s);
    while (m.find()) {
      String area = m.group(1) != null ? m.group(1) : m.group(2);
      out.add(plain(Entity.Type.PHONE, m, area + "-" + m.group(3)));
    }
  }

  private static void tickets(String s, List<Entity> out) {
    boolean justDigits = s.replaceAll("[\\s\\p{Punct}。，！？]", "").matches("[0-9]{6}");
    if (!justDigits && !TICKET_CONTEXT.matcher(s).find()) {
      return;
    }
    Matcher m = SIX_DIGITS.matcher(s);
    while (m.find()) {
      out.add(plain(Entity.Type.TICKET, m, m.group()));
    }
  }

  private static void addresses(String s, List<Entity> out) {
    Matcher m = ADDRESS_ZH.matcher(s);
    while (m.find()) {
      int start = m.start();
      String text = m.group();
      Matcher suffix = PLACE_SUFFIX.matcher(text);
      Matcher prefix =
          PLACE_PREFIX.matcher(suffix.find() ? text.substring(0, suffix.start()) : "");
      if (!Character.isDigit(text.charAt(0)) && prefix.find()) {
        start += prefix.end();
        text = text.substring(prefix.end());
      }
      text = text.strip();
      if (text.length() >= 2 && !text.matches(HAN + "?(?:小区|花园|社区|路|街|广场).*")) {
        out.add(new Entity(Entity.Type.ADDRESS, text, start, start + text.length(), text));
      } else if (text.length() >= 2) {
        // "小区3号楼" (no name): keep the units only, if any.
        Matcher units = UNITS_ONLY.matcher(text);
        if (units.find()) {
          int us = start + units.start();
          out.add(new Entity(Entity.Type.ADDRESS, units.group(), us, us + units.group().length(), units.group()));
        }
      }
    }
    m = ADDRESS_EN.matcher(s);
    while (m.find()) {
      String text = m.group().replaceAll("[, ]+$", "");
      out.add(new Entity(Entity.Type.ADDRESS, text, m.start(), m.start() + text.length(), text));
    }
  }

  private static void datesAndTimes(String s, List<Entity> out) {
    Matcher m = DATE_TIME_ATOM.matcher(s);
    int start = -1;
    int end = -1;
    while (m.find()) {
      // Neighbouring atoms ("明天 上午 9点", "3月5日下午") are one mention.
      if (start >= 0 && s.substring(end, m.start()).matches(" ?的? ?|,? ?at ?|,? ")) {
        end = m.end();
        continue;
      }
      if (start >= 0) {
        out.add(dateTime(s, start, end));
      }
      start = m.start();
      end = m.end();
    }
    if (start >= 0) {
      out.add(dateTime(s, start, end));
    }
  }

  private static Entity dateTime(String s, int start, int end) {
    String text = s.substring(start, end);
    return new Entity(Entity.Type.DATE_TIME, text, start, end, text);
  }

  private static Entity plain(Entity.Type type, Matcher m, String value) {
    return new Entity(type, m.group(), m.start(), m.end(), value);
  }

  private static List<Entity> resolveOverlaps(List<Entity> candidates) {
    List<Entity> ranked = new ArrayList<>(candidates);
    ranked.sort(
        Comparator.comparingInt((Entity e) -> -(e.end() - e.start()))
            .thenComparingInt(e -> PRIORITY.indexOf(e.type()))
            .thenComparingInt(Entity::start));
    List<Entity> kept = new ArrayList<>();
    for (Entity e : ranked) {
      boolean overlaps = kept.stream().anyMatch(k -> e.start() < k.end() && k.start() < e.end());
      if (!overlaps) {
        kept.add(e);
      }
    }
    kept.sort(Comparator.comparingInt(Entity::start));
    return List.copyOf(kept);
  }

  /** GB 11643 check digit of an 18-character resident ID, plus a plausible birth date. */
  static boolean validId18(String id) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * weights[i];
    }
    char expected = "10X98765432".charAt(sum % 11);
    return Character.toUpperCase(id.charAt(17)) == expected && plausibleBirthDate(id.substring(6, 14));
  }

  private static boolean plausibleBirthDate(String yyyymmdd) {
    int year = Integer.parseInt(yyyymmdd.substring(0, 4));
    int month = Integer.parseInt(yyyymmdd.substring(4, 6));
    int day = Integer.parseInt(yyyymmdd.substring(6, 8));
    return year >= 1890 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  /** The Luhn (mod 10) check used by bank cards. */
  static boolean luhn(String digits) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }
}
