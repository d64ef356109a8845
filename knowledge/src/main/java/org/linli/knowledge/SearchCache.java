package org.linli.knowledge;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The latest search results of one index generation, least recently used dropped first. At a
 * peak (a water outage) thousands of residents ask the same few questions within minutes; each
 * repeat is then a map look-up instead of analysis, scoring and snippets.
 *
 * <p>Lives inside its {@link PassageIndex}, so a reload starts empty and never serves results of
 * the documents it replaced. The key holds everything a result depends on besides the index:
 * {@code today} decides what is expired or not yet effective. Results are immutable ({@link
 * SearchResult} copies its hits into an unmodifiable list; hits are records of immutable values),
 * so one instance is safely handed to every caller. Thread-safe.
 */
final class SearchCache {

  /** Hits and misses of the caches of every generation of one knowledge base. */
  static final class Counters {
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
  }

  record Key(String searchText, Lang lang, int maxHits, boolean distinctDocuments, LocalDate today) {}

  private final int capacity;
  private final Counters counters;
  private final Map<Key, SearchResult> results;

  SearchCache(int capacity, Counters counters) {
    if (capacity < 0) {
      throw new IllegalArgumentException("search cache size must be at least 0, not " + capacity);
    }
    this.capacity = capacity;
    this.counters = counters;
    this.results =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, SearchResult> eldest) {
            return size() > capacity;
          }
        };
  }

  boolean enabled() {
    return capacity > 0;
  }

  /** The cached result, or null (counted as a miss: the caller computes and {@link #put}s it). */
  SearchResult get(Key key) {
    if (!enabled()) {
      return null;
    }
    SearchResult r;
    synchronized (results) {
      r = results.get(key);
    }
    (r == null ? counters.misses : counters.hits).increment();
    return r;
  }

  void put(Key key, SearchResult result) {
    if (enabled()) {
      synchronized (results) {
        results.put(key, result);
      }
    }
  }

  int size() {
    synchronized (results) {
      return results.size();
    }
  }
}
