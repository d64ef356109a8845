package org.linli.knowledge.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Text as residents write or speak it, made comparable: the normalisation and segmentation shared
 * by the knowledge base and the dialogue core, so that both see the same words.
 *
 * <p>Thread-safe: the ICU transliteration behind {@link #normalize} is cached per character in a
 * table shared by all threads (see {@code CharFolding}).
 */
public final class ResidentText {

  private static final class Holder {
    // SmartChineseAnalyzer loads a large dictionary: once per JVM.
    static final Analyzer SEGMENTER = new SmartChineseAnalyzer(false);
  }

  private ResidentText() {}

  /**
   * Traditional to simplified Chinese, full-width to half-width, lower-case Latin, whitespace
   * collapsed. Never returns null.
   */
  public static String normalize(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    // Traditional -> simplified, full-width ASCII (ＡＢＣ１２３) -> half-width, character by character.
    String s = CharFolding.fold(text);
    // The ideographic space and other separators become one plain space.
    s = s.replace('\u3000', ' ').replaceAll("\\s+", " ").trim();
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * Traditional to simplified and full-width to half-width only, one character for one, so that
   * offsets in the result are offsets in {@code text}.
   */
  public static String fold(String text) {
    return text == null ? "" : CharFolding.fold(text);
  }

  /**
   * A question made ready for search: {@link #fold folded}, and spoken Chinese numerals turned
   * into digits (八十五岁 -> 85岁) as documents write them.
   */
  public static String forSearch(String question) {
    return question == null ? "" : SpokenNumbers.toDigits(CharFolding.fold(question));
  }

  /** Share of Han characters among letters: a robust zh/en signal even for two-character texts. */
  public static double hanShare(String text) {
    if (text == null) {
      return 0;
    }
    int han = 0;
    int letters = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
        han++;
        letters++;
      } else if (Character.isLetter(cp)) {
        letters++;
      }
    }
    return letters == 0 ? 0 : (double) han / letters;
  }

  /**
   * Words of a normalised text as SmartChineseAnalyzer segments them (Latin words lower-cased and
   * Porter-stemmed by that analyzer; punctuation dropped).
   */
  public static List<String> segment(String text) {
    List<String> words = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return words;
    }
    try (TokenStream ts = Holder.SEGMENTER.tokenStream("text", normalize(text))) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        words.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }
}
