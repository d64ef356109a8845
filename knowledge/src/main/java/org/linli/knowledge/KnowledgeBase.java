package org.linli.knowledge;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.linli.knowledge.analysis.ResidentText;

/**
 * The searchable knowledge base: policy documents in an in-memory Lucene index, searched per
 * passage with a calibrated confidence.
 *
 * <p>Thread-safe. {@link #replace} builds a new index beside the current one and swaps it in
 * atomically: queries already running finish on the old index, which is closed when the last of
 * them is done, so a reload never fails a query.
 *
 * <p>Expired documents (by the clock given to {@link #build}, checked at query time) are never
 * returned; documents not yet in force are returned with {@link PassageHit#notYetEffective()}.
 */
public final class KnowledgeBase implements AutoCloseable {

  /** Passages returned by {@link #search(String)}. */
  public static final int DEFAULT_MAX_HITS = 5;

  /** Results kept per index generation by {@link #build(LoadedDocuments, Clock)}. */
  public static final int DEFAULT_SEARCH_CACHE_SIZE = 1024;

  /** A question at least this Han (by share of letters) is searched as Chinese. */
  private static final double CHINESE_HAN_SHARE = 0.3;

  private final Clock clock;
  private final int searchCacheSize;
  private final SearchCache.Counters cacheCounters = new SearchCache.Counters();
  private final AtomicReference<PassageIndex> current;
  private volatile boolean closed;

  private KnowledgeBase(LoadedDocuments docs, Clock clock, int searchCacheSize) {
    this.clock = clock;
    this.searchCacheSize = searchCacheSize;
    this.current = new AtomicReference<>(index(docs));
  }

  /**
   * Indexes {@code docs} with a cache of {@link #DEFAULT_SEARCH_CACHE_SIZE} results; the problems
   * of the load are kept for {@link #problems()}.
   */
  public static KnowledgeBase build(LoadedDocuments docs, Clock clock) {
    return build(docs, clock, DEFAULT_SEARCH_CACHE_SIZE);
  }

  /**
   * Like {@link #build(LoadedDocuments, Clock)} with a cache of {@code searchCacheSize} search
   * results per index generation, least recently used dropped first (0 turns it off). A cached
   * result equals the one a search would compute; a reload starts an empty cache.
   */
  public static KnowledgeBase build(LoadedDocuments docs, Clock clock, int searchCacheSize) {
    Objects.requireNonNull(docs, "docs");
    Objects.requireNonNull(clock, "clock");
    if (searchCacheSize < 0) {
      throw new IllegalArgumentException("search cache size must be at least 0, not " + searchCacheSize);
    }
    return new KnowledgeBase(docs, clock, searchCacheSize);
  }

  private PassageIndex index(LoadedDocuments docs) {
    return PassageIndex.build(
        docs, LocalDate.now(clock), new SearchCache(searchCacheSize, cacheCounters));
  }

  /** Hits and misses of the search result cache, and its current size. */
  public SearchCacheStats searchCacheStats() {
    return new SearchCacheStats(
        cacheCounters.hits.sum(),
        cacheCounters.misses.sum(),
        current.get().cachedResults(),
        searchCacheSize);
  }

  /** Searches in the question's language (Chinese when it is mostly Han characters, else English). */
  public SearchResult search(String question) {
    return search(question, languageOf(question), DEFAULT_MAX_HITS);
  }

  /** The language {@link #search(String)} would use for {@code question}. */
  public static Lang languageOf(String question) {
    String q = question == null ? "" : question;
    boolean hasLetters = q.codePoints().anyMatch(Character::isLetter);
    return !hasLetters || ResidentText.hanShare(q) >= CHINESE_HAN_SHARE ? Lang.ZH : Lang.EN;
  }

  /**
   * Searches documents of language {@code lang}.
   *
   * @param maxHits the number of passages to return, best first (several may come from the same
   *     document)
   */
  public SearchResult search(String question, Lang lang, int maxHits) {
    return search(question, lang, maxHits, false);
  }

  /**
   * Like {@link #search(String, Lang, int)} but with at most one passage (the best) per document:
   * the ranked list of documents, for showing alternatives or evaluating.
   */
  public SearchResult searchDocuments(String question, Lang lang, int maxDocuments) {
    return search(question, lang, maxDocuments, true);
  }

  private SearchResult search(String question, Lang lang, int maxHits, boolean distinct) {
    Objects.requireNonNull(lang, "lang");
    String q = question == null ? "" : question.strip();
    if (q.isEmpty()) {
      return SearchResult.empty(q, lang);
    }
    LocalDate today = LocalDate.now(clock);
    PassageIndex index = acquire();
    try {
      return index.search(q, ResidentText.forSearch(q), lang, maxHits, distinct, today);
    } finally {
      index.release();
    }
  }

  /** For fitting the confidence: the top document and the features behind its confidence. */
  PassageIndex.Explained explain(String question, Lang lang) {
    PassageIndex index = acquire();
    try {
      return index.explain(ResidentText.forSearch(question), lang, LocalDate.now(clock));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      index.release();
    }
  }

  /** Builds an index of {@code docs} and swaps it in; the old one closes when its queries finish. */
  public void replace(LoadedDocuments docs) {
    Objects.requireNonNull(docs, "docs");
    if (closed) {
      throw new IllegalStateException("knowledge base is closed");
    }
    PassageIndex next = index(docs);
    PassageIndex previous = current.getAndSet(next);
    previous.close();
  }

  /** Every document of the current load, including expired ones (check {@link PolicyDocument#expiredOn}). */
  public List<PolicyDocument> documents() {
    return current.get().documents();
  }

  /** The documents of the current load that were left out, with file and line. */
  public List<DocumentProblem> problems() {
    return current.get().problems();
  }

  /** A document of the current load by id, expired or not. */
  public Optional<PolicyDocument> document(String id) {
    return Optional.ofNullable(current.get().document(id));
  }

  /** The clock that decides what is expired or not yet effective. */
  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      current.get().close();
    }
  }

  private PassageIndex acquire() {
    // A swap can close the generation between get() and tryAcquire(); then the new one is there.
    while (true) {
      if (closed) {
        throw new IllegalStateException("knowledge base is closed");
      }
      PassageIndex index = current.get();
      if (index.tryAcquire()) {
        return index;
      }
      Thread.onSpinWait();
    }
  }
}
