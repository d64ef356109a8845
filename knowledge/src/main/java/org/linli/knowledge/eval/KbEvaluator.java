package org.linli.knowledge.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.linli.knowledge.DocumentLoader;
import org.linli.knowledge.DocumentProblem;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.LoadedDocuments;
import org.linli.knowledge.PassageHit;
import org.linli.knowledge.SearchResult;

/**
 * {@code kb eval} and {@code kb search}: how well the knowledge base answers a question set, for
 * the people who keep it, next to a plain baseline so that the gain (or a regression) is visible.
 *
 * <p>Works on any folder in the document format. Exit codes: 0 when the run completed (whatever
 * the numbers), 2 when the input cannot be read.
 */
public final class KbEvaluator {

  /** Distinct documents listed per question. */
  public static final int RANKED_DOCS = 10;

  private KbEvaluator() {}

  /**
   * Runs every question of {@code questionsTsv} against the documents in {@code knowledgeDir}.
   *
   * @param json one JSON object per question, then a summary object; otherwise a readable report
   * @return 0 when done, 2 when the folder or the question file cannot be read
   */
  public static int run(Path knowledgeDir, Path questionsTsv, boolean json, PrintWriter out) {
    long started = System.nanoTime();
    if (!Files.isDirectory(knowledgeDir)) {
      return fail(out, "knowledge folder not found: " + knowledgeDir);
    }
    QuestionSet questions;
    LoadedDocuments docs;
    try {
      questions = QuestionSet.read(questionsTsv);
    } catch (QuestionSet.Malformed e) {
      return fail(out, e.getMessage());
    } catch (IOException e) {
      return fail(out, "cannot read question file " + questionsTsv + ": " + e.getMessage());
    }
    try {
      docs = DocumentLoader.loadDirectory(knowledgeDir);
    } catch (UncheckedIOException e) {
      return fail(out, "cannot read knowledge folder " + knowledgeDir + ": " + e.getMessage());
    }
    if (docs.documents().isEmpty()) {
      docs.problems().forEach(p -> out.println("problem: " + p));
      return fail(out, "no valid documents in " + knowledgeDir);
    }
    Clock clock = Clock.systemDefaultZone();
    Set<String> ids = new LinkedHashSet<>();
    docs.documents().forEach(d -> ids.add(d.id()));

    Metrics engine = new Metrics();
    Metrics baseline = new Metrics();
    Map<String, Metrics> engineByTag = new TreeMap<>();
    Map<String, Metrics> baselineByTag = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    List<String> unknownExpected = new ArrayList<>();

    try (KnowledgeBase kb = KnowledgeBase.build(docs, clock);
        BaselineIndex plain = new BaselineIndex(docs, LocalDate.now(clock))) {
      for (QuestionSet.Question q : questions.questions()) {
        if (q.inScope() && !ids.contains(q.expected())) {
          unknownExpected.add(questionsTsv.getFileName() + ":" + q.line() + ": " + q.expected());
        }
        SearchResult result =
            kb.searchDocuments(q.text(), KnowledgeBase.languageOf(q.text()), RANKED_DOCS);
        List<String> ranked = rankedDocs(result);
        int rank = engine.add(q, ranked, result.answerable());
        List<String> plainRanked = plain.rank(q.text(), RANKED_DOCS);
        baseline.add(q, plainRanked, !plainRanked.isEmpty());
        if (!q.tag().isEmpty()) {
          engineByTag.computeIfAbsent(q.tag(), t -> new Metrics()).add(q, ranked, result.answerable());
          baselineByTag.computeIfAbsent(q.tag(), t -> new Metrics()).add(q, plainRanked, !plainRanked.isEmpty());
        }
        if (json) {
          out.println(
              new JsonObject()
                  .put("question", q.text())
                  .put("expected", q.expected())
                  .putStrings("ranked", ranked)
                  .put("answerable", result.answerable())
                  .put("confidence", result.confidence())
                  .put("rank", rank)
                  .put("tag", q.tag().isEmpty() ? null : q.tag()));
        } else if (isMiss(q, ranked, result.answerable())) {
          misses.add(missLine(q, ranked, result));
        }
      }
    } catch (IOException e) {
      return fail(out, "cannot close the index: " + e.getMessage());
    }
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    if (json) {
      out.println(summaryJson(questions, docs, engine, baseline, engineByTag, baselineByTag, unknownExpected, elapsedMs));
    } else {
      printReport(out, knowledgeDir, questionsTsv, questions, docs, engine, baseline, engineByTag, baselineByTag, misses, unknownExpected, elapsedMs);
    }
    out.flush();
    return 0;
  }

  /**
   * {@code kb search}: the top passages for one question with their document, heading, score,
   * snippet, and the confidence and answerable verdict of the ranking.
   */
  public static int search(KnowledgeBase kb, String question, boolean json, PrintWriter out) {
    SearchResult r = kb.search(question);
    if (json) {
      List<JsonObject> hits = new ArrayList<>();
      for (PassageHit h : r.hits()) {
        hits.add(
            new JsonObject()
                .put("docId", h.docId())
                .put("title", h.title())
                .put("heading", h.heading())
                .put("score", h.score())
                .put("snippet", h.snippet())
                .put("department", h.department())
                .put("source", h.source())
                .put("notYetEffective", h.notYetEffective())
                .put("effective", h.effective() == null ? null : h.effective().toString()));
      }
      out.println(
          new JsonObject()
              .put("question", r.question())
              .put("lang", r.lang().code())
              .put("confidence", r.confidence())
              .put("answerable", r.answerable())
              .putObjects("hits", hits));
    } else {
      out.printf(
          Locale.ROOT,
          "question: %s  (lang %s)%nconfidence %.2f -> %s%n",
          r.question(),
          r.lang().code(),
          r.confidence(),
          r.answerable() ? "answer" : "abstain (offer a person)");
      int i = 1;
      for (PassageHit h : r.hits()) {
        out.printf(
            Locale.ROOT,
            "%d. %s  [%s]  score %.2f%s%n   %s%n",
            i++,
            h.docId(),
            h.heading(),
            h.score(),
            h.notYetEffective() ? "  (not yet effective: from " + h.effective() + ")" : "",
            h.snippet());
      }
      if (r.hits().isEmpty()) {
        out.println("no passage matches");
      }
    }
    out.flush();
    return 0;
  }

