package org.linli.twilio;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.linli.channels.twilio.TwilioProperties;
import org.linli.channels.twilio.TwilioSimulator;
import org.linli.cli.CommandStatus;
import org.springframework.core.env.Environment;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/**
 * {@code twilio sms} and {@code twilio call}: the Twilio simulator, for training and for trying the
 * SMS and phone channels without Twilio. It signs its webhooks with the same auth token as the
 * running service ({@code TWILIO_AUTH_TOKEN}, or {@code --token}) and prints what the resident
 * would read or hear.
 */
@Component
class TwilioCommands {

  static final int USAGE = 2;
  static final int FAILED = 1;

  private final TwilioProperties properties;
  private final CommandStatus status;
  private final Environment environment;

  TwilioCommands(TwilioProperties properties, CommandStatus status, Environment environment) {
    this.properties = properties;
    this.status = status;
    this.environment = environment;
  }

  @Command(
      name = {"twilio", "sms"},
      description = "Send one SMS to a running Linli as Twilio would, and print the reply.")
  void sms(
      @Argument(index = 0, description = "the text, in quotes") String text,
      @Option(longName = "from", description = "the resident's number", required = true) String from,
      @Option(longName = "url", description = "the service", defaultValue = "http://localhost:8080")
          String url,
      @Option(longName = "public-url", description = "LINLI_PUBLIC_BASE_URL of the service, if set", defaultValue = "")
          String publicUrl,
      @Option(longName = "token", description = "the service's auth token (default TWILIO_AUTH_TOKEN)", defaultValue = "")
          String token,
      CommandContext context) {
    PrintWriter out = context.outputWriter();
    TwilioSimulator simulator = simulator(url, publicUrl, token);
    if (simulator == null || text == null || from == null) {
      System.err.println("Usage: twilio sms --from <number> \"<text>\" [--url http://localhost:8080] (TWILIO_AUTH_TOKEN must be set)");
      status.report(USAGE);
      return;
    }
    try {
      TwilioSimulator.SmsResult result = simulator.sms(from, text);
      if (result.status() != 200) {
        out.println("HTTP " + result.status() + " (403: the auth token or the URL differs from the service's)");
        status.report(FAILED);
      } else if (result.messages().isEmpty()) {
        out.println("(no reply)");
      }
      for (String m : result.messages()) {
        out.println("--- SMS to " + from + " ---");
        out.println(m);
      }
    } catch (IllegalStateException e) {
      out.println(e.getMessage());
      status.report(FAILED);
    }
    out.flush();
  }

  @Command(
      name = {"twilio", "call"},
      description =
          "Call a running Linli as Twilio would and print what the caller hears. Without --keys or"
              + " --say you answer each prompt yourself: keys (1, *, #), words, '-' for silence,"
              + " empty to hang up.")
  void call(
      @Option(longName = "from", description = "the caller's number", required = true) String from,
      @Option(longName = "keys", description = "comma-separated steps: keys, '-' silence, low:<words>, or words", defaultValue = "")
          String keys,
      @Option(longName = "say", description = "words said at the first prompt, before --keys", defaultValue = "")
          String say,
      @Option(longName = "url", description = "the service", defaultValue = "http://localhost:8080")
          String url,
      @Option(longName = "public-url", description = "LINLI_PUBLIC_BASE_URL of the service, if set", defaultValue = "")
          String publicUrl,
      @Option(longName = "token", description = "the service's auth token (default TWILIO_AUTH_TOKEN)", defaultValue = "")
          String token,
      CommandContext context) {
    PrintWriter out = context.outputWriter();
    TwilioSimulator simulator = simulator(url, publicUrl, token);
    if (simulator == null || from == null) {
      System.err.println("Usage: twilio call --from <number> [--keys 1,...] [--say \"...\"] (TWILIO_AUTH_TOKEN must be set)");
      status.report(USAGE);
      return;
    }
    Deque<String> script = new ArrayDeque<>();
    if (say != null && !say.isBlank()) {
      script.add(say);
    }
    if (keys != null && !keys.isBlank()) {
      script.addAll(List.of(keys.split(",")));
    }
    boolean scripted = !script.isEmpty();
    TwilioSimulator.Caller caller =
        heard -> {
          heard.forEach(line -> out.println("  🔊 " + line));
          out.flush();
          String step = scripted ? script.poll() : ask(context);
          if (step == null || (!scripted && step.isEmpty())) {
            out.println("  ☎ (hangs up)");
            return Optional.empty();
          }
          TwilioSimulator.Input input = TwilioSimulator.Input.parse(step);
          out.println("  ☎ " + describe(input));
          return Optional.of(input);
        };
    try {
      TwilioSimulator.CallResult result = simulator.call(from, caller);
      // What was said after the last prompt (goodbyes, the dial) is printed here; the rest was
      // printed as the call went.
      List<TwilioSimulator.Event> events = result.events();
      int lastGather = -1;
      for (int i = 0; i < events.size(); i++) {
        TwilioSimulator.Event.Kind kind = events.get(i).kind();
        if (kind == TwilioSimulator.Event.Kind.INPUT || kind == TwilioSimulator.Event.Kind.GATHER) {
          lastGather = i;
        }
      }
      for (int i = lastGather + 1; i < events.size(); i++) {
        TwilioSimulator.Event e = events.get(i);
        switch (e.kind()) {
          case SAY -> out.println("  🔊 " + e.text());
          case DIAL -> out.println("  ↪ dials the staffed line " + e.text() + " (simulated: no answer)");
          case HANGUP -> out.println("  ☎ call ends (" + e.text() + ")");
          default -> {}
        }
      }
      if (result.lastStatus() != 200) {
        out.println("HTTP " + result.lastStatus() + " (403: the auth token or the URL differs from the service's)");
        status.report(FAILED);
      }
    } catch (IllegalStateException e) {
      out.println(e.getMessage());
      status.report(FAILED);
    }
    out.flush();
  }

  // Spring Shell passes an empty default value as null.
  private TwilioSimulator simulator(String url, String publicUrl, String token) {
    url = url == null || url.isBlank() ? "http://localhost:8080" : url;
    String t = token == null || token.isBlank() ? properties.authToken() : token;
    if (t == null || t.isBlank()) {
      return null;
    }
    return new TwilioSimulator(url, publicUrl, t, "+861012345");
  }

  /** The next step from the person at the keyboard: the shell's reader, or standard input. */
  private String ask(CommandContext context) {
    String prompt = "  按键/说话 (keys, words, '-' silence, empty hangs up)> ";
    try {
      if (environment.getProperty("spring.shell.interactive.enabled", Boolean.class, false)) {
        String line = context.inputReader().readInput(prompt);
        return line == null ? "" : line.strip();
      }
      System.out.print(prompt);
      System.out.flush();
      String line = STDIN.readLine();
      return line == null ? "" : line.strip();
    } catch (Exception e) {
      return "";
    }
  }

  private static final BufferedReader STDIN =
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  private static String describe(TwilioSimulator.Input input) {
    return switch (input) {
      case TwilioSimulator.Input.Keys k -> "presses " + k.digits();
      case TwilioSimulator.Input.Speech s -> "says \"" + s.text() + "\"" + (s.confidence() < 0.5 ? " (unclear)" : "");
      case TwilioSimulator.Input.Silence s -> "(silence)";
    };
  }
}
