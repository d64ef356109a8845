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
    List<String> cmd = new ArrayList<>(List.of(java(), "-jar", jar().toAbsolutePath().toString()));
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

  static Process server(Path workDir, int port, Path log) throws IOException {
    return new ProcessBuilder(
            java(),
            "-jar",
            jar().toAbsolutePath().toString(),
            "--server.port=" + port,
            "--linli.data-dir=" + workDir.resolve("data"))
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** A server with extra environment variables and arguments (a node of a cluster, say). */
  static Process server(
      Path workDir, int port, Path log, java.util.Map<String, String> env, List<String> extraArgs)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java(),
                "-jar",
                jar().toAbsolutePath().toString(),
                "--server.port=" + port,
                "--linli.data-dir=" + workDir.resolve("data")));
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
