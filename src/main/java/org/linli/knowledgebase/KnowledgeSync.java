package org.linli.knowledgebase;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.linli.knowledge.DocumentLoader;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.LoadedDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's index in step with the documents in the database ({@code
 * linli.knowledge.store=database}): every few seconds it reads the one-row version, and when it
 * moved (a change made through any node) it reads the documents and swaps a new index in, without
 * failing queries in flight. Polling one row costs nothing, needs no shared folder, and misses
 * nothing a notification could miss while a node was restarting or cut off.
 */
class KnowledgeSync implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeSync.class);

  private final KnowledgeBase knowledgeBase;
  private final KnowledgeStore store;
  private final AtomicLong applied;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("linli-kb-sync").daemon().factory());

  KnowledgeSync(KnowledgeBase knowledgeBase, KnowledgeStore store, long appliedVersion) {
    this.knowledgeBase = knowledgeBase;
    this.store = store;
    this.applied = new AtomicLong(appliedVersion);
  }

  KnowledgeSync start(Duration interval) {
    long ms = Math.max(50, interval.toMillis());
    scheduler.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The version of the documents this node serves. */
  long appliedVersion() {
    return applied.get();
  }

  /** Rebuilds the index now if the documents changed since it was built; true if it did. */
  synchronized boolean syncNow() {
    if (store.version() == applied.get()) {
      return false;
    }
    KnowledgeStore.Snapshot snapshot = store.snapshot();
    LoadedDocuments docs = DocumentLoader.load(snapshot.files());
    knowledgeBase.replace(docs);
    long before = applied.getAndSet(snapshot.version());
    docs.problems().forEach(p -> log.warn("event=kb_document_rejected problem=\"{}\"", p));
    log.info(
        "event=kb_synced from_version={} version={} documents={} rejected={}",
        before,
        snapshot.version(),
        docs.documents().size(),
        docs.problems().size());
    return true;
  }

  private void poll() {
    try {
      syncNow();
    } catch (RuntimeException e) {
      // the database may be away for a moment: the current index keeps serving, the next poll tries
      log.warn("event=kb_sync_failed error={}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
