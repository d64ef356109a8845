package org.linli.dialog.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.linli.dialog.nlu.IntentClassifier;
import org.linli.dialog.nlu.Nlu;
import org.linli.knowledge.Lang;

/**
 * Measures {@link Nlu#understand} in-process: cold start (segmenter dictionary, language model and
 * intent training), then p50/p99/max per message over the held-out utterances plus messages full of
 * entities, single-threaded and with two threads. Not a test: run it on a quiet machine and record
 * its figures in docs/dialogue.md.
 *
 * <pre>
 * mvn -q -pl knowledge,dialog install -DskipTests
 * mvn -q -pl dialog dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp dialog/target/test-classes:dialog/target/classes:$(cat dialog/target/classpath.txt) \
 *     org.linli.dialog.bench.NluBenchmark [rounds]
 * </pre>
 */
public final class NluBenchmark {

  private static final List<String> EXTRA =
      List.of(
          "嗯，那個，我家樓上漏水了，陽光花園三棟二單元，電話13812345678",
          "我的身份证号是11010519491231002X，低保怎么申请",
          "明天上午十点能来修吗，我住人民路15号",
          "工单一二三四五六到哪一步了",
          "0", "*", "#", "3", "嗯", "对对对",
          "Help! My father fell down and can't get up",
          "I live in building 3, room 502, the lift has been broken since Monday");

  private NluBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    long t0 = System.nanoTime();
    Nlu nlu = new Nlu();
    nlu.understand("你好", Lang.ZH);
    long coldMs = (System.nanoTime() - t0) / 1_000_000;

    List<String> messages = new ArrayList<>(EXTRA);
    try (InputStream in =
        NluBenchmark.class.getResourceAsStream("/org/linli/dialog/intents/heldout.tsv")) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> l.contains("\t") && !l.startsWith("#"))
          .forEach(l -> messages.add(l.substring(0, l.lastIndexOf('\t'))));
    }

    // Warm-up: let the JIT compile the hot paths before measuring.
    for (int i = 0; i < 5; i++) {
      messages.forEach(m -> nlu.understand(m, null));
    }

    long[] single = measure(nlu, messages, rounds);
    report("1 thread ", single, messages.size() * rounds);

    long[][] perThread = new long[2][];
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int index = t;
      threads[t] = new Thread(() -> perThread[index] = measure(nlu, messages, rounds));
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long[] both = new long[perThread[0].length + perThread[1].length];
    System.arraycopy(perThread[0], 0, both, 0, perThread[0].length);
    System.arraycopy(perThread[1], 0, both, perThread[0].length, perThread[1].length);
    report("2 threads", both, both.length);

    long trainStart = System.nanoTime();
    try (InputStream in = IntentClassifier.class.getResourceAsStream(IntentClassifier.TRAINING_RESOURCE)) {
      java.nio.file.Path tmp = java.nio.file.Files.createTempFile("train", ".tsv");
      java.nio.file.Files.write(tmp, in.readAllBytes());
      IntentClassifier.train(tmp, null);
      java.nio.file.Files.delete(tmp);
    }
    long trainMs = (System.nanoTime() - trainStart) / 1_000_000;

    System.out.printf(
        Locale.ROOT,
        "cold start (first understand, incl. training): %d ms; retraining warm: %d ms; %d distinct messages; %d cores%n",
        coldMs, trainMs, messages.size(), Runtime.getRuntime().availableProcessors());
  }

  private static long[] measure(Nlu nlu, List<String> messages, int rounds) {
    long[] nanos = new long[messages.size() * rounds];
    int k = 0;
    for (int r = 0; r < rounds; r++) {
      for (String m : messages) {
        long start = System.nanoTime();
        nlu.understand(m, null);
        nanos[k++] = System.nanoTime() - start;
      }
    }
    return nanos;
  }

  private static void report(String label, long[] nanos, int count) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s: %d calls  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms%n",
        label, count, pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
  }
}
