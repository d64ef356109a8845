package org.linli.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link KnowledgeBase} in step with a folder of policy documents: when a {@code *.md}
 * file is added, changed or removed, the folder is loaded again and the index swapped in, without
 * a restart and without failing queries in flight.
 *
 * <p>The folder is polled (file names, sizes and modification times) rather than watched with
 * {@link java.nio.file.WatchService}, which misses events on network and container file systems.
 * A change is applied only once the folder has stayed the same for one more poll (the debounce),
 * so an editor saving several files, or a half-copied file, causes one reload, not several.
 *
 * <p>A document that breaks the format is reported (see {@link Reload#problems()}) and left out;
 * the other documents are served. If the folder cannot be read at all, the current index stays in
 * place.
 */
public final class KnowledgeFolderWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeFolderWatcher.class);

  /** What one reload did. */
  public record Reload(int documents, List<DocumentProblem> problems) {
    public Reload {
      problems = List.copyOf(problems);
    }
  }

  private final KnowledgeBase knowledgeBase;
  private final Path folder;
  private final Consumer<Reload> listener;
  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();
  private Map<String, String> applied;
  private Map<String, String> pending;
  private ScheduledFuture<?> task;

  /**
   * @param listener told after every reload (for logs, metrics or the staff console); may be a
   *     no-op
   */
  public KnowledgeFolderWatcher(KnowledgeBase knowledgeBase, Path folder, Consumer<Reload> listener) {
    this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase");
    this.folder = Objects.requireNonNull(folder, "folder");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "linli-kb-watcher");
              t.setDaemon(true);
              return t;
            });
    this.applied = snapshotOrEmpty();
  }

  /** Starts polling every {@code interval}; a change is applied after two equal polls. */
  public KnowledgeFolderWatcher start(Duration interval) {
    synchronized (lock) {
      if (task == null) {
        long ms = Math.max(10, interval.toMillis());
        task = scheduler.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
      }
    }
    return this;
  }

  /**
   * Loads the folder now and swaps the index in, whatever changed (a manual "reload" button).
   *
   * @throws UncheckedIOException when the folder cannot be listed; the current index stays
   */
  public Reload reload() {
    synchronized (lock) {
      Map<String, String> before = snapshot();
      LoadedDocuments docs = DocumentLoader.loadDirectory(folder);
      knowledgeBase.replace(docs);
      applied = before;
      pending = null;
      Reload reload = new Reload(docs.documents().size(), docs.problems());
      LOG.info(
          "kb_reloaded folder={} documents={} problems={}",
          folder,
          reload.documents(),
          reload.problems().size());
      for (DocumentProblem p : reload.problems()) {
        LOG.warn("kb_document_left_out problem=\"{}\"", p);
      }
      listener.accept(reload);
      return reload;
    }
  }

  private void poll() {
    try {
      synchronized (lock) {
        Map<String, String> now = snapshot();
        if (now.equals(applied)) {
          pending = null;
          return;
        }
        if (!now.equals(pending)) {
          pending = now; // changed since the last poll: wait until it settles
          return;
        }
        reload();
      }
    } catch (RuntimeException e) {
      // Never let the schedule die: the next poll tries again, the current index keeps serving.
      LOG.warn("kb_reload_failed folder={} reason=\"{}\"", folder, e.getMessage());
    }
  }

  /** File name -> size and modification time of every *.md file in the folder. */
  private Map<String, String> snapshot() {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path p : list.filter(f -> f.getFileName().toString().endsWith(".md")).toList()) {
        try {
          FileTime modified = Files.getLastModifiedTime(p);
          files.put(p.getFileName().toString(), Files.size(p) + "@" + modified.toMillis());
        } catch (IOException e) {
          files.put(p.getFileName().toString(), "unreadable"); // deleted while listing
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list knowledge folder " + folder, e);
    }
    return files;
  }

  private Map<String, String> snapshotOrEmpty() {
    try {
      return snapshot();
    } catch (UncheckedIOException e) {
      return Map.of();
    }
  }

  /** Stops polling. Does not close the knowledge base. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
