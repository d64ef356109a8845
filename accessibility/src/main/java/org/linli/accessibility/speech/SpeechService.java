package org.linli.accessibility.speech;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.linli.accessibility.Lang;

/**
 * Speech for the kiosk and other channels: picks an engine by language and availability, and
 * keeps recently synthesised audio in a bounded LRU cache.
 *
 * <p>Engines are tried in the order given; the first that supports the language speaks, and the
 * next is tried if it produces nothing. The default order, FreeTTS then espeak-ng, gives English to
 * FreeTTS (pure Java) with espeak-ng as fallback, and Mandarin to espeak-ng (FreeTTS cannot).
 *
 * <p>Thread-safe. Concurrent requests for the same (engine, language, rate, text) share one
 * synthesis; the cache is bounded both by entries and by bytes.
 */
public final class SpeechService implements SpeechSynthesizer {

  /** Default cache bounds: 512 clips or 64 MiB, whichever is reached first. */
  public static final int DEFAULT_MAX_ENTRIES = 512;
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  private final List<SpeechSynthesizer> engines;
  private final int maxEntries;
  private final long maxBytes;

  private final Object lock = new Object();
  private final LinkedHashMap<Key, Audio> cache = new LinkedHashMap<>(64, 0.75f, true);
  private long cachedBytes;
  private final ConcurrentHashMap<Key, CompletableFuture<Optional<Audio>>> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  private record Key(String engine, Lang lang, int ratePercent, String text) {}

  /**
   * What speech can do here: which engine speaks each language (absent when none can) and a line
   * per engine.
   */
  public record Availability(Map<Lang, String> engineFor, List<String> engines) {
    public Availability {
      engineFor = Map.copyOf(engineFor);
      engines = List.copyOf(engines);
    }

    /** Whether some engine speaks the language. */
    public boolean canSpeak(Lang lang) {
      return engineFor.containsKey(lang);
    }

    /** One key=value line for the start-up log, e.g. {@code speech zh=espeak-ng en=freetts}. */
    public String summary() {
      StringBuilder sb = new StringBuilder("speech");
      for (Lang l : Lang.values()) {
        sb.append(' ').append(l.code()).append('=').append(engineFor.getOrDefault(l, "none"));
      }
      return sb.toString();
    }
  }

  /** Cache counters, for metrics and tests. */
  public record CacheStats(long hits, long misses, int entries, long bytes) {}

  /** FreeTTS and espeak-ng with the default cache bounds. */
  public static SpeechService standard() {
    return new SpeechService(
        List.of(new FreeTtsSynthesizer(), new EspeakNgSynthesizer()), DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
  }

  /**
   * @param engines engines in order of preference
   * @param maxEntries the most clips kept
   * @param maxBytes the most WAV bytes kept
   */
  public SpeechService(List<SpeechSynthesizer> engines, int maxEntries, long maxBytes) {
    if (maxEntries < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("cache bounds must not be negative");
    }
    this.engines = List.copyOf(engines);
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  @Override
  public String name() {
    return "speech-service";
  }

  @Override
  public boolean supports(Lang lang) {
    return engines.stream().anyMatch(e -> e.supports(lang));
  }

  /** What is available, probing the engines (the first call may start a process). */
  public Availability availability() {
    Map<Lang, String> engineFor = new EnumMap<>(Lang.class);
    for (Lang l : Lang.values()) {
      engines.stream().filter(e -> e.supports(l)).findFirst().ifPresent(e -> engineFor.put(l, e.name()));
    }
    List<String> lines = new ArrayList<>();
    for (SpeechSynthesizer e : engines) {
      lines.add(e.describe());
    }
    return new Availability(engineFor, lines);
  }

  @Override
  public String describe() {
    return availability().summary();
  }

  @Override
  public Optional<Audio> synthesize(String text, Lang lang, double rate) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    List<SpeechSynthesizer> candidates = engines.stream().filter(e -> e.supports(lang)).toList();
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Key key = new Key(candidates.get(0).name(), lang, (int) Math.round(rate * 100), text.strip());
    synchronized (lock) {
      Audio cached = cache.get(key);
      if (cached != null) {
        hits.incrementAndGet();
        return Optional.of(cached);
      }
    }
    CompletableFuture<Optional<Audio>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<Audio>> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      hits.incrementAndGet(); // someone is already synthesising it
      return running.join();
    }
    misses.incrementAndGet();
    try {
      Optional<Audio> result = Optional.empty();
      for (SpeechSynthesizer engine : candidates) {
        result = engine.synthesize(key.text(), lang, key.ratePercent() / 100.0);
        if (result.isPresent()) {
          break;
        }
      }
      result.ifPresent(a -> put(key, a));
      mine.complete(result);
      return result;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  private void put(Key key, Audio audio) {
    if (maxEntries == 0 || audio.size() > maxBytes) {
      return;
    }
    synchronized (lock) {
      Audio old = cache.put(key, audio);
      if (old != null) {
        cachedBytes -= old.size();
      }
      cachedBytes += audio.size();
      Iterator<Map.Entry<Key, Audio>> it = cache.entrySet().iterator();
      while ((cache.size() > maxEntries || cachedBytes > maxBytes) && it.hasNext()) {
        cachedBytes -= it.next().getValue().size();
        it.remove();
      }
    }
  }

  /** Current cache counters. */
  public CacheStats cacheStats() {
    synchronized (lock) {
      return new CacheStats(hits.get(), misses.get(), cache.size(), cachedBytes);
    }
  }
}
