package org.linli.knowledgebase;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.linli.accessibility.Lang;
import org.linli.knowledge.LoadedDocuments;
import org.linli.knowledge.bench.KnowledgeBenchmark;
import org.linli.cli.CommandStatus;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.eval.KbEvaluator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code kb} commands for the people who keep the knowledge base. */
@Component
class KbCommands {

  private final ObjectProvider<KnowledgeBase> knowledgeBase;
  private final KnowledgeProperties properties;
  private final CommandStatus status;

  KbCommands(
      ObjectProvider<KnowledgeBase> knowledgeBase,
      KnowledgeProperties properties,
      CommandStatus status) {
    this.knowledgeBase = knowledgeBase;
    this.properties = properties;
    this.status = status;
  }

  @Command(
      name = {"kb", "search"},
      description = "Search the knowledge base for one question and show the ranked passages.")
  void search(
      @Argument(index = 0, description = "the question, in quotes") String question,
      @Option(longName = "json", description = "print JSON", defaultValue = "false")
          boolean json,
      CommandContext context) {
    PrintWriter out = context.outputWriter();
    if (question == null || question.isBlank()) {
      System.err.println("Usage: kb search \"<question>\" [--json]");
      status.report(2);
      return;
    }
    status.report(KbEvaluator.search(knowledgeBase.getObject(), question, json, out));
    out.flush();
  }

  @Command(
      name = {"kb", "lint"},
      description =
          "Check policy documents for format problems and passages hard for elderly or"
              + " low-literacy readers (long sentences, many numbers, jargon, abbreviations).")
  void lint(
      @Option(
              longName = "knowledge",
              description = "folder of policy documents (default: the configured knowledge base)")
          String knowledge,
      @Option(longName = "lang", description = "language of the findings: zh or en", defaultValue = "zh")
          String lang,
      CommandContext context) {
    PrintWriter out = context.outputWriter();
    LoadedDocuments loaded;
    String source;
    if (knowledge == null || knowledge.isBlank()) {
      loaded = KnowledgeBaseConfiguration.load(properties);
      source = KnowledgeBaseConfiguration.source(properties);
    } else {
      Path dir = Path.of(knowledge);
      if (!Files.isDirectory(dir)) {
        out.println("kb lint: not a folder: " + knowledge);
        out.flush();
        status.report(2);
        return;
      }
      loaded = KnowledgeBaseConfiguration.load(new KnowledgeProperties(knowledge, false, KnowledgeProperties.FILES, null, null));
      source = knowledge;
    }
    List<KnowledgeLint.Finding> findings =
        KnowledgeLint.lint(loaded, "en".equalsIgnoreCase(lang) ? Lang.EN : Lang.ZH);
    findings.forEach(out::println);
    out.printf(
        "%d documents checked (%s), %d findings%n", loaded.documents().size() + loaded.problems().size(), source, findings.size());
    out.flush();
    status.report(findings.isEmpty() ? 0 : 1);
  }

  @Command(
      name = {"kb", "bench"},
      description =
          "Benchmark: build an index of generated passages from a knowledge folder and time queries.")
  void bench(
      @Option(longName = "knowledge", description = "folder of policy documents", required = true)
          String knowledge,
      @Option(longName = "passages", description = "passages to index", defaultValue = "10000")
          int passages,
      @Option(longName = "queries", description = "queries to time", defaultValue = "5000")
          int queries,
      CommandContext context) {
    PrintWriter out = context.outputWriter();
    status.report(KnowledgeBenchmark.run(Path.of(knowledge), passages, queries, out));
    out.flush();
  }

  @Command(
      name = {"kb", "eval"},
      description =
          "Evaluate a knowledge folder against a TSV of questions (question<TAB>expected doc id or"
              + " -).")
  void eval(
      @Option(longName = "knowledge", description = "folder of policy documents", required = true)
          String knowledge,
      @Option(longName = "questions", description = "TSV of questions", required = true)
          String questions,
      @Option(longName = "json", description = "print JSON lines", defaultValue = "false")
          boolean json,
      CommandContext context) {
    PrintWriter out = context.outputWriter();
    status.report(KbEvaluator.run(Path.of(knowledge), Path.of(questions), json, out));
    out.flush();
  }
}
