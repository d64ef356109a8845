package org.linli.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * The exit code and the output of a one-shot command ({@code java -jar linli.jar kb eval ...}):
 * commands report failures here, and the launcher exits with the worst code reported.
 */
@Component
public class CommandStatus implements ExitCodeGenerator {

  private final AtomicInteger exitCode = new AtomicInteger();
  private final PrintWriter out =
      new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);

  /** Standard output, UTF-8 whatever the platform default, flushed on every line. */
  public PrintWriter out() {
    return out;
  }

  public void report(int code) {
    exitCode.accumulateAndGet(code, Math::max);
  }

  @Override
  public int getExitCode() {
    out.flush();
    return exitCode.get();
  }
}
