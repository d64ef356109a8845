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

  /** Returns once everything committed before this call is in the file. */
  void awaitDurable(Flush flush) {
    lock.lock();
    try {
      long needed = started + 1;
      while (finished < needed) {
        if (running) {
          finishedOne.awaitUninterruptibly();
          continue;
        }
        running = true;
        long mine = ++started;
        boolean ok = false;
        lock.unlock();
        try {
          flush.run();
          ok = true;
        } finally {
          lock.lock();
          running = false;
          // a failed flush proves nothing to anybody: the next waiter flushes again, and a later
          // flush covers every earlier commit
          if (ok) {
            finished = mine;
            flushes++;
          }
          finishedOne.signalAll();
        }
      }
    } finally {
      lock.unlock();
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
}
