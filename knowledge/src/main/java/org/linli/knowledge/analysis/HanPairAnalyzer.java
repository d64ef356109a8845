package org.linli.knowledge.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;

/**
 * The fallback fields: pairs of adjacent Han characters, or of their pinyin, after the filler
 * words are removed. See {@link HanPairFilter}.
 */
public final class HanPairAnalyzer extends Analyzer {

  private final CharArraySet stopWords;
  private final HanPairFilter.Keying keying;

  public HanPairAnalyzer(CharArraySet stopWords, HanPairFilter.Keying keying) {
    this.stopWords = stopWords;
    this.keying = keying;
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new ResidentCharFilter(reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    // Segmenting first only serves to drop filler words (怎么, 请问) before pairing characters.
    MemoizingSegmenter tokenizer = new MemoizingSegmenter();
    TokenStream stream = new StopFilter(tokenizer, stopWords);
    stream = new HanPairFilter(stream, keying);
    return new TokenStreamComponents(tokenizer, stream);
  }
}
