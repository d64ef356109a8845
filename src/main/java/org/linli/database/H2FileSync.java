package org.linli.database;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces the embedded H2 database's file to the disk at a fixed interval, from a thread of its own.
 *
 * <p>H2 hands its writes to the operating system and forces the file only when it makes it
 * smaller (after its background compaction frees the file's end) or when it closes. Between those
 * the kernel may hold a gigabyte of the file's pages in memory (at 500 turns a second the file
 * takes about 30 MB a second), and H2's own force then writes all of them while it holds the lock
 * every commit needs: turns stalled for a second and more (docs/performance.md, session 10). This
 * force runs outside H2's locks ({@link MVStore#sync()} takes none) and leaves H2's little to
 * write. It also bounds what a power cut can take to about the interval: the group commit makes
 * a commit survive the process being killed, not the machine losing power.
 */
final class H2FileSync implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(H2FileSync.class);

  private final Supplier<MVStore> store;
  private final ScheduledExecutorService thread;
  private final AtomicLong rounds = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong syncNanos = new AtomicLong();
  private volatile String lastFailure;

  /**
   * Forces, every {@code interval}, the file of the store {@code store} names at that moment (null:
   * none yet, or not an embedded H2 database; a store without a file, in memory, is skipped).
   * Starts no thread when the interval is zero.
   */
  H2FileSync(Supplier<MVStore> store, Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("the interval must be zero (off) or positive: " + interval);
    }
    this.store = store;
    if (interval.isZero()) {
      this.thread = null;
      return;
    }
    var executor = new ScheduledThreadPoolExecutor(
        1, Thread.ofPlatform().name("h2-file-sync").daemon(true).factory());
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.thread = executor;
    long millis = Math.max(1, interval.toMillis());
    thread.scheduleWithFixedDelay(this::syncOnce, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Whether it runs (a non-zero interval). */
  boolean active() {
    return thread != null;
  }

  /** Rounds run so far, whether or not there was a file to force. */
  long rounds() {
    return rounds.get();
  }

  /** Forces made so far. */
  long syncs() {
    return syncs.get();
  }

  /** Time spent forcing the file so far, in seconds. */
  double syncSeconds() {
    return syncNanos.get() / 1e9;
  }

  private void syncOnce() {
    rounds.incrementAndGet();
    MVStore target = store.get();
    try {
      if (target == null || target.isClosed() || target.getFileStore() == null
          || target.getFileStore().isReadOnly()) {
        return;
      }
      long start = System.nanoTime();
      target.sync();
      syncNanos.addAndGet(System.nanoTime() - start);
      syncs.incrementAndGet();
      if (lastFailure != null) {
        log.info("event=db_file_sync_recovered");
        lastFailure = null;
      }
    } catch (RuntimeException e) {
      if (target != null && target.isClosed()) {
        // closed between the check and the force (shutdown): the next round looks it up again
        return;
      }
      String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (!failure.equals(lastFailure)) {
        // once per kind of failure, not once a second
        log.error("event=db_file_sync_failed error=\"{}\"", failure, e);
        lastFailure = failure;
      }
    }
  }

  /** Stops forcing; a force under way is waited for (the store is closed after this). */
  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("event=db_file_sync_still_running_at_close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
