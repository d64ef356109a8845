package org.linli.wechat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * The access-token refresh lock that WxJava takes, as a lease in shared storage (database or
 * Redis): held by one thread of one node at a time, or by nobody once it expires. Subclasses say
 * how to take and give back the lease and whether a valid token is stored.
 *
 * <p>WxJava fetches a token as soon as it holds the lock, without looking again whether another
 * node fetched one while it waited; so {@link #tryLock(long, TimeUnit)} is refused when a valid
 * token is there, and WxJava's loop then reads that token instead of fetching (and invalidating)
 * another. {@link #lock()} — WxJava's path for a token WeChat called invalid — waits for the
 * lease whatever the stored token looks like.
 */
abstract class AccessTokenLease implements Lock {

  static final Duration POLL = Duration.ofMillis(50);

  /** Takes the lease for this thread (or keeps it, if it already holds it); false if another does. */
  abstract boolean acquire();

  /** True when a token that has not expired is stored. */
  abstract boolean tokenValid();

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(time);
    while (true) {
      if (acquire()) {
        if (tokenValid()) {
          unlock();
          return false;
        }
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL.toNanos()));
    }
  }

  @Override
  public boolean tryLock() {
    return acquire();
  }

  @Override
  public void lock() {
    boolean interrupted = false;
    while (true) {
      try {
        if (acquireOrPause()) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    while (!acquireOrPause()) {
      // keep waiting
    }
  }

  private boolean acquireOrPause() throws InterruptedException {
    if (acquire()) {
      return true;
    }
    TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
    return false;
  }

  /** Conditions need a monitor in this JVM; a lease shared between nodes has none. */
  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException("a shared lease has no conditions");
  }
}
