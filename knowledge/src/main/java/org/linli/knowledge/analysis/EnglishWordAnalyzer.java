package org.linli.knowledge.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * English documents and questions: the pipeline of Lucene's EnglishAnalyzer with question filler
 * words as extra stop words and, for questions, the English domain synonyms before stemming.
 */
public final class EnglishWordAnalyzer extends Analyzer {

  private final CharArraySet stopWords;
  private final SynonymMap synonyms;
  private final boolean stem;

  /** @param synonyms applied at query time only; null on the index side */
  public EnglishWordAnalyzer(CharArraySet stopWords, SynonymMap synonyms) {
    this(stopWords, synonyms, true);
  }

  private EnglishWordAnalyzer(CharArraySet stopWords, SynonymMap synonyms, boolean stem) {
    this.stopWords = stopWords;
    this.synonyms = synonyms;
    this.stem = stem;
  }

  /** The pipeline up to the synonym stage: synonym entries must look like the tokens they meet. */
  static EnglishWordAnalyzer forSynonymEntries(CharArraySet stopWords) {
    return new EnglishWordAnalyzer(stopWords, null, false);
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new ResidentCharFilter(reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer tokenizer = new StandardTokenizer();
    TokenStream stream = new EnglishPossessiveFilter(tokenizer);
    stream = new LowerCaseFilter(stream);
    stream = new StopFilter(stream, stopWords);
    if (synonyms != null) {
      // Before stemming, so that the list is written in plain words.
      stream = new SynonymGraphFilter(stream, synonyms, true);
    }
    if (stem) {
      stream = new PorterStemFilter(stream);
    }
    return new TokenStreamComponents(tokenizer, stream);
  }
}
