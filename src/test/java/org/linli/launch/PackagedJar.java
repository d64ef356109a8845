package org.linli.launch;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged application jar as a separate process, the way an operator would. */
final class PackagedJar {

  static Path jar() {
    Path jar = Path.of(System.getProperty("linli.jar", "target/linli.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the packaged jar is missing: " + jar.toAbsolutePath());
    }
    return jar;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The start of a command line that runs the jar: {@code java}, the JVM options for a
   * test-started process, {@code -jar} and the jar. The options change how fast a node starts, not
   * what it does: these processes live for seconds to minutes and spend most of that starting, so
   * the quick JIT alone (no C2 compiler threads competing for the two cores) and the serial
   * collector are the cheaper choice; and the intent model, trained from the same bundled data by
   * every node, is trained by the first and read from {@code target/it-model-cache} by the rest
   * (the cache the model's own fingerprint keys, see docs/dialogue.md).
   */
  static List<String> launch() {
    return List.of(
        java(),
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Dlinli.dialog.model-cache=" + jar().toAbsolutePath().getParent().resolve("it-model-cache"),
        "-jar",
        jar().toAbsolutePath().toString());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The result of a one-shot command. */
  record Run(int exitCode, String stdout, String stderr) {}

  static Run command(Path workDir, List<String> args) throws Exception {
    return command(workDir, args, java.util.Map.of());
  }

  /** A one-shot command with extra environment variables. */
  static Run command(Path workDir, List<String> args, java.util.Map<String, String> env)
      throws Exception {
    List<String> cmd = new ArrayList<>(launch());
    cmd.addAll(args);
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("command did not finish: " + args);
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The command line of a server on {@code port} with its data under {@code workDir}. */
  static List<String> serverCommand(Path workDir, int port) {
    List<String> cmd = new ArrayList<>(launch());
    cmd.add("--server.port=" + port);
    cmd.add("--linli.data-dir=" + workDir.resolve("data"));
    return cmd;
  }

  static Process server(Path workDir, int port, Path log) throws IOException {
    return server(workDir, port, log, java.util.Map.of(), List.of());
  }

  /** A server with extra environment variables and arguments (a node of a cluster, say). */
  static Process server(
      Path workDir, int port, Path log, java.util.Map<String, String> env, List<String> extraArgs)
      throws IOException {
    List<String> cmd = serverCommand(workDir, port);
    cmd.addAll(extraArgs);
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private PackagedJar() {}
}
