package org.linli.accessibility.readability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linli.accessibility.Lang;
import org.linli.accessibility.readability.ReadabilityIssue.Rule;

/**
 * Flags passages that are hard for older or low-literacy readers, with file and line, so the
 * knowledge manager can fix them ({@code kb lint}). Works on plain strings; the caller reads the
 * documents.
 *
 * <p>Rules: a sentence over {@value #MAX_ZH_CHARS} characters (Chinese) or {@value #MAX_EN_WORDS}
 * words (English); more than {@value #MAX_NUMBERS} numbers in one sentence (a date, a time, a phone
 * number or an amount each count once); jargon from a small list, unless it is explained in
 * brackets right after it or passed in {@code explainedTerms}; abbreviations without their full
 * form in the same text (医保 without 医疗保险) and unexplained English all-caps acronyms; a
 * document that does not open with a short summary.
 *
 * <p>Thread-safe; the word lists are loaded once.
 */
public final class ReadabilityChecker {

  public static final int MAX_ZH_CHARS = 40;
  public static final int MAX_EN_WORDS = 25;
  public static final int MAX_NUMBERS = 2;
  /** The most sentences an opening summary should have. */
  public static final int MAX_SUMMARY_SENTENCES = 3;

  private static final Pattern NUMBER = Pattern.compile(
      "\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*[日号]?"   // a date
          + "|\\d{1,2}[:：]\\d{2}(?:\\s*[-~～至到]\\s*\\d{1,2}[:：]\\d{2})?"   // a time or time range
          + "|\\+?\\d+(?:[-\\s]\\d{3,4}){1,3}(?=\\D|$)"                       // a phone number in groups
          + "|\\d+(?:[,.]\\d+)*");                                            // any other number
  private static final Pattern URL = Pattern.compile("(?:https?://|www\\.)\\S+", Pattern.CASE_INSENSITIVE);
  private static final Pattern ACRONYM = Pattern.compile("(?<![A-Za-z])[A-Z]{2,6}s?(?![A-Za-z])");
  private static final Set<String> COMMON_ACRONYMS = Set.of("OK", "AM", "PM", "TV");
  private static final String SENTENCE_END = "。！？；!?;";
  private static final String OPEN_BRACKETS = "（(";
  private static final Pattern SUMMARY_HEADING = Pattern.compile(
      "摘要|概要|简介|要点|一句话|简要|概述|summary|in short|overview|key points|at a glance",
      Pattern.CASE_INSENSITIVE);

  private static final class Lists {
    static final Map<String, String> JARGON_ZH = load("jargon_zh.txt");
    static final Map<String, String> JARGON_EN = load("jargon_en.txt");
    static final Map<String, String> ABBREVIATIONS_ZH = load("abbreviations_zh.txt");
    static final Map<String, String> ABBREVIATIONS_EN = load("abbreviations_en.txt");
  }

  /** A part of a document under a heading. */
  public record Section(String heading, String text, int line) {}

  private final ResourceBundle messages;
  private final Locale messageLocale;

  /** Findings worded in Chinese. */
  public ReadabilityChecker() {
    this(Lang.ZH);
  }

