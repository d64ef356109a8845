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
    Thread first = Thread.ofPlatform().start(() -> commit(group, flush));
    await().until(() -> flushesRun.get() == 1);
    List<Thread> during = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      during.add(Thread.ofPlatform().start(() -> commit(group, flush)));
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
    // what an operator reads from the metrics: six commits, two writes, and the time they took
    assertThat(group.commits()).isEqualTo(6);
    assertThat(group.flushSeconds()).isPositive();
  }

  @Test
  void aCommitWithNoWriteRunningIsWrittenAtOnce() {
    firstFlushMayEnd.countDown();
    commit(group, flush);
    commit(group, flush);
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
        commit(group, failsFirst);
      } catch (IllegalStateException e) {
        failures.incrementAndGet();
      }
    });
    await().until(() -> calls.get() == 1);
    Thread waiting = Thread.ofPlatform().start(() -> commit(group, failsFirst));
    await().until(() -> waiting.getState() == Thread.State.WAITING);

    failingFlushMayEnd.countDown();
    first.join();
    waiting.join();

    assertThat(failures).hasValue(1);
    // the waiter did not return on the failed write: it wrote again
    assertThat(calls).hasValue(2);
    assertThat(group.flushes()).isEqualTo(1);
    assertThatThrownBy(() -> commit(new GroupCommit(), () -> {
      throw new IllegalStateException("disk full");
    })).hasMessage("disk full");
  }

  @Test
  void aTransactionThatOnlyReadOnAnIdleDatabaseEndsWithoutAWrite() {
    firstFlushMayEnd.countDown();
    commit(group, flush);
    group.awaitSeen(flush);
    group.awaitSeen(flush);
    assertThat(flushesRun).hasValue(1);
  }

  @Test
  void aReaderWaitsForTheWriteThatMakesWhatItMayHaveSeenDurableAndNoOther() throws Exception {
    Thread writer = Thread.ofPlatform().start(() -> commit(group, flush));
    await().until(() -> flushesRun.get() == 1);
    // the writer's commit is visible now, and its write is running: a reader that saw it returns
    // with that write (not before it, and without one of its own)
    Thread reader = Thread.ofPlatform().start(() -> group.awaitSeen(flush));
    await().until(() -> reader.getState() == Thread.State.WAITING);

    firstFlushMayEnd.countDown();
    reader.join();
    writer.join();
    assertThat(flushesRun).hasValue(1);
  }

  @Test
  void aReaderDuringACommitThatHasNotAskedForItsWriteYetWaitsForTheNextWrite() throws Exception {
    firstFlushMayEnd.countDown();
    group.committing(); // a writer whose commit may already be visible, not yet waiting
    group.awaitSeen(flush);
    assertThat(flushesRun).hasValue(1);
    group.awaitDurable(flush);
    assertThat(flushesRun).hasValue(2);
    // all settled: the next reader ends without a write
    group.awaitSeen(flush);
    assertThat(flushesRun).hasValue(2);
  }

  @Test
  void afterAFailedWriteOrCommitReadersWriteUntilAWriteSucceeds() {
    GroupCommit.Flush failing = () -> {
      throw new IllegalStateException("disk full");
    };
    assertThatThrownBy(() -> commit(group, failing)).hasMessage("disk full");
    // the failed writer's commit is visible but not in the file: a reader must not take it for durable
    assertThatThrownBy(() -> group.awaitSeen(failing)).hasMessage("disk full");
    firstFlushMayEnd.countDown();
    group.awaitSeen(flush);
    assertThat(flushesRun).hasValue(1);
    group.awaitSeen(flush);
    assertThat(flushesRun).hasValue(1);

    group.committing();
    group.commitFailed(); // the database refused the commit: part of it may be visible all the same
    group.awaitSeen(flush);
    assertThat(flushesRun).hasValue(2);
  }

  /** A writing transaction: announces its commit, commits, waits for the write. */
  private static void commit(GroupCommit group, GroupCommit.Flush flush) {
    group.committing();
    group.awaitDurable(flush);
  }
}
