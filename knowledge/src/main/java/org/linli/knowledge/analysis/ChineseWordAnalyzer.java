package org.linli.knowledge.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * Chinese words as residents and documents write them: normalised, segmented by SmartChineseAnalyzer's
 * HMM tokenizer, filler words of spoken questions removed, and (for questions) expanded with the
 * domain synonyms.
 */
public final class ChineseWordAnalyzer extends Analyzer {

  private final CharArraySet stopWords;
  private final SynonymMap synonyms;
  private final boolean stem;

  /**
   * @param synonyms applied at query time only; null for the index side, where a multi-word
   *     synonym graph would need flattening and would blur the documents' own wording
   */
  public ChineseWordAnalyzer(CharArraySet stopWords, SynonymMap synonyms) {
    this(stopWords, synonyms, true);
  }

  private ChineseWordAnalyzer(CharArraySet stopWords, SynonymMap synonyms, boolean stem) {
    this.stopWords = stopWords;
    this.synonyms = synonyms;
    this.stem = stem;
  }

  /** The pipeline up to the synonym stage: synonym entries must look like the tokens they meet. */
  static ChineseWordAnalyzer forSynonymEntries(CharArraySet stopWords) {
    return new ChineseWordAnalyzer(stopWords, null, false);
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new ResidentCharFilter(reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    // LowerCaseFilter is not needed: the tokenizer lower-cases Basic Latin itself.
    MemoizingSegmenter tokenizer = new MemoizingSegmenter();
    TokenStream stream = new StopFilter(tokenizer, stopWords);
    if (synonyms != null) {
      stream = new SynonymGraphFilter(stream, synonyms, true);
    }
    // Latin words inside Chinese text (WiFi, app, ID) are stemmed as the English field does.
    if (stem) {
      stream = new PorterStemFilter(stream);
    }
    return new TokenStreamComponents(tokenizer, stream);
  }
}
