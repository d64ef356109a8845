package org.linli.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;
import org.springframework.stereotype.Component;

/**
 * Runs the one command given on the command line ({@code java -jar linli.jar kb search "..."})
 * and makes its outcome the process's exit code. It replaces Spring Shell 4.0.1's non-interactive
 * runner, which logs failures but always exits 0, and which cannot parse a boolean flag such as
 * {@code --json} at the end of a sub-command (it looks the flag up on the root command only).
 * Arguments containing spaces are quoted again, since the shell joins them with spaces.
 */
@Component
@ConditionalOnProperty(name = "spring.shell.interactive.enabled", havingValue = "false")
class OneShotCommandRunner implements ApplicationRunner {

  static final int USAGE = 2;
  static final int FAILED = 1;

  private final CommandParser parser;
  private final CommandRegistry registry;
  private final CommandStatus status;

  OneShotCommandRunner(CommandParser parser, CommandRegistry registry, CommandStatus status) {
    this.parser = parser;
    this.registry = registry;
    this.status = status;
  }

  @Override
  public void run(ApplicationArguments args) {
    List<String> words = List.of(args.getSourceArgs());
    PrintWriter err = new PrintWriter(System.err, true);
    if (words.isEmpty()) {
      err.println("No command given. Try: kb search \"高龄津贴怎么申请\"");
      status.report(USAGE);
      return;
    }
    String line = commandLine(words, booleanFlags(registry));
    ParsedInput input;
    try {
      input = parser.parse(line);
    } catch (RuntimeException e) {
      err.println("Cannot understand the command: " + e.getMessage());
      status.report(USAGE);
      return;
    }
    if (registry.getCommandByName(commandName(input)) == null) {
      err.println("Unknown command: " + line + ". Commands: " + commandNames(registry));
      status.report(USAGE);
      return;
    }
    ExitStatus exit =
        new CommandExecutor(registry)
            .execute(new CommandContext(input, registry, status.out(), new InputReader() {}));
    status.out().flush();
    if (exit.code() != ExitStatus.OK.code()) {
      err.println("The command failed: " + exit.description());
      status.report(exit.code() == ExitStatus.USAGE_ERROR.code() ? USAGE : FAILED);
    }
  }

  /** Re-quotes words with spaces and turns a bare boolean flag into {@code --flag=true}. */
  static String commandLine(List<String> words, Set<String> booleanFlags) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String next = i + 1 < words.size() ? words.get(i + 1) : null;
      if (booleanFlags.contains(w) && (next == null || next.startsWith("-"))) {
        out.add(w + "=true");
      } else if (w.chars().anyMatch(Character::isWhitespace)
          && !(w.length() >= 2 && w.startsWith("\"") && w.endsWith("\""))) {
        out.add("\"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
      } else {
        out.add(w);
      }
    }
    return String.join(" ", out);
  }

  private static Set<String> booleanFlags(CommandRegistry registry) {
    return registry.getCommands().stream()
        .flatMap(c -> c.getOptions().stream())
        .filter(o -> o.type() == boolean.class || o.type() == Boolean.class)
        .map(CommandOption::longName)
        .filter(n -> n != null && !n.isEmpty())
        .map(n -> "--" + n)
        .collect(Collectors.toSet());
  }

  private static String commandName(ParsedInput input) {
    List<String> parts = new ArrayList<>();
    parts.add(input.commandName());
    parts.addAll(input.subCommands());
    return String.join(" ", parts);
  }

  private static String commandNames(CommandRegistry registry) {
    return registry.getCommands().stream()
        .map(c -> c.getName())
        .sorted()
        .collect(Collectors.joining(", "));
  }
}
