package org.linli.knowledge;

import java.util.List;

/**
 * Ranked passages for one question.
 *
 * @param confidence calibrated confidence in 0..1 that the top passage answers the question
 * @param answerable true only when the top passage is confidently right; otherwise the caller
 *     should ask or offer a person rather than answer
 */
public record SearchResult(
    String question, Lang lang, List<PassageHit> hits, double confidence, boolean answerable) {
  public SearchResult {
    hits = List.copyOf(hits);
  }

  public static SearchResult empty(String question, Lang lang) {
    return new SearchResult(question, lang, List.of(), 0.0, false);
  }

  /** The top hit, if any. */
  public java.util.Optional<PassageHit> best() {
    return hits.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(hits.getFirst());
  }
}
