package org.linli.knowledge;

/**
 * The search result cache of a knowledge base: hits and misses since it was built (over every
 * reload; monotonic, for a metrics counter), and the entries and capacity of the current
 * generation's cache.
 *
 * @param capacity the configured size; 0 when the cache is off (then nothing is counted)
 */
public record SearchCacheStats(long hits, long misses, int size, int capacity) {}
