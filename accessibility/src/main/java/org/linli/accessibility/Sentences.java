package org.linli.accessibility;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splitting answer text into sentences and sentences into short pieces. */
final class Sentences {
  // A sentence ends at 。！？； (Chinese), or at . ! ? ; followed by a space or the end (so 3.5 and
  // example.gov.cn stay whole), with any closing quotes or brackets that follow; or at a line break.
  private static final Pattern SENTENCE =
      Pattern.compile(".+?(?:[。！？；]+[”’」』）)】]*|[.!?;]+[”’\")\\]]*(?=\\s|$)|(?=\\n)|$)", Pattern.DOTALL);
  private static final Pattern CLAUSE =
      Pattern.compile(".+?(?:[，、：]|[,:](?=\\s)|$)", Pattern.DOTALL);
  private static final Pattern URL =
      Pattern.compile("(?:https?://|www\\.)[\\w\\-.~:/?#\\[\\]@!$&'()*+,;=%]+[\\w/#=]", Pattern.CASE_INSENSITIVE);

  private Sentences() {}

  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    // Protect URLs: their dots and question marks are not sentence ends.
    String masked = mask(text);
    Matcher m = SENTENCE.matcher(masked);
    while (m.find()) {
      String s = text.substring(m.start(), m.end()).strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** Splits a sentence longer than the limit at clause marks, packing clauses up to the limit. */
  static List<String> shorten(String sentence, Lang lang, int maxChars, int maxWords) {
    if (length(sentence, lang) <= limit(lang, maxChars, maxWords)) {
      return List.of(sentence);
    }
    List<String> out = new ArrayList<>();
    Matcher m = CLAUSE.matcher(mask(sentence));
    StringBuilder current = new StringBuilder();
    while (m.find()) {
      String clause = sentence.substring(m.start(), m.end());
      if (clause.isBlank()) {
        continue;
      }
      String joined = current + clause;
      if (current.length() > 0 && length(joined.strip(), lang) > limit(lang, maxChars, maxWords)) {
        out.add(current.toString().strip());
        current.setLength(0);
      }
      current.append(clause);
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  static int length(String s, Lang lang) {
    if (lang == Lang.EN) {
      String t = s.strip();
      return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
    return (int) s.codePoints().filter(c -> !Character.isWhitespace(c)).count();
  }

  private static int limit(Lang lang, int maxChars, int maxWords) {
    return lang == Lang.EN ? maxWords : maxChars;
  }

  static String join(List<String> sentences, Lang lang) {
    StringBuilder sb = new StringBuilder();
    for (String s : sentences) {
      if (!sb.isEmpty() && (lang == Lang.EN || endsLatin(sb))) {
        sb.append(' ');
      }
      sb.append(s);
    }
    return sb.toString();
  }

  private static boolean endsLatin(CharSequence sb) {
    return sb.length() > 0 && sb.charAt(sb.length() - 1) < 0x2E80;
  }

  /** Same length as the text, with every URL character replaced by 'x'. */
  private static String mask(String text) {
    Matcher u = URL.matcher(text);
    if (!u.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text);
    u.reset();
    while (u.find()) {
      for (int i = u.start(); i < u.end(); i++) {
        sb.setCharAt(i, 'x');
      }
    }
    return sb.toString();
  }

  static List<String> urls(String text) {
    List<String> out = new ArrayList<>();
    Matcher u = URL.matcher(text);
    while (u.find()) {
      out.add(u.group());
    }
    return out;
  }

  static String replaceUrls(String text, java.util.function.Function<String, String> replacement) {
    return URL.matcher(text).replaceAll(r -> Matcher.quoteReplacement(replacement.apply(r.group())));
  }
}
