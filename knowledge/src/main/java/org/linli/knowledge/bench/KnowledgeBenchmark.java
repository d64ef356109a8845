package org.linli.knowledge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.linli.knowledge.DocumentLoader;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.LoadedDocuments;
import org.linli.knowledge.PolicyDocument;

/**
 * A bench command (not a timed test): builds an index of a given number of passages generated
 * from a folder of documents and measures index build rate and query latency.
 *
 * <p>Passages are generated deterministically: each copy of a document gets a new id, a numbered
 * district in its title and its sentences rotated, so that copies are distinct texts with the
 * vocabulary of real policies. Queries are the development questions when the folder's module has
 * them ({@code eval/dev-questions.tsv} next to or above the folder), else the document titles.
 */
public final class KnowledgeBenchmark {

  private static final int WARM_UP_QUERIES = 500;

  private KnowledgeBenchmark() {}

  /**
   * @param passages how many passages to index (at least the folder's own)
   * @param queries how many timed queries to run after the warm-up
   * @return 0 when done, 2 when the folder cannot be read or holds no valid document
   */
  public static int run(Path knowledgeDir, int passages, int queries, PrintWriter out) {
    LoadedDocuments source;
    try {
      source = DocumentLoader.loadDirectory(knowledgeDir);
    } catch (UncheckedIOException e) {
      out.println("kb bench: cannot read knowledge folder " + knowledgeDir + ": " + e.getMessage());
      out.flush();
      return 2;
    }
    if (source.documents().isEmpty()) {
      out.println("kb bench: no valid documents in " + knowledgeDir);
      out.flush();
      return 2;
    }
    LoadedDocuments generated = generate(source.documents(), passages);
    int passageCount = generated.documents().stream().mapToInt(d -> d.sections().size()).sum();
    List<String> questions = questions(knowledgeDir, source.documents());

    long t0 = System.nanoTime();
    // Cache off: the questions repeat, and a cached answer would measure a map look-up.
    try (KnowledgeBase kb = KnowledgeBase.build(generated, Clock.systemDefaultZone(), 0)) {
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      for (int i = 0; i < WARM_UP_QUERIES; i++) {
        kb.search(questions.get(i % questions.size()));
      }
      long[] nanos = new long[queries];
      for (int i = 0; i < queries; i++) {
        String q = questions.get(i % questions.size());
        long start = System.nanoTime();
        kb.search(q);
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      out.printf(
          Locale.ROOT,
          "machine: %d available processors, Java %s%n",
          Runtime.getRuntime().availableProcessors(),
          Runtime.version());
      out.printf(
          Locale.ROOT,
          "index: %d passages (%d documents) built in %.2f s = %.0f passages/s (analyzers warm-up included)%n",
          passageCount,
          generated.documents().size(),
          buildSeconds,
          passageCount / buildSeconds);
      out.printf(
          Locale.ROOT,
          "queries: %d timed after %d warm-up, %d distinct questions, %d hits each%n",
          queries,
          WARM_UP_QUERIES,
          questions.size(),
          KnowledgeBase.DEFAULT_MAX_HITS);
      out.printf(
          Locale.ROOT,
          "latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          percentile(nanos, 0.50) / 1e6,
          percentile(nanos, 0.99) / 1e6,
          nanos[nanos.length - 1] / 1e6);
    }
    out.flush();
    return 0;
  }

  private static long percentile(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Copies of the documents, varied, until {@code passages} passages exist. */
  static LoadedDocuments generate(List<PolicyDocument> docs, int passages) {
    List<PolicyDocument> out = new ArrayList<>(docs);
    int count = docs.stream().mapToInt(d -> d.sections().size()).sum();
    for (int copy = 1; count < passages; copy++) {
      for (PolicyDocument d : docs) {
        if (count >= passages) {
          break;
        }
        List<PolicyDocument.Section> sections = new ArrayList<>();
        for (PolicyDocument.Section s : d.sections()) {
          sections.add(new PolicyDocument.Section(s.heading(), rotate(s.text(), copy), s.line()));
        }
        String district = d.lang().code().equals("en") ? " (district " + copy + ")" : "（第" + copy + "区）";
        out.add(
            new PolicyDocument(
                d.id() + "-" + copy,
                d.title() + district,
                d.department(),
                d.category(),
                d.tags(),
                d.synonyms(),
                d.effective(),
                d.expires(),
                d.lang(),
                d.source(),
                sections,
                d.fileName()));
        count += sections.size();
      }
    }
    return new LoadedDocuments(out, List.of());
  }

  /** The sentences of a passage, rotated by {@code k}: same words, different text. */
  private static String rotate(String text, int k) {
    String[] sentences = text.split("(?<=[。！？.!?\\n])");
    if (sentences.length < 2) {
      return text;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sentences.length; i++) {
      sb.append(sentences[(i + k) % sentences.length]);
    }
    return sb.toString();
  }

  private static List<String> questions(Path knowledgeDir, List<PolicyDocument> docs) {
    for (Path dir = knowledgeDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path tsv = dir.resolve("eval").resolve("dev-questions.tsv");
      if (Files.isRegularFile(tsv)) {
        try {
          List<String> qs = new ArrayList<>();
          for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
              qs.add(line.split("\t", 2)[0]);
            }
          }
          if (!qs.isEmpty()) {
            return qs;
          }
        } catch (IOException e) {
          break; // fall back to the titles
        }
      }
    }
    return docs.stream().map(PolicyDocument::title).toList();
  }

  /** {@code java ... KnowledgeBenchmark <knowledgeDir> [passages] [queries]} */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    int passages = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int queries = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    System.exit(run(Path.of(args.length > 0 ? args[0] : "src/main/resources/linli/kb"), passages, queries, out));
  }
}