  /** Findings worded in the given language. */
  public ReadabilityChecker(Lang messageLanguage) {
    this.messageLocale = messageLanguage.locale();
    this.messages = ResourceBundle.getBundle("org.linli.accessibility.readability.messages", messageLocale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The jargon list for a language, term to plain alternative (for docs and the synonym review). */
  public static Map<String, String> jargon(Lang lang) {
    return lang == Lang.ZH ? Lists.JARGON_ZH : Lists.JARGON_EN;
  }

  /** The known abbreviations for a language, abbreviation to full form. */
  public static Map<String, String> abbreviations(Lang lang) {
    return lang == Lang.ZH ? Lists.ABBREVIATIONS_ZH : Lists.ABBREVIATIONS_EN;
  }

  /**
   * Checks one passage.
   *
   * @param file the document name to report
   * @param line the line the passage starts on (1-based); findings carry the line of their sentence
   * @param text the passage, possibly several lines of Markdown
   * @param lang the passage's language
   * @param explainedTerms terms the knowledge base explains elsewhere (its synonym list), never flagged
   */
  public List<ReadabilityIssue> check(String file, int line, String text, Lang lang, Set<String> explainedTerms) {
    List<ReadabilityIssue> issues = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return issues;
    }
    Set<String> explained = explainedTerms == null ? Set.of() : explainedTerms;
    String plain = URL.matcher(text).replaceAll(m -> " ".repeat(m.group().length()));
    for (Sentence s : sentences(plain, line)) {
      int length = lang == Lang.ZH ? zhLength(s.text) : enWords(s.text);
      int limit = lang == Lang.ZH ? MAX_ZH_CHARS : MAX_EN_WORDS;
      if (length > limit) {
        issues.add(issue(file, s.line, Rule.SENTENCE_LENGTH,
            lang == Lang.ZH ? "sentence.length" : "sentence.words", length, limit));
      }
      int numbers = countNumbers(s.text);
      if (numbers > MAX_NUMBERS) {
        issues.add(issue(file, s.line, Rule.TOO_MANY_NUMBERS, "numbers", numbers, MAX_NUMBERS));
      }
    }
    jargon(file, line, plain, lang, explained, issues);
    abbreviations(file, line, plain, lang, explained, issues);
    issues.sort(java.util.Comparator.comparingInt(ReadabilityIssue::line)
        .thenComparing(ReadabilityIssue::rule)
        .thenComparing(ReadabilityIssue::message));
    return issues;
  }

  /** A finding when the caller found that the document's first section is not a summary. */
  public List<ReadabilityIssue> checkSummary(String file, boolean firstSectionIsSummary) {
    return firstSectionIsSummary
        ? List.of()
        : List.of(issue(file, 1, Rule.MISSING_SUMMARY, "summary.missing"));
  }

  /**
   * Checks a whole document given as sections: that it opens with a short summary (a first section
   * whose heading says so — 摘要, 要点, Summary, In short… — or, with no heading, of at most
   * {@value #MAX_SUMMARY_SENTENCES} sentences) and every section's text.
   */
  public List<ReadabilityIssue> checkSections(
      String file, List<Section> sections, Lang lang, Set<String> explainedTerms) {
    List<ReadabilityIssue> issues = new ArrayList<>();
    if (sections.isEmpty()) {
      issues.addAll(checkSummary(file, false));
      return issues;
    }
    Section first = sections.get(0);
    boolean headedSummary = first.heading() != null && SUMMARY_HEADING.matcher(first.heading()).find();
    int sentenceCount = sentences(first.text() == null ? "" : first.text(), first.line()).size();
    boolean untitledShort = (first.heading() == null || first.heading().isBlank())
        && sentenceCount >= 1 && sentenceCount <= MAX_SUMMARY_SENTENCES;
    if (!headedSummary && !untitledShort) {
      issues.addAll(checkSummary(file, false));
    } else if (sentenceCount > MAX_SUMMARY_SENTENCES) {
      issues.add(issue(file, first.line(), Rule.MISSING_SUMMARY, "summary.long", sentenceCount, MAX_SUMMARY_SENTENCES));
    }
    for (Section s : sections) {
      issues.addAll(check(file, s.line(), s.text(), lang, explainedTerms));
    }
    return issues;
  }

  // ---- rules ----

  private void jargon(String file, int line, String text, Lang lang, Set<String> explained,
      List<ReadabilityIssue> issues) {
    for (Map.Entry<String, String> e : jargon(lang).entrySet()) {
      String term = e.getKey();
      if (explained.contains(term)) {
        continue;
      }
      int at = find(text, term, lang);
      // Report the first unexplained use; one explained use makes the later ones fine.
      while (at >= 0) {
        if (explainedInBrackets(text, at + term.length()) || text.contains(e.getValue())) {
          break;
        }
        if (!insideLongerTerm(text, at, term, lang)) {
          issues.add(issue(file, lineAt(text, at, line), Rule.JARGON, "jargon", term, e.getValue()));
          break;
        }
        at = find(text, term, lang, at + term.length());
      }
    }
  }

  /** Skips a jargon hit that is part of a longer listed term (统筹 inside 统筹基金). */
  private static boolean insideLongerTerm(String text, int at, String term, Lang lang) {
    for (String other : jargon(lang).keySet()) {
      if (other.length() > term.length() && other.contains(term)) {
        int offset = other.indexOf(term);
        int start = at - offset;
        if (start >= 0 && text.startsWith(other, start)) {
          return true;
        }
      }
    }
    return false;
  }

  private void abbreviations(String file, int line, String text, Lang lang, Set<String> explained,
      List<ReadabilityIssue> issues) {
    Map<String, String> known = abbreviations(lang);
    Set<String> reported = new LinkedHashSet<>();
    // Longest first: 城乡居民医保 is reported as itself, not as 医保.
    List<String> keys = known.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList();
    Set<Integer> covered = new java.util.HashSet<>();
    for (String abbr : keys) {
      int at = find(text, abbr, lang);
      if (at < 0 || explained.contains(abbr)) {
        continue;
      }
      String full = known.get(abbr);
      if (text.contains(full) || explainedInBrackets(text, at + abbr.length()) || covered.contains(at)) {
        markCovered(text, abbr, covered);
        continue;
      }
      markCovered(text, abbr, covered);
      if (reported.add(abbr)) {
        issues.add(issue(file, lineAt(text, at, line), Rule.ABBREVIATION, "abbreviation", abbr, full));
      }
    }
    if (lang == Lang.EN || text.codePoints().anyMatch(c -> c >= 'A' && c <= 'Z')) {
      Matcher m = ACRONYM.matcher(text);
      while (m.find()) {
        String acronym = m.group().endsWith("s") ? m.group().substring(0, m.group().length() - 1) : m.group();
        if (COMMON_ACRONYMS.contains(acronym) || explained.contains(acronym) || reported.contains(acronym)
            || known.containsKey(acronym) && text.contains(known.get(acronym))
            || definedInBrackets(text, acronym) || explainedInBrackets(text, m.end())) {
          continue;
        }
        reported.add(acronym);
        issues.add(issue(file, lineAt(text, m.start(), line), Rule.ABBREVIATION, "acronym", acronym));
      }
    }
  }

  private static void markCovered(String text, String abbr, Set<Integer> covered) {
    for (int i = text.indexOf(abbr); i >= 0; i = text.indexOf(abbr, i + 1)) {
      for (int k = 0; k < abbr.length(); k++) {
        covered.add(i + k);
      }
    }
  }

  /** "… (ABC)" or "（ABC）" somewhere: the acronym was introduced after its full form. */
  private static boolean definedInBrackets(String text, String acronym) {
    return Pattern.compile("[（(]\\s*" + Pattern.quote(acronym) + "\\s*[)）]").matcher(text).find();
  }

  /** A bracket right after the term: 起付线（自己先付的钱）. */
  private static boolean explainedInBrackets(String text, int end) {
    int i = end;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i < text.length() && OPEN_BRACKETS.indexOf(text.charAt(i)) >= 0;
  }

  private static int find(String text, String term, Lang lang) {
    return find(text, term, lang, 0);
  }

  /** Chinese terms anywhere; English terms as whole words, ignoring case. */
  private static int find(String text, String term, Lang lang, int from) {
    if (lang == Lang.ZH || !Character.isLetter(term.charAt(0))) {
      return text.indexOf(term, from);
    }
    Matcher m = Pattern.compile("(?<![A-Za-z])" + Pattern.quote(term) + "(?![A-Za-z])",
        Character.isUpperCase(term.charAt(0)) && term.equals(term.toUpperCase(Locale.ROOT))
            ? 0 : Pattern.CASE_INSENSITIVE).matcher(text);
    return m.find(from) ? m.start() : -1;
  }

  // ---- sentences ----

  private record Sentence(String text, int line) {}

  /**
   * Sentences with the line each starts on. A sentence ends at 。！？；!?; or at a full stop followed
   * by a space or line end, and also at a blank line, a heading, a list item or a table row, so
   * that Markdown structure is never run together into one long "sentence".
   */
  private static List<Sentence> sentences(String text, int firstLine) {
    List<Sentence> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int currentLine = firstLine;
    int lineNo = firstLine;
    String[] lines = text.split("\n", -1);
    for (String raw : lines) {
      String l = raw.strip();
      boolean structural = l.isEmpty() || l.startsWith("#") || l.startsWith("|") || l.startsWith("- ")
          || l.startsWith("* ") || l.matches("^\\d+[.)、]\\s.*") || l.startsWith("```");
      if (structural) {
        flush(current, currentLine, out);
      }
      if (l.startsWith("|") || l.startsWith("```")) {
        lineNo++;
        continue; // table rows and code fences are not prose
      }
      l = l.replaceFirst("^(#+|[-*]|\\d+[.)、])\\s*", "");
      for (int i = 0; i < l.length(); i++) {
        if (current.isEmpty()) {
          if (Character.isWhitespace(l.charAt(i))) {
            continue;
          }
          currentLine = lineNo;
        }
        char c = l.charAt(i);
        current.append(c);
        boolean end = SENTENCE_END.indexOf(c) >= 0
            || (c == '.' && (i + 1 == l.length() || Character.isWhitespace(l.charAt(i + 1))));
        if (end) {
          flush(current, currentLine, out);
        }
      }
      if (!current.isEmpty()) {
        // A line break inside a paragraph joins Latin words with a space and Chinese without.
        if (current.charAt(current.length() - 1) < 0x2E80) {
          current.append(' ');
        }
      }
      if (l.startsWith("#") || raw.strip().startsWith("#")) {
        flush(current, currentLine, out);
      }
      lineNo++;
    }
    flush(current, currentLine, out);
    return out;
  }

  private static void flush(StringBuilder current, int line, List<Sentence> out) {
    String s = current.toString().strip();
    if (!s.isEmpty()) {
      out.add(new Sentence(s, line));
    }
    current.setLength(0);
  }

  private static int zhLength(String s) {
    return (int) s.codePoints().filter(Character::isLetterOrDigit).count();
  }

  private static int enWords(String s) {
    return (int) Pattern.compile("[A-Za-z0-9]+(?:['’\\-.,][A-Za-z0-9]+)*").matcher(s).results().count();
  }

  private static int countNumbers(String s) {
    return (int) NUMBER.matcher(s).results().count();
  }

  private static int lineAt(String text, int index, int firstLine) {
    int line = firstLine;
    for (int i = 0; i < index && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private ReadabilityIssue issue(String file, int line, Rule rule, String key, Object... args) {
    String pattern = messages.getString(key);
    String message = args.length == 0 ? pattern : new MessageFormat(pattern, messageLocale).format(args);
    return new ReadabilityIssue(file, line, rule, message);
  }

  private static Map<String, String> load(String name) {
    Map<String, String> map = new LinkedHashMap<>();
    try (InputStream in = ReadabilityChecker.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        l = l.strip();
        int eq = l.indexOf('=');
        if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
          continue;
        }
        map.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
