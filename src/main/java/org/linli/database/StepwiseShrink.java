package org.linli.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H2 file system ({@code jdbc:h2:file:stepshrink:/dir/name}) over the real disk that makes a
 * file shorter a step at a time in the background, instead of in one call while H2 waits.
 *
 * <p>H2 shrinks its file when compaction has freed the end of it, from the thread that writes a
 * chunk and while it holds the lock that every commit's write needs. Cutting the freed end of a file
 * of a few gigabytes that the kernel still caches took 0.4 to 0.5 s on the 2-core machine (the
 * kernel drops every cached page of the cut, holding the file's inode lock), and no turn committed
 * meanwhile (docs/performance.md, session 13). Here H2's truncate returns at once: the file reads
 * as cut from then on ({@link FileChannel#size()}), and a thread of its own cuts it by at most {@link
 * #STEP} bytes at a time with a pause between, so a write waits for one step at most.
 *
 * <p>Until the last step, the file on the disk is longer than H2 knows and its end holds chunks H2
 * no longer uses. H2 is in that state anyway whenever it has freed the end of its file and not cut
 * it yet (it cuts only when that saves at least 1 % of the file), and a process that stops between
 * H2's force and its cut leaves it too: H2 opens such a file as it is and cuts it again later. A
 * write that reaches past the pending size raises it to the write's end, so no step ever cuts what
 * was written after the cut was asked for; H2 writes and truncates from one thread at a time, so a
 * cut is never asked for below a write in flight. Closing the file finishes the cut first.
 */
public final class StepwiseShrink extends FilePathWrapper {

  /** The scheme H2 knows this file system by: {@code stepshrink:} before a file's path. */
  public static final String SCHEME = "stepshrink";

  /** The most one step cuts: about 7 ms of the kernel's time for a cached file on the test machine. */
  static final long STEP = 32L << 20;

  /** The pause between two steps, in which the writes that waited for a step go first. */
  static final long PAUSE_MILLIS = 20;

  private static final Logger log = LoggerFactory.getLogger(StepwiseShrink.class);

  static {
    FilePath.register(new StepwiseShrink());
  }

  /** Makes the scheme known to H2 (once per JVM; the class's loading does it). */
  static void register() {}

  /**
   * The database URL {@code url} with its file opened through this file system when it names an
   * embedded H2 file ({@code jdbc:h2:file:...}); any other URL as it is.
   */
  static String wrap(String url) {
    String file = "jdbc:h2:file:";
    if (url == null || !url.startsWith(file) || url.startsWith(file + SCHEME + ":")) {
      return url;
    }
    return file + SCHEME + ":" + url.substring(file.length());
  }

  /** Runs a step after a delay. */
  @FunctionalInterface
  interface Later {
    void run(Runnable step, long delayMillis);
  }

  /** One background thread for every file of the JVM: steps are short and shrinks are rare. */
  private static final class Steps {
    static final ScheduledExecutorService THREAD =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("h2-file-shrink").daemon(true).factory());
  }

  private static final Later BACKGROUND =
      (step, delayMillis) -> Steps.THREAD.schedule(step, delayMillis, TimeUnit.MILLISECONDS);

  /** Where the steps of files opened from now on run: tests hold them back. */
  private static volatile Later steps = BACKGROUND;

  static void runStepsWith(Later later) {
    steps = later == null ? BACKGROUND : later;
  }

  /** Public, with a public constructor: H2 creates a path of each scheme by reflection. */
  public StepwiseShrink() {}

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FileChannel open(String mode) throws IOException {
    return new Channel(getBase().open(mode), steps, name);
  }

  /** A file whose truncations are carried out in steps by {@code steps}. */
  static final class Channel extends ForwardingFileChannel {
    private final Later steps;
    private final String name;
    private final Object lock = new Object();
    /** The size the file is being cut to; -1 when no cut is pending. Written under {@link #lock}. */
    private volatile long pending = -1;
    private boolean scheduled;
    /** The cut under way, for its log line. Guarded by {@link #lock}. */
    private long cutFrom;
    private long cutStarted;
    private int cutSteps;

    Channel(FileChannel file, Later steps, String name) {
      super(file);
      this.steps = steps;
      this.name = name;
    }

    /** The size the file is being cut to, or -1 when no cut is pending. */
    long pendingSize() {
      return pending;
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      if (size < 0) {
        throw new IllegalArgumentException("negative size: " + size);
      }
      synchronized (lock) {
        long current = pending >= 0 ? pending : file.size();
        if (size < current) {
          if (pending < 0) {
            cutFrom = current;
            cutStarted = System.nanoTime();
            cutSteps = 0;
          }
          pending = size;
          scheduleStep(0);
        }
      }
      return this;
    }

    @Override
    public long size() throws IOException {
      long cut = pending;
      return cut >= 0 ? cut : file.size();
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      long end = position + src.remaining();
      long cut = pending;
      if (cut < 0 || end <= cut) {
        // below what is kept: no step can touch it
        return file.write(src, position);
      }
      synchronized (lock) {
        if (pending >= 0 && end > pending) {
          // the write is kept: no step may cut below its end from now on
          long size = file.size();
          if (end < size) {
            pending = end;
          } else {
            // H2 has filled what was to be cut: nothing is left to cut
            pending = -1;
            log.info(
                "event=db_file_shrink_overtaken file={} from_bytes={} to_bytes={} steps={}",
                name, cutFrom, size, cutSteps);
          }
        }
        return file.write(src, position);
      }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      long position = file.position();
      int written = write(src, position);
      file.position(position + written);
      return written;
    }

    /** Finishes a pending cut, then closes the file. */
    @Override
    protected void implCloseChannel() throws IOException {
      try {
        synchronized (lock) {
          if (pending >= 0 && file.isOpen()) {
            file.truncate(pending);
          }
          pending = -1;
        }
      } finally {
        file.close();
      }
    }

    private void scheduleStep(long delayMillis) {
      // called with the lock held
      if (!scheduled) {
        scheduled = true;
        steps.run(this::step, delayMillis);
      }
    }

    /** Cuts at most {@link #STEP} bytes, and comes back after a pause if more is left. */
    void step() {
      synchronized (lock) {
        scheduled = false;
        long target = pending;
        if (target < 0 || !file.isOpen()) {
          return;
        }
        try {
          long size = file.size();
          long next = Math.max(target, size - STEP);
          if (next < size) {
            file.truncate(next);
            cutSteps++;
          }
          if (next <= target) {
            pending = -1;
            log.info(
                "event=db_file_shrunk file={} from_bytes={} to_bytes={} steps={} seconds={}",
                name, cutFrom, next, cutSteps,
                String.format(Locale.ROOT, "%.2f", (System.nanoTime() - cutStarted) / 1e9));
          } else {
            scheduleStep(PAUSE_MILLIS);
          }
        } catch (IOException e) {
          // the file stays longer than H2 knows, as after a crash; H2 cuts it again later
          log.warn("event=db_file_shrink_failed file={} error=\"{}\"", name, e.toString());
          pending = -1;
        }
      }
    }
  }
}
