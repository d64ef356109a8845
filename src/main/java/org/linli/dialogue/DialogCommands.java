package org.linli.dialogue;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.linli.cli.CommandStatus;
import org.linli.dialog.eval.DialogEvaluator;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code dialog} commands for dialogue designers. */
@Component
class DialogCommands {

  private final CommandStatus status;
  private final TurnBenchmark benchmark;

  DialogCommands(CommandStatus status, TurnBenchmark benchmark) {
    this.status = status;
    this.benchmark = benchmark;
  }

  @Command(
      name = {"dialog", "eval"},
      description =
          "Evaluate intent classification on a TSV of utterance<TAB>expected_intent (accuracy,"
              + " per-intent precision/recall, confusion matrix).")
  void eval(
      @Option(longName = "utterances", description = "TSV of utterances", required = true)
          String utterances,
      @Option(longName = "json", description = "print JSON lines", defaultValue = "false")
          boolean json,
      CommandContext context) {
    PrintWriter out = context.outputWriter();
    status.report(DialogEvaluator.run(Path.of(utterances), json, out));
    out.flush();
  }

  @Command(
      name = {"dialog", "bench"},
      description =
          "Benchmark full dialogue turns in-process (normalise, classify, retrieve, decide) and"
              + " print p50/p99.")
  void bench(
      @Option(longName = "turns", description = "turns to time", defaultValue = "20000") int turns,
      @Option(longName = "threads", description = "threads", defaultValue = "2") int threads,
      CommandContext context) {
    PrintWriter out = context.outputWriter();
    status.report(benchmark.run(turns, threads, out));
    out.flush();
  }
}
