package org.linli.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The load generator's own CPU per request (not a timed test: it asserts nothing and is not picked
 * up by the normal test run, whose class names end in {@code Test}).
 *
 * <p>A {@link StubNode} runs in a child JVM (web chat answered at once, the liveness probe after a
 * second, so that phase costs little), and this JVM runs {@code load run} against it at a fixed
 * rate, web chat only: once to warm up, then {@code bench.rounds} times; for each round it prints
 * this process's CPU time over the turn phase divided by the turns answered. Only the generator
 * runs in this process, so that is its CPU per request, JIT and GC included.
 *
 * <p>Run: {@code mvn -q -pl src -am test -Dtest=LoadClientCostBench
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}; the report is in {@code
 * src/target/load-client-bench.txt}. System properties: {@code bench.residents} (default 50),
 * {@code bench.rate} (turns per second, default 400), {@code bench.seconds} (per phase, default
 * 10), {@code bench.rounds} (default 2).
 */
class LoadClientCostBench {

  @Test
  void run() throws Exception {
    int residents = Integer.getInteger("bench.residents", 50);
    int rate = Integer.getInteger("bench.rate", 400);
    Duration phase = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    int rounds = Integer.getInteger("bench.rounds", 2);
    Process node =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                StubNode.class.getName())
            .redirectErrorStream(true)
            .start();
    try (PrintWriter report =
        new PrintWriter(Files.newBufferedWriter(Path.of("target/load-client-bench.txt"), StandardCharsets.UTF_8), true)) {
      String port = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8)).readLine();
      URI base = URI.create("http://127.0.0.1:" + port + "/");
      report.printf(
          "%d residents, %d turns/s offered, %s per phase, web chat only, %d cores, load average %.1f%n",
          residents, rate, phase, Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      for (int round = 0; round <= rounds; round++) {
        CpuWindow window = new CpuWindow();
        new LoadGenerator(base, residents, phase, LoadGenerator.Options.webOnly(), new LoadGenerator.Pacing.OpenModel(rate, false))
            .run(new PrintWriter(window));
        report.printf(
            Locale.ROOT, "%s: %d turns, %.3f ms CPU per turn (%.2f cores)%n",
            round == 0 ? "warm-up" : "round " + round, window.turns, window.cpuNanos / 1e6 / window.turns,
            window.cpuNanos / (double) window.wallNanos);
      }
    } finally {
      node.destroy();
    }
  }

  /** Notes this process's CPU time from the report's first line to its {@code all} line. */
  private static final class CpuWindow extends Writer {
    private final StringBuilder line = new StringBuilder();
    private long cpuStart;
    private long wallStart;
    long cpuNanos;
    long wallNanos;
    long turns;

    @Override
    public void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (buf[i] != '\n') {
          line.append(buf[i]);
          continue;
        }
        String l = line.toString();
        line.setLength(0);
        if (l.startsWith("load:")) {
          cpuStart = cpu();
          wallStart = System.nanoTime();
        } else if (l.startsWith("all ")) {
          cpuNanos = cpu() - cpuStart;
          wallNanos = System.nanoTime() - wallStart;
          int at = l.indexOf("requests=") + "requests=".length();
          turns = Long.parseLong(l.substring(at, l.indexOf(' ', at)));
        }
      }
    }

    private static long cpu() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
