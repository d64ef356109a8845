package org.linli.database;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes committed changes durable with one write for many commits (group commit).
 *
 * <p>A caller that has just committed asks {@link #awaitDurable} to return only once a flush that
 * <em>started after</em> its commit has finished: a flush already running may have collected the
 * changes before the commit and does not count. Whoever finds no flush running does the next one
 * for everybody waiting at that moment, so under load one flush covers the commits of all turns
 * that finished during the previous one, instead of one file write per commit.
 *
 * <p>A transaction that wrote nothing needs no write of its own, but what it read must be durable
 * before its caller acts on it (a duplicate delivery answered from a row that a crash would take
 * back would be an acknowledged message lost). Writing transactions announce their commit before
 * it becomes visible ({@link #committing}); a reader ({@link #awaitSeen}) waits for the flush the
 * announced ones need, and returns at once when none is pending.
 *
 * <p>A flush that fails counts for nobody: the caller that ran it gets the exception and the next
 * waiter runs a new flush (which fails again if the store is broken), so no caller returns as if its
 * commit were on disk when it is not.
 */
final class GroupCommit {

  /** Writes every change committed so far to the file. */
  interface Flush {
    void run();
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition finishedOne = lock.newCondition();
  private long started;
  private long finished;
  private boolean running;
  private long flushes;
  private long commits;
  private long flushNanos;
  /** Writing transactions between {@link #committing} and {@link #awaitDurable}. */
  private int committing;
  /** The flush the latest writing transaction waits (or waited) for. */
  private long lastNeeded;
  /**
   * The flush a reader must see because a flush or a commit failed: what such a commit made
   * visible is in the file only after a later flush.
   */
  private long afterFailure;

  /**
   * A transaction that wrote is about to commit: from now on others may see its changes, so a
   * transaction that only read ({@link #awaitSeen}) must not take them for durable.
   */
  void committing() {
    lock.lock();
    try {
      committing++;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The commit announced by {@link #committing} failed. Part of it may have become visible all
   * the same: until the next flush, transactions that only read flush too.
   */
  void commitFailed() {
    lock.lock();
    try {
      committing--;
      afterFailure = Math.max(afterFailure, started + 1);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns once everything committed before this call is in the file. A writing transaction
   * calls it after its commit, which it announced with {@link #committing}.
   */
  void awaitDurable(Flush flush) {
    lock.lock();
    try {
      commits++;
      committing--;
      long needed = started + 1;
      lastNeeded = Math.max(lastNeeded, needed);
      flushUntil(needed, flush);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A transaction that wrote nothing has ended: returns once everything it may have read is in
   * the file. What it read was committed by transactions that are durable already, or are still
   * committing or waiting for their flush; it waits for the flush those wait for, and with none of
   * them about (an idle database, or commits spaced out) it returns at once, without a write.
   */
  void awaitSeen(Flush flush) {
    lock.lock();
    try {
      // a commit announced but not yet waiting may be visible already: it needs a flush that
      // starts after now; the others wait for (or have had) lastNeeded, or the one after a failure
      long needed = committing > 0 ? started + 1 : Math.max(lastNeeded, afterFailure);
      flushUntil(needed, flush);
    } finally {
      lock.unlock();
    }
  }

  /** With the lock held: waits for flush number {@code needed}, running it when nobody does. */
  private void flushUntil(long needed, Flush flush) {
    while (finished < needed) {
      if (running) {
        finishedOne.awaitUninterruptibly();
        continue;
      }
      running = true;
      long mine = ++started;
      boolean ok = false;
      lock.unlock();
      long begin = System.nanoTime();
      try {
        flush.run();
        ok = true;
      } finally {
        long took = System.nanoTime() - begin;
        lock.lock();
        running = false;
        flushNanos += took;
        // a failed flush proves nothing to anybody: the next waiter flushes again, and a later
        // flush covers every earlier commit
        if (ok) {
          finished = mine;
          flushes++;
        } else {
          afterFailure = Math.max(afterFailure, started + 1);
        }
        finishedOne.signalAll();
      }
    }
  }

  /** Flushes run so far (each covered one or more commits). */
  long flushes() {
    lock.lock();
    try {
      return flushes;
    } finally {
      lock.unlock();
    }
  }

  /** Calls of {@link #awaitDurable} so far: commits that waited for a flush. */
  long commits() {
    lock.lock();
    try {
      return commits;
    } finally {
      lock.unlock();
    }
  }

  /** Time spent flushing so far, failed flushes included, in seconds. */
  double flushSeconds() {
    lock.lock();
    try {
      return flushNanos / 1e9;
    } finally {
      lock.unlock();
    }
  }
}
