package org.linli.load;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import org.linli.cli.CommandStatus;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code load} commands: measure a running node (see docs/performance.md). */
@Component
class LoadCommands {

  private final CommandStatus status;

  LoadCommands(CommandStatus status) {
    this.status = status;
  }

  @Command(
      name = {"load", "run"},
      description =
          "Simulate concurrent residents holding multi-turn web chat conversations against a"
              + " running node on this machine, then the same load on the liveness probe; print"
              + " throughput, p50/p95/p99 and errors.")
  void run(
      @Option(longName = "url", description = "base URL (loopback only)", defaultValue = "http://localhost:8080")
          String url,
      @Option(longName = "residents", description = "concurrent residents", defaultValue = "200")
          int residents,
      @Option(longName = "duration", description = "length of each phase: 60s, 2m, PT30S", defaultValue = "60s")
          String duration,
      CommandContext context) {
    PrintWriter out = context.outputWriter();
    Duration d;
    URI base;
    try {
      d = LoadGenerator.parseDuration(duration);
      base = URI.create(url.endsWith("/") ? url : url + "/");
      if (residents < 1 || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("residents and duration must be positive");
      }
      new LoadGenerator(base, residents, d).run(out);
      status.report(0);
    } catch (IllegalArgumentException e) {
      out.println("load run: " + e.getMessage());
      status.report(2);
    } catch (Exception e) {
      out.println("load run failed: " + e);
      status.report(1);
    } finally {
      out.flush();
    }
  }
}
