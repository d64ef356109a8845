package org.linli.knowledge.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The analyzers of the knowledge base, built once per JVM: the dictionaries and word lists behind
 * them are large and immutable, and Lucene analyzers are thread-safe.
 *
 * <p>Word lists are resources next to this class and can be edited without touching code:
 * {@code synonyms-zh.txt}, {@code synonyms-en.txt} (Solr synonym format), {@code stopwords-zh.txt}
 * and {@code stopwords-en.txt} (question filler words).
 */
public final class LinliAnalyzers {

  private LinliAnalyzers() {}

  private static final class Holder {
    static final CharArraySet ZH_STOP = WordLists.words("stopwords-zh.txt");
    static final CharArraySet EN_STOP = englishStopWords();
    static final Analyzer CHINESE_INDEX = new ChineseWordAnalyzer(ZH_STOP, null);
    static final Analyzer ENGLISH_INDEX = new EnglishWordAnalyzer(EN_STOP, null);
    static final Analyzer CHINESE_QUERY =
        new ChineseWordAnalyzer(ZH_STOP, chineseSynonyms(ZH_STOP));
    static final Analyzer ENGLISH_QUERY =
        new EnglishWordAnalyzer(EN_STOP, englishSynonyms(EN_STOP));
    static final Analyzer CHARACTER_PAIRS =
        new HanPairAnalyzer(ZH_STOP, HanPairFilter.Keying.CHARACTER);
    static final Analyzer PINYIN_PAIRS = new HanPairAnalyzer(ZH_STOP, HanPairFilter.Keying.PINYIN);

    private static CharArraySet englishStopWords() {
      CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
      set.addAll(WordLists.words("stopwords-en.txt"));
      return CharArraySet.unmodifiableSet(set);
    }

    private static SynonymMap chineseSynonyms(CharArraySet stop) {
      try (Analyzer entries = ChineseWordAnalyzer.forSynonymEntries(stop)) {
        return WordLists.synonyms("synonyms-zh.txt", entries);
      }
    }

    private static SynonymMap englishSynonyms(CharArraySet stop) {
      try (Analyzer entries = EnglishWordAnalyzer.forSynonymEntries(stop)) {
        return WordLists.synonyms("synonyms-en.txt", entries);
      }
    }
  }

  /** Chinese words for documents (no synonyms). */
  public static Analyzer chineseIndex() {
    return Holder.CHINESE_INDEX;
  }

  /** Chinese words for questions, with the domain synonyms as a graph. */
  public static Analyzer chineseQuery() {
    return Holder.CHINESE_QUERY;
  }

  /** English words for documents (no synonyms). */
  public static Analyzer englishIndex() {
    return Holder.ENGLISH_INDEX;
  }

  /** English words for questions, with the domain synonyms as a graph. */
  public static Analyzer englishQuery() {
    return Holder.ENGLISH_QUERY;
  }

  /** Pairs of adjacent Han characters: the typo and unknown-word fallback. */
  public static Analyzer characterPairs() {
    return Holder.CHARACTER_PAIRS;
  }

  /** Pairs of adjacent pinyin syllables: the homophone fallback. */
  public static Analyzer pinyinPairs() {
    return Holder.PINYIN_PAIRS;
  }
}
