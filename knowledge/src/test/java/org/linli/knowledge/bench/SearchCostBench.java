package org.linli.knowledge.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.linli.knowledge.DemoKnowledgeBase;
import org.linli.knowledge.DocumentLoader;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.LoadedDocuments;
import org.linli.knowledge.SearchResult;

/**
 * The cost of one knowledge-base search on the bundled knowledge (not a timed test: it asserts
 * nothing and is not picked up by the normal test run, whose class names end in {@code Test}).
 *
 * <p>Questions: the development questions and the dialogue's {@code ask_policy} training
 * utterances. Prints the thread CPU and wall microseconds per search after a warm-up, the extra
 * heap the index holds, and a digest of every result (hits, scores, snippets, confidence), so a
 * change that must not change results can be checked by comparing digests.
 *
 * <p>Run: {@code mvn -o -q -pl knowledge test -Dtest=SearchCostBench
 * -Dsurefire.failIfNoSpecifiedTests=false}; the report is in {@code
 * knowledge/target/search-bench.txt}. System properties: {@code bench.searches} (default 4000)
 * the searches per timed round, {@code bench.cacheSize} (default 0, off) the search result cache.
 */
class SearchCostBench {

  private static final int ROUNDS = 5;

  @Test
  void run() throws Exception {
    Path report = Path.of("target/search-bench.txt");
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(report, StandardCharsets.UTF_8), true)) {
      bench(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true), out);
    }
  }

  public static void main(String[] args) throws Exception {
    PrintWriter stdout = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    bench(stdout, stdout);
  }

  private static void bench(PrintWriter console, PrintWriter out) throws Exception {
    int perRound = Integer.getInteger("bench.searches", 4000);
    int cacheSize = Integer.getInteger("bench.cacheSize", 0);
    List<String> questions = questions();
    LoadedDocuments docs = DocumentLoader.loadDirectory(DemoKnowledgeBase.folder());

    // Warm the analyzers' dictionaries before measuring the index's own heap.
    try (KnowledgeBase warm = KnowledgeBase.build(docs, DemoKnowledgeBase.TODAY, 0)) {
      warm.search("高龄津贴怎么申请");
      warm.search("how do I apply for the elderly allowance");
    }
    long before = usedHeapAfterGc();
    try (KnowledgeBase kb = KnowledgeBase.build(docs, DemoKnowledgeBase.TODAY, cacheSize)) {
      long heap = usedHeapAfterGc() - before;
      String digest = digest(kb, questions);
      for (int i = 0; i < 3 * perRound; i++) {
        kb.search(questions.get(i % questions.size()));
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      double[] cpuMicros = new double[ROUNDS];
      double[] wallMicros = new double[ROUNDS];
      for (int r = 0; r < ROUNDS; r++) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          kb.search(questions.get((i * 7 + r) % questions.size()));
        }
        cpuMicros[r] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / perRound;
        wallMicros[r] = (System.nanoTime() - wall0) / 1e3 / perRound;
      }
      long heapAfter = usedHeapAfterGc() - before;
      Arrays.sort(cpuMicros);
      Arrays.sort(wallMicros);
      for (PrintWriter w : List.of(console, out)) {
        w.printf(Locale.ROOT, "questions: %d, %d documents, %d searches per round, %d rounds%n",
            questions.size(), docs.documents().size(), perRound, ROUNDS);
        w.printf(Locale.ROOT, "cpu us/search: median %.1f (min %.1f, max %.1f)%n",
            cpuMicros[ROUNDS / 2], cpuMicros[0], cpuMicros[ROUNDS - 1]);
        w.printf(Locale.ROOT, "wall us/search: median %.1f (min %.1f, max %.1f)%n",
            wallMicros[ROUNDS / 2], wallMicros[0], wallMicros[ROUNDS - 1]);
        w.printf(Locale.ROOT, "index heap: %.1f MB (used heap after GC, with the index minus without)%n", heap / 1e6);
        w.printf(Locale.ROOT, "heap after the rounds: %.1f MB (the index and the cached results)%n", heapAfter / 1e6);
        w.printf(Locale.ROOT, "results digest: %s%n", digest);
        w.printf(Locale.ROOT, "search cache: %s%n", kb.searchCacheStats());
        w.flush();
      }
    }
  }

  /** Every result the questions give, in the three shapes callers use. */
  private static String digest(KnowledgeBase kb, List<String> questions) throws NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String q : questions) {
      List<SearchResult> results =
          List.of(
              kb.search(q),
              kb.searchDocuments(q, KnowledgeBase.languageOf(q), 10),
              kb.search(q, KnowledgeBase.languageOf(q), 40));
      for (SearchResult r : results) {
        sha.update(r.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50); // let the collector settle; a measurement, not a test
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }

  private static List<String> questions() throws IOException {
    List<String> qs = new ArrayList<>();
    for (String line : Files.readAllLines(DemoKnowledgeBase.devQuestions(), StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        qs.add(line.split("\t", 2)[0]);
      }
    }
    Path train = Path.of("../dialog/src/main/resources/org/linli/dialog/intents/train.tsv");
    if (!Files.exists(train)) {
      train = Path.of("dialog/src/main/resources/org/linli/dialog/intents/train.tsv");
    }
    if (Files.exists(train)) {
      for (String line : Files.readAllLines(train, StandardCharsets.UTF_8)) {
        String[] cols = line.split("\t");
        if (cols.length == 2 && cols[1].strip().equals("ask_policy")) {
          qs.add(cols[0]);
        }
      }
    }
    return qs;
  }
}
