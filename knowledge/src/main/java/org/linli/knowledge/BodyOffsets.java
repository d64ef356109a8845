package org.linli.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Where each term of one passage body field occurs in the passage text: what snippets are marked
 * from. Computed once when the index is built, with the field's index analyzer, so that it holds
 * exactly the terms and offsets term vectors would; reading it costs a binary search per question
 * term, where term vectors cost decompressing a block per hit.
 *
 * <p>Compact on purpose (a few hundred bytes per passage): the terms sorted in one array, their
 * occurrences as start/end pairs in one {@code int[]}.
 */
final class BodyOffsets {

  private static final BodyOffsets EMPTY = new BodyOffsets(new String[0], new int[] {0}, new int[0]);

  private final String[] terms;
  // Occurrences of terms[i] are offsets[2*first[i] .. 2*first[i+1]) as start, end pairs.
  private final int[] first;
  private final int[] offsets;

  private BodyOffsets(String[] terms, int[] first, int[] offsets) {
    this.terms = terms;
    this.first = first;
    this.offsets = offsets;
  }

  /**
   * Analyses {@code body} as the index does and keeps the occurrences that fall within the passage
   * text, shifted onto it.
   *
   * @param shift where the passage text starts in {@code body} (after the heading line)
   * @param textLength the length of the passage text
   * @param shared one string per distinct term across the whole index, to keep duplicates out
   */
  static BodyOffsets of(
      Analyzer analyzer, String field, String body, int shift, int textLength, Map<String, String> shared) {
    Map<String, int[]> byTerm = new HashMap<>();
    int occurrences = 0;
    try (TokenStream ts = analyzer.tokenStream(field, body)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        int start = offset.startOffset() - shift;
        int end = offset.endOffset() - shift;
        if (start < 0 || end > textLength) {
          continue; // in the heading: snippets show the text only
        }
        // [count, start0, end0, start1, end1, ...], grown as needed
        int[] list = byTerm.computeIfAbsent(term.toString(), t -> new int[5]);
        int n = list[0];
        if (2 * n + 2 >= list.length) {
          list = Arrays.copyOf(list, list.length * 2 + 1);
          byTerm.put(term.toString(), list);
        }
        list[2 * n + 1] = start;
        list[2 * n + 2] = end;
        list[0] = n + 1;
        occurrences++;
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory text: cannot happen
    }
    if (byTerm.isEmpty()) {
      return EMPTY;
    }
    String[] terms = byTerm.keySet().toArray(String[]::new);
    Arrays.sort(terms);
    int[] first = new int[terms.length + 1];
    int[] offsets = new int[2 * occurrences];
    int at = 0;
    for (int i = 0; i < terms.length; i++) {
      int[] list = byTerm.get(terms[i]);
      first[i] = at;
      System.arraycopy(list, 1, offsets, 2 * at, 2 * list[0]);
      at += list[0];
      terms[i] = shared.computeIfAbsent(terms[i], t -> t);
    }
    first[terms.length] = at;
    return new BodyOffsets(terms, first, offsets);
  }

  /** Adds the spans of {@code term}'s occurrences, in the order the analyzer produced them. */
  void addSpans(String term, List<Snippets.Span> out) {
    int i = Arrays.binarySearch(terms, term);
    if (i < 0) {
      return;
    }
    for (int k = first[i]; k < first[i + 1]; k++) {
      out.add(new Snippets.Span(offsets[2 * k], offsets[2 * k + 1]));
    }
  }
}
