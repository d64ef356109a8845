package org.linli.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's file is made shorter in steps by a thread of its own, so that the thread
 * that writes H2's chunks (and every commit waiting for it) never waits for a long cut. On the real
 * disk; the steps are run by hand where a test needs to see the file between them.
 */
class StepwiseShrinkTest {

  private static final long MB = 1L << 20;

  @TempDir Path dir;
  private final Queue<Runnable> held = new ConcurrentLinkedQueue<>();

  @AfterEach
  void runStepsInTheBackgroundAgain() {
    StepwiseShrink.runStepsWith(null);
  }

  @Test
  void aCutReturnsAtOnceAndTheFileShrinksAStepAtATimeAfterwards() throws IOException {
    Path path = fileOf(100 * MB);
    try (var file = channel(path)) {
      file.truncate(10 * MB);

      // the caller sees the new size at once; the disk has not been touched yet
      assertThat(file.size()).isEqualTo(10 * MB);
      assertThat(Files.size(path)).isEqualTo(100 * MB);

      long[] sizes = runHeldSteps(path);
      assertThat(sizes).containsExactly(
          100 * MB - StepwiseShrink.STEP, 100 * MB - 2 * StepwiseShrink.STEP, 10 * MB);
      assertThat(file.pendingSize()).isEqualTo(-1);
      assertThat(file.size()).isEqualTo(10 * MB);
    }
  }

  @Test
  void whatIsWrittenBeyondAPendingCutIsKept() throws IOException {
    Path path = fileOf(100 * MB);
    try (var file = channel(path)) {
      file.truncate(10 * MB);
      byte[] chunk = "第一章 社区通知".getBytes(StandardCharsets.UTF_8);
      file.write(ByteBuffer.wrap(chunk), 50 * MB);

      runHeldSteps(path);

      assertThat(Files.size(path)).isEqualTo(50 * MB + chunk.length);
      assertThat(file.size()).isEqualTo(50 * MB + chunk.length);
      assertThat(read(path, 50 * MB, chunk.length)).isEqualTo(chunk);
    }
  }

  @Test
  void aWriteBeyondTheFileCancelsThePendingCut() throws IOException {
    Path path = fileOf(20 * MB);
    try (var file = channel(path)) {
      file.truncate(5 * MB);
      file.write(ByteBuffer.wrap(new byte[] {7}), 30 * MB);

      assertThat(file.pendingSize()).isEqualTo(-1);
      runHeldSteps(path);
      assertThat(Files.size(path)).isEqualTo(30 * MB + 1);
    }
  }

  @Test
  void closingTheFileFinishesAPendingCut() throws IOException {
    Path path = fileOf(100 * MB);
    var file = channel(path);
    file.truncate(10 * MB);
    file.close();

    assertThat(Files.size(path)).isEqualTo(10 * MB);
    // a step that was still to come finds the file closed and does nothing
    runHeldSteps(path);
    assertThat(Files.size(path)).isEqualTo(10 * MB);
  }

  @Test
  void aStoreLeftWithItsCutPendingOpensWithAllItsDataAndShrinksInTheBackground() throws IOException {
    StepwiseShrink.register();
    StepwiseShrink.runStepsWith((step, delay) -> held.add(step));
    Path path = dir.resolve("store.mv.db");
    Random random = new Random(13);
    byte[] kept = new byte[64 * 1024];
    random.nextBytes(kept);

    MVStore store =
        new MVStore.Builder().fileName(StepwiseShrink.SCHEME + ":" + path).autoCommitDisabled().open();
    store.setRetentionTime(0);
    MVMap<Integer, byte[]> map = store.openMap("pages");
    for (int i = 0; i < 600; i++) {
      byte[] value = new byte[64 * 1024];
      random.nextBytes(value);
      map.put(i, value);
      if (i % 50 == 49) {
        store.commit();
      }
    }
    map.put(0, kept);
    store.commit();
    for (int i = 1; i < 600; i++) {
      map.remove(i);
    }
    store.commit();
    // H2 frees the chunks of the removed pages a few versions later; compaction then moves the
    // live ones to the front of the file and asks for its end to be cut
    for (int version = 0; version < 20 && held.isEmpty(); version++) {
      store.openMap("marks").put(version, version);
      store.commit();
      store.compactFile(60_000);
    }
    assertThat(held).as("H2 asked for its file to be cut").isNotEmpty();
    long before = Files.size(path);
    assertThat(before).isGreaterThan(600 * 64 * 1024);

    // what a process killed now leaves: the file as it is on the disk, longer than H2 knows
    Path copy = dir.resolve("copy.mv.db");
    Files.copy(path, copy);
    MVStore reopened = new MVStore.Builder().fileName(copy.toString()).readOnly().open();
    assertThat(reopened.<Integer, byte[]>openMap("pages").get(0)).isEqualTo(kept);
    assertThat(reopened.<Integer, byte[]>openMap("pages").size()).isEqualTo(1);
    reopened.close();

    // the store writes on while the cut is pending; the steps keep what it wrote
    map.put(1, kept);
    store.commit();
    runHeldSteps(path);
    assertThat(Files.size(path)).isLessThan(before / 4);
    store.close();
    MVStore afterwards = new MVStore.Builder().fileName(path.toString()).readOnly().open();
    assertThat(afterwards.<Integer, byte[]>openMap("pages").get(0)).isEqualTo(kept);
    assertThat(afterwards.<Integer, byte[]>openMap("pages").get(1)).isEqualTo(kept);
    afterwards.close();
  }

  @Test
  void anEmbeddedDatabaseFileIsOpenedThroughItWhateverOtherUrlIsLeftAlone() {
    assertThat(StepwiseShrink.wrap("jdbc:h2:file:./data/linli;WRITE_DELAY=500"))
        .isEqualTo("jdbc:h2:file:stepshrink:./data/linli;WRITE_DELAY=500");
    assertThat(StepwiseShrink.wrap("jdbc:h2:file:stepshrink:/srv/linli"))
        .isEqualTo("jdbc:h2:file:stepshrink:/srv/linli");
    assertThat(StepwiseShrink.wrap("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
    assertThat(StepwiseShrink.wrap("jdbc:postgresql://127.0.0.1:5432/test"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
  }

  /** A file of {@code size} bytes on the disk, sparse: only its last byte is written. */
  private Path fileOf(long size) throws IOException {
    Path path = Files.createTempFile(dir, "file", ".bin");
    try (var file = FileChannel.open(path, StandardOpenOption.WRITE)) {
      file.write(ByteBuffer.wrap(new byte[] {1}), size - 1);
    }
    return path;
  }

  private StepwiseShrink.Channel channel(Path path) throws IOException {
    return new StepwiseShrink.Channel(
        FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE),
        (step, delay) -> held.add(step),
        path.toString());
  }

  /** Runs the held steps one by one; the file's size on the disk after each. */
  private long[] runHeldSteps(Path path) throws IOException {
    long[] sizes = new long[0];
    Runnable step;
    while ((step = held.poll()) != null) {
      step.run();
      sizes = Arrays.copyOf(sizes, sizes.length + 1);
      sizes[sizes.length - 1] = Files.exists(path) ? Files.size(path) : -1;
    }
    return sizes;
  }

  private static byte[] read(Path path, long position, int length) throws IOException {
    try (var file = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(length);
      file.read(buffer, position);
      return buffer.array();
    }
  }
}