  static List<String> rankedDocs(SearchResult result) {
    Set<String> ids = new LinkedHashSet<>();
    for (PassageHit h : result.hits()) {
      ids.add(h.docId());
      if (ids.size() == RANKED_DOCS) {
        break;
      }
    }
    return new ArrayList<>(ids);
  }

  private static boolean isMiss(QuestionSet.Question q, List<String> ranked, boolean answerable) {
    if (!q.inScope()) {
      return answerable;
    }
    return !answerable || ranked.isEmpty() || !ranked.getFirst().equals(q.expected());
  }

  private static String missLine(QuestionSet.Question q, List<String> ranked, SearchResult r) {
    String verdict;
    if (!q.inScope()) {
      verdict = "ANSWERED-OOS";
    } else if (!ranked.isEmpty() && ranked.getFirst().equals(q.expected())) {
      verdict = "abstained";
    } else {
      verdict = r.answerable() ? "WRONG-ANSWER" : "wrong-top";
    }
    return String.format(
        Locale.ROOT,
        "  %-13s %-10s conf %.2f  expected %-28s got %-40s %s",
        verdict,
        q.tag().isEmpty() ? "-" : q.tag(),
        r.confidence(),
        q.expected(),
        String.join(",", ranked.subList(0, Math.min(3, ranked.size()))),
        q.text());
  }

  private static JsonObject summaryJson(
      QuestionSet questions,
      LoadedDocuments docs,
      Metrics engine,
      Metrics baseline,
      Map<String, Metrics> engineByTag,
      Map<String, Metrics> baselineByTag,
      List<String> unknownExpected,
      long elapsedMs) {
    JsonObject summary =
        new JsonObject()
            .put("summary", true)
            .put("questions", questions.questions().size())
            .put("documents", docs.documents().size());
    engine.writeTo(summary);
    JsonObject byTag = new JsonObject();
    engineByTag.forEach((tag, m) -> byTag.put(tag, m.toJson()));
    JsonObject baseByTag = new JsonObject();
    baselineByTag.forEach((tag, m) -> baseByTag.put(tag, m.toJson()));
    return summary
        .put("by_tag", byTag)
        .put("baseline", baseline.toJson().put("by_tag", baseByTag))
        .putStrings("problems", docs.problems().stream().map(DocumentProblem::toString).toList())
        .putStrings("unknown_expected", unknownExpected)
        .put("elapsed_ms", elapsedMs);
  }

  private static void printReport(
      PrintWriter out,
      Path knowledgeDir,
      Path questionsTsv,
      QuestionSet questions,
      LoadedDocuments docs,
      Metrics engine,
      Metrics baseline,
      Map<String, Metrics> engineByTag,
      Map<String, Metrics> baselineByTag,
      List<String> misses,
      List<String> unknownExpected,
      long elapsedMs) {
    out.printf(
        "knowledge: %s (%d documents, %d left out)%nquestions: %s (%d: %d in scope, %d out of scope)%n",
        knowledgeDir,
        docs.documents().size(),
        docs.problems().size(),
        questionsTsv,
        questions.questions().size(),
        engine.inScope(),
        engine.outOfScope());
    docs.problems().forEach(p -> out.println("  problem: " + p));
    unknownExpected.forEach(u -> out.println("  unknown expected document id: " + u));
    if (!misses.isEmpty()) {
      out.println();
      out.println("Questions to look at (" + misses.size() + "):");
      misses.forEach(out::println);
    }
    out.println();
    out.printf("%-24s %10s %10s%n", "", "engine", "baseline");
    row(out, "recall@1", engine.recallAt1(), baseline.recallAt1());
    row(out, "recall@3", engine.recallAt3(), baseline.recallAt3());
    row(out, "MRR", engine.mrr(), baseline.mrr());
    row(out, "in-scope answered", engine.inScopeAnswered(), baseline.inScopeAnswered());
    row(out, "in-scope answered wrong", engine.inScopeAnsweredWrong(), baseline.inScopeAnsweredWrong());
    row(out, "out-of-scope abstained", engine.outOfScopeAbstained(), baseline.outOfScopeAbstained());
    if (!engineByTag.isEmpty()) {
      out.println();
      out.printf("%-24s %10s %10s%n", "recall@1 by tag", "engine", "baseline");
      engineByTag.forEach(
          (tag, m) -> {
            Metrics b = baselineByTag.get(tag);
            if (m.inScope() > 0) {
              row(out, tag + " (" + m.inScope() + ")", m.recallAt1(), b.recallAt1());
            } else {
              row(out, tag + " (" + m.outOfScope() + ", abstained)", m.outOfScopeAbstained(), b.outOfScopeAbstained());
            }
          });
    }
    out.printf("%n%d questions in %.1f s%n", questions.questions().size(), elapsedMs / 1000.0);
  }

  private static void row(PrintWriter out, String label, double engine, double baseline) {
    out.printf(Locale.ROOT, "%-24s %10s %10s%n", label, pct(engine), pct(baseline));
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static int fail(PrintWriter out, String message) {
    out.println("kb eval: " + message);
    out.flush();
    return 2;
  }
}
