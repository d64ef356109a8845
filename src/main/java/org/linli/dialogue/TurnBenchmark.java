package org.linli.dialogue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.linli.dialog.Channel;
import org.linli.dialog.DialogueEngine;
import org.linli.dialog.DialogueState;
import org.springframework.stereotype.Component;

/**
 * Times full dialogue turns in-process — normalise, classify, retrieve, decide — over the
 * bundled training utterances (every intent, both languages), after a warm-up. A benchmark to
 * run by hand ({@code dialog bench}); its figures go in docs/dialogue.md, never in a test.
 */
@Component
class TurnBenchmark {

  static final String UTTERANCES = "/org/linli/dialog/intents/train.tsv";
  private final DialogueEngine engine;

  TurnBenchmark(DialogueEngine engine) {
    this.engine = engine;
  }

  int run(int turns, int threads, PrintWriter out) {
    if (turns < 1 || threads < 1) {
      out.println("dialog bench: --turns and --threads must be at least 1");
      return 2;
    }
    List<String> utterances = utterances();
    out.printf("utterances=%d turns=%d threads=%d%n", utterances.size(), turns, threads);
    long warmStart = System.nanoTime();
    for (int i = 0; i < Math.min(turns, 5_000); i++) {
      turn(utterances.get(i % utterances.size()));
    }
    out.printf("warm-up %.1f s%n", (System.nanoTime() - warmStart) / 1e9);
    long[] nanos = new long[turns];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = first; i < turns; i += threads) {
                    long s = System.nanoTime();
                    turn(utterances.get(i % utterances.size()));
                    nanos[i] = System.nanoTime() - s;
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      out.println("dialog bench failed: " + e);
      return 1;
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(nanos);
    out.printf(
        "turns/s=%.0f p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms%n",
        turns / seconds,
        nanos[(int) (turns * 0.50)] / 1e6,
        nanos[(int) (turns * 0.95)] / 1e6,
        nanos[Math.min(turns - 1, (int) (turns * 0.99))] / 1e6,
        nanos[turns - 1] / 1e6);
    return 0;
  }

  private void turn(String text) {
    engine.turn(DialogueState.EMPTY, new DialogueEngine.Turn(Channel.WEB, text, null));
  }

  static List<String> utterances() {
    List<String> lines = new ArrayList<>();
    try (InputStream in = TurnBenchmark.class.getResourceAsStream(UTTERANCES)) {
      if (in == null) {
        throw new IllegalStateException("missing " + UTTERANCES);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        int tab = line.indexOf('\t');
        if (!line.isBlank() && !line.startsWith("#") && tab > 0) {
          lines.add(line.substring(0, tab));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
