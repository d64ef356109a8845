package org.linli.dialog.nlu;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linli.knowledge.analysis.ResidentText;

/**
 * Makes a resident's message comparable before anything tries to understand it.
 *
 * <p>The stages, in order, each for one concern:
 *
 * <ol>
 *   <li>{@link ResidentText#normalize}: traditional to simplified, full-width to half-width,
 *       lower case, whitespace collapsed &mdash; the same as the knowledge base, so both see the
 *       same words;
 *   <li>filler words (嗯嗯, 那个, 就是, 呃, um, uh) dropped, unless the filler is the whole message:
 *       a lone "嗯" is an answer (yes), not noise;
 *   <li>Chinese numerals turned into digits where they carry meaning (三号楼, 十五号, 下午三点, a
 *       spoken digit string 一二三四五六) and left alone where they do not (一点儿, 十分感谢, 三四个);
 *   <li>spoken English digits ("one two three") turned into digits;
 *   <li>digit groups that belong together (138 1234 5678) joined, so that a phone, ID-card or
 *       bank-card number read out in groups is still recognised and masked.
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class TextNormalizer {

  // Clause-initial hesitations. "那个"/"就是" are only fillers at the start of a clause and with
  // something after them: "不是那个" and "就是这个" keep their meaning.
  private static final Pattern LEADING_FILLER =
      Pattern.compile(
          "(^|[,，.。!！?？;；、 ])(?:(?:嗯+|呃+|额+(?=[,，、 ])|额额+|啊+|哦+|噢+|那个+|这个这个|就是说|就是(?=[,，、 ])"
              + "|然后呢|(?:um+|uh+|uhm+|er+|erm+|hmm+|well)(?![a-z]))[,，、. ]*)+(?=\\S)");
  // Hesitations that are noise wherever they stand.
  private static final Pattern ANYWHERE_FILLER =
      Pattern.compile("嗯嗯+|呃+|额额+|(?<![a-z])(?:um+|umm+|uh+|uhm+|erm+)(?![a-z])");

  private static final Pattern FILLER_ONLY =
      Pattern.compile("^(?:[嗯呃额啊哦噢唔\\p{Punct}，。！？、 ~～]|(?<![a-z])(?:um+|uh+|hmm+|mm+|er+)(?![a-z]))+$");

  private static final Pattern CN_NUMERAL = Pattern.compile("[零〇一二两三四五六七八九幺十百千]+");
  // Units after which a numeral is a quantity, a place or a time, never an idiom.
  private static final Pattern MEANINGFUL_UNIT =
      Pattern.compile(
          "^(?:号楼|号线|号|楼|栋|幢|座|单元|室|层|户|岁|年|月|期|区|床|元|块钱|周岁|个月|路公交|路车|组|排|弄)");
  private static final Pattern TIME_OF_DAY_BEFORE =
      Pattern.compile("(?:上午|下午|晚上|早上|中午|凌晨|傍晚|夜里|早晨|明早|今晚|明晚)$");
  private static final Map<Character, Integer> DIGIT_VALUE =
      Map.ofEntries(
          Map.entry('零', 0), Map.entry('〇', 0), Map.entry('一', 1), Map.entry('幺', 1),
          Map.entry('二', 2), Map.entry('两', 2), Map.entry('三', 3), Map.entry('四', 4),
          Map.entry('五', 5), Map.entry('六', 6), Map.entry('七', 7), Map.entry('八', 8),
          Map.entry('九', 9));

  private static final List<String> EN_DIGITS =
      List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
  private static final String EN_DIGIT_WORD = "(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)";
  private static final Pattern EN_DIGIT_RUN =
      Pattern.compile(
          "(?<![a-z])(?:zero|one|two|three|four|five|six|seven|eight|nine)(?:[ ,-]+"
              + EN_DIGIT_WORD
              + ")+(?![a-z])");
  private static final Pattern EN_SINGLE_DIGIT =
      Pattern.compile("^(?:zero|one|two|three|four|five|six|seven|eight|nine)[.!]?$");

  private static final Pattern DIGIT_GROUPS = Pattern.compile("(?<![0-9])[0-9]+(?:[ -][0-9]+)+(?![0-9])");

  private TextNormalizer() {}

  /** The normalised form of a message; never null, empty for null or blank input. */
  public static String normalize(String raw) {
    String s = ResidentText.normalize(raw);
    if (s.isEmpty()) {
      return s;
    }
    // ICU's Fullwidth-Halfwidth also turns 。 and 、 into their rare half-width forms: undo that,
    // so that stored messages read normally and the patterns below need one form only.
    s = s.replace('\uFF61', '。').replace('\uFF64', '、').replace('\uFF62', '「').replace('\uFF63', '」');
    s = dropFillers(s);
    s = chineseNumerals(s);
    s = spokenEnglishDigits(s);
    s = joinDigitGroups(s);
    return s.replaceAll("\\s+", " ").trim();
  }

  static String dropFillers(String s) {
    if (FILLER_ONLY.matcher(s).matches()) {
      return s; // "嗯", "嗯嗯", "哦": an answer, not noise
    }
    String without = LEADING_FILLER.matcher(s).replaceAll("$1");
    without = ANYWHERE_FILLER.matcher(without).replaceAll("");
    without = without.replaceAll("^[,，、.。 ]+", "").replaceAll("\\s+", " ").trim();
    // Nothing but hesitation is itself an answer ("嗯" = yes): keep the message as it was.
    return without.replaceAll("[\\p{Punct}，。！？、；：…\\s]", "").isEmpty() ? s : without;
  }

  static String chineseNumerals(String s) {
    Matcher m = CN_NUMERAL.matcher(s);
    StringBuilder out = new StringBuilder();
    boolean wholeMessage = false;
    while (m.find()) {
      String num = m.group();
      String before = s.substring(0, m.start());
      String after = s.substring(m.end());
      wholeMessage = before.isBlank() && after.replaceAll("[\\p{Punct}。！？ 号]", "").isEmpty();
      String replacement = convert(num, before, after, wholeMessage);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String convert(String num, String before, String after, boolean wholeMessage) {
    boolean positional = num.chars().noneMatch(c -> c == '十' || c == '百' || c == '千');
    if (positional) {
      // 一二三四五六: a number read out digit by digit (ticket, phone, room).
      if (num.length() >= 3 || wholeMessage) {
        return digitByDigit(num);
      }
      if (meaningfulContext(num, before, after)) {
        return digitByDigit(num);
      }
      return num;
    }
    if (wholeMessage || meaningfulContext(num, before, after) || before.endsWith("第")) {
      Integer value = value(num);
      return value == null ? num : value.toString();
    }
    return num;
  }

  private static boolean meaningfulContext(String num, String before, String after) {
    if (after.startsWith("点") || after.startsWith("点钟")) {
      // "一点" is also "a little": only a clock time after a time of day, or 2..12.
      return TIME_OF_DAY_BEFORE.matcher(before.stripTrailing()).find() || !num.equals("一");
    }
    if (after.startsWith("分") || after.startsWith("日")) {
      // "before" is the text as it was, so the month or hour may still be a Chinese numeral.
      return before.matches("(?s).*[0-9零〇一二两三四五六七八九十](?:点|月)$");
    }
    if (after.startsWith("号") && before.matches("(?s).*[0-9零〇一二两三四五六七八九十]月$")) {
      return true;
    }
    if (num.equals("一") && (after.startsWith("路") || after.startsWith("块"))) {
      return false; // 一路平安, 一块儿
    }
    if (num.length() == 2 && !num.contains("十") && !after.matches("^(?:号楼|号|楼|栋|幢|单元|室|年).*")) {
      return false; // 三四个, 五六岁: a rough range, not a number
    }
    return MEANINGFUL_UNIT.matcher(after).find();
  }

  private static String digitByDigit(String num) {
    StringBuilder b = new StringBuilder(num.length());
    for (char c : num.toCharArray()) {
      Integer v = DIGIT_VALUE.get(c);
      b.append(v == null ? c : (char) ('0' + v));
    }
    return b.toString();
  }

  /** Value of a numeral with 十/百/千 (十五 = 15, 二十三 = 23, 三百零二 = 302); null if malformed. */
  static Integer value(String num) {
    int total = 0;
    int current = -1;
    for (char c : num.toCharArray()) {
      Integer d = DIGIT_VALUE.get(c);
      if (d != null) {
        current = d;
        continue;
      }
      int unit =
          switch (c) {
            case '十' -> 10;
            case '百' -> 100;
            case '千' -> 1000;
            default -> -1;
          };
      if (unit < 0) {
        return null;
      }
      total += (current < 0 ? 1 : current) * unit;
      current = -1;
    }
    if (current > 0) {
      total += current;
    }
    return total;
  }

  static String spokenEnglishDigits(String s) {
    if (EN_SINGLE_DIGIT.matcher(s).matches()) {
      return String.valueOf(EN_DIGITS.indexOf(s.replaceAll("[.!]", "")));
    }
    Matcher m = EN_DIGIT_RUN.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      StringBuilder digits = new StringBuilder();
      for (String word : m.group().split("[ ,-]+")) {
        digits.append(word.equals("oh") ? 0 : EN_DIGITS.indexOf(word));
      }
      m.appendReplacement(out, digits.toString());
    }
    m.appendTail(out);
    return out.toString();
  }

  static String joinDigitGroups(String s) {
    Matcher m = DIGIT_GROUPS.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String joined = m.group().replaceAll("[ -]", "");
      // Only long numbers (phone, ID card, bank card) are joined; "3 5" or a date stay apart, and
      // so does a landline's area code (010-12345678), which the entity extractor relies on.
      boolean areaCode = m.group().matches("0[0-9]{2,3}[ -][2-8][0-9]{6,7}");
      m.appendReplacement(out, joined.length() >= 11 && !areaCode ? joined : m.group());
    }
    m.appendTail(out);
    return out.toString();
  }
}
