package org.linli.knowledgebase;

import java.io.PrintWriter;
import java.nio.file.Path;
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
  private final CommandStatus status;

  KbCommands(ObjectProvider<KnowledgeBase> knowledgeBase, CommandStatus status) {
    this.knowledgeBase = knowledgeBase;
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
