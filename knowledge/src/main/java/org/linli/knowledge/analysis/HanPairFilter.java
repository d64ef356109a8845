package org.linli.knowledge.analysis;

import java.io.IOException;
import java.util.ArrayDeque;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Turns segmented words into pairs of adjacent Han characters, keyed either by the characters
 * themselves or by their pinyin. Pairs cross word boundaries when the words touch in the text,
 * so a wrong segmentation (common with typos and misheard words) still yields the right pairs;
 * words removed by a stop filter leave a gap that no pair crosses.
 *
 * <p>Character pairs catch typos and words the segmenter does not know (医保 falls apart into 医 and
 * 保); pinyin pairs catch homophones from speech recognition (高灵 = gao lin = 高龄).
 */
public final class HanPairFilter extends TokenFilter {

  /** What a character contributes to a pair. */
  public enum Keying {
    CHARACTER,
    PINYIN
  }

  private record Pair(String text, int start, int end) {}

  private final Keying keying;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final ArrayDeque<Pair> pending = new ArrayDeque<>();
  private String lastKey;
  private int lastStart;
  private int lastEnd = -1;

  public HanPairFilter(TokenStream input, Keying keying) {
    super(input);
    this.keying = keying;
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (pending.isEmpty()) {
      if (!input.incrementToken()) {
        return false;
      }
      collectPairs();
    }
    Pair pair = pending.poll();
    clearAttributes();
    term.setEmpty().append(pair.text);
    offset.setOffset(pair.start, pair.end);
    return true;
  }

  private void collectPairs() {
    int start = offset.startOffset();
    int end = offset.endOffset();
    // Offsets per character are exact only when the token is as long as its span in the text.
    boolean exact = end - start == term.length();
    for (int i = 0; i < term.length(); i++) {
      String key = key(term.charAt(i));
      int charStart = exact ? start + i : start;
      int charEnd = exact ? charStart + 1 : end;
      if (key == null) {
        lastKey = null;
        continue;
      }
      if (lastKey != null && lastEnd == charStart) {
        String text = keying == Keying.PINYIN ? lastKey + "_" + key : lastKey + key;
        pending.add(new Pair(text, lastStart, charEnd));
      }
      lastKey = key;
      lastStart = charStart;
      lastEnd = charEnd;
    }
  }

  private String key(char c) {
    if (keying == Keying.PINYIN) {
      return Pinyin.of(c);
    }
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? String.valueOf(c) : null;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending.clear();
    lastKey = null;
    lastEnd = -1;
  }
}
