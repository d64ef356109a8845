package org.linli.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many commits, one file write; and nobody is told "on disk" by a write that began before its commit. */
class GroupCommitTest {

  final GroupCommit group = new GroupCommit();
  final AtomicInteger flushesRun = new AtomicInteger();
  final CountDownLatch firstFlushMayEnd = new CountDownLatch(1);

  /** The first flush blocks until released; the others return at once. */
  final GroupCommit.Flush flush = () -> {
    if (flushesRun.incrementAndGet() == 1) {
      try {
        firstFlushMayEnd.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  @Test
  void commitsThatArriveDuringAWriteShareTheNextWriteAndNoneReturnsOnTheWriteThatWasRunning() throws Exception {
    Thread first = Thread.ofPlatform().start(() -> group.awaitDurable(flush));
    await().until(() -> flushesRun.get() == 1);
    List<Thread> during = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      during.add(Thread.ofPlatform().start(() -> group.awaitDurable(flush)));
    }
    await().until(() -> during.stream().allMatch(t -> t.getState() == Thread.State.WAITING));

    firstFlushMayEnd.countDown();
    first.join();
    for (Thread t : during) {
      t.join();
    }

    // one write for the five that committed while the first write ran, after it
    assertThat(flushesRun).hasValue(2);
    assertThat(group.flushes()).isEqualTo(2);
  }

  @Test
  void aCommitWithNoWriteRunningIsWrittenAtOnce() {
    firstFlushMayEnd.countDown();
    group.awaitDurable(flush);
    group.awaitDurable(flush);
    assertThat(flushesRun).hasValue(2);
  }

  @Test
  void aWriteThatFailsCountsForNobody() throws Exception {
    CountDownLatch failingFlushMayEnd = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    GroupCommit.Flush failsFirst = () -> {
      if (calls.incrementAndGet() == 1) {
        try {
          failingFlushMayEnd.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        throw new IllegalStateException("disk full");
      }
    };
    AtomicInteger failures = new AtomicInteger();
    Thread first = Thread.ofPlatform().start(() -> {
      try {
        group.awaitDurable(failsFirst);
      } catch (IllegalStateException e) {
        failures.incrementAndGet();
      }
    });
    await().until(() -> calls.get() == 1);
    Thread waiting = Thread.ofPlatform().start(() -> group.awaitDurable(failsFirst));
    await().until(() -> waiting.getState() == Thread.State.WAITING);

    failingFlushMayEnd.countDown();
    first.join();
    waiting.join();

    assertThat(failures).hasValue(1);
    // the waiter did not return on the failed write: it wrote again
    assertThat(calls).hasValue(2);
    assertThat(group.flushes()).isEqualTo(1);
    assertThatThrownBy(() -> new GroupCommit().awaitDurable(() -> {
      throw new IllegalStateException("disk full");
    })).hasMessage("disk full");
  }
}
