package org.linli.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:forcewatch:/dir/name}) over the real disk that counts, per file,
 * the times a file was forced to the disk, and can hold a force back or make it fail.
 */
public final class ForceWatch extends FilePathWrapper {

  private static final Map<String, Watched> FILES = new ConcurrentHashMap<>();

  static {
    FilePath.register(new ForceWatch());
  }

  /** Makes the scheme known to H2 (once per JVM). */
  static void register() {}

  /** What is known of one file, by its path on the disk. */
  static Watched file(String path) {
    return FILES.computeIfAbsent(path, p -> new Watched());
  }

  static final class Watched {
    private final AtomicLong forces = new AtomicLong();
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private volatile Semaphore gate;
    private volatile CountDownLatch held = new CountDownLatch(1);

    /** Forces that reached the disk. */
    long forces() {
      return forces.get();
    }

    /** The next {@code n} forces fail with an I/O error. */
    void failNext(int n) {
      failuresToCome.set(n);
    }

    /** Forces wait from now on until {@link #release()}. */
    void hold() {
      held = new CountDownLatch(1);
      gate = new Semaphore(0);
    }

    /** Waits until a force is being held back. */
    boolean awaitHeld(long seconds) throws InterruptedException {
      return held.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    void release() {
      Semaphore g = gate;
      gate = null;
      if (g != null) {
        g.release(Integer.MAX_VALUE / 2);
      }
    }

    private void force(FileChannel channel, boolean metaData) throws IOException {
      Semaphore g = gate;
      if (g != null) {
        held.countDown();
        g.acquireUninterruptibly();
      }
      if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IOException("Input/output error (test)");
      }
      channel.force(metaData);
      forces.incrementAndGet();
    }
  }

  @Override
  public String getScheme() {
    return "forcewatch";
  }

  @Override
  public FileChannel open(String mode) throws IOException {
    String path = unwrap(name).toString();
    return new Channel(getBase().open(mode), file(path));
  }

  private static final class Channel extends ForwardingFileChannel {
    private final Watched watched;

    Channel(FileChannel channel, Watched watched) {
      super(channel);
      this.watched = watched;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      watched.force(file, metaData);
    }
  }
}
