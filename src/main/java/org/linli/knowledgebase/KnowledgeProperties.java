package org.linli.knowledgebase;

import java.time.Duration;
import org.linli.knowledge.KnowledgeBase;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the policy documents come from.
 *
 * @param dir a folder of policy documents (env {@code LINLI_KNOWLEDGE_DIR}); empty means the demo
 *     knowledge base bundled with the application. With {@code store=database} it only seeds an
 *     empty database.
 * @param watch reload when files in {@code dir} change ({@code store=files} only)
 * @param store {@code files} (the folder or the bundled demo is the source; one node, or nodes
 *     sharing one folder) or {@code database} (the documents are rows in the shared database,
 *     changed through the administrators' API, and every node rebuilds its own index when they
 *     change: the production setting for several nodes)
 * @param syncInterval with {@code store=database}, how often a node checks whether the documents
 *     changed
 * @param searchCacheSize search results a node keeps per index generation, least recently used
 *     dropped first (default 1024; 0 turns the cache off): at a peak many residents ask the same
 *     few questions. A reload starts an empty cache.
 */
@ConfigurationProperties("linli.knowledge")
public record KnowledgeProperties(
    String dir, boolean watch, String store, Duration syncInterval, Integer searchCacheSize) {

  public static final String FILES = "files";
  public static final String DATABASE = "database";

  public KnowledgeProperties {
    store = store == null || store.isBlank() ? FILES : store.strip().toLowerCase(java.util.Locale.ROOT);
    if (!FILES.equals(store) && !DATABASE.equals(store)) {
      throw new IllegalArgumentException(
          "linli.knowledge.store must be files or database, not " + store);
    }
    syncInterval = syncInterval == null ? Duration.ofSeconds(5) : syncInterval;
    if (syncInterval.isNegative() || syncInterval.isZero()) {
      throw new IllegalArgumentException("linli.knowledge.sync-interval must be positive");
    }
    searchCacheSize = searchCacheSize == null ? KnowledgeBase.DEFAULT_SEARCH_CACHE_SIZE : searchCacheSize;
    if (searchCacheSize < 0) {
      throw new IllegalArgumentException(
          "linli.knowledge.search-cache-size must be at least 0 (0 turns the cache off)");
    }
  }

  boolean inDatabase() {
    return DATABASE.equals(store);
  }
}
