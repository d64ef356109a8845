package org.linli.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Twilio simulator as staff use it: the packaged service runs with a Twilio auth token, and
 * the jar's one-shot {@code twilio sms} / {@code twilio call} commands talk to it.
 */
class TwilioSimulatorIT {

  static final String TOKEN = "it-token-0123456789abcdef0123456789";

  @TempDir Path workDir;
  private Process server;

  @AfterEach
  void stop() throws Exception {
    if (server != null && server.isAlive()) {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private Process start(int port, Path log) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(PackagedJar.serverCommand(workDir, port))
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("TWILIO_AUTH_TOKEN", TOKEN);
    pb.environment().remove("TWILIO_ACCOUNT_SID");
    Process p = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body()
                    .contains("\"UP\""));
    return p;
  }

  private PackagedJar.Run command(List<String> args) throws Exception {
    return PackagedJar.command(workDir, args, Map.of("TWILIO_AUTH_TOKEN", TOKEN));
  }

  @Test
  void oneShotCommandsTextAndCallTheRunningService() throws Exception {
    int port = PackagedJar.freePort();
    Path log = workDir.resolve("server.log");
    server = start(port, log);
    String url = "http://127.0.0.1:" + port;

    assertThat(Files.readString(log))
        .contains("event=channel_status channel=twilio webhooks=on")
        .contains("sending=off (not set: TWILIO_ACCOUNT_SID");

    PackagedJar.Run sms =
        command(List.of("twilio", "sms", "--from", "+8613800000001", "\"高龄津贴怎么申请\"", "--url", url));
    assertThat(sms.exitCode()).as(sms.stdout() + sms.stderr()).isZero();
    assertThat(sms.stdout()).contains("高龄津贴").contains("回复1看详细");

    PackagedJar.Run call =
        command(List.of("twilio", "call", "--from", "+8613800000001", "--keys", "1,高龄津贴怎么申请", "--url", url));
    assertThat(call.exitCode()).as(call.stdout() + call.stderr()).isZero();
    assertThat(call.stdout()).contains("您好").contains("presses 1").contains("以上内容来自").contains("hangs up");

    PackagedJar.Run forged =
        command(List.of("twilio", "sms", "--from", "+8613800000001", "hello", "--url", url, "--token", "wrong"));
    assertThat(forged.exitCode()).isEqualTo(1);
    assertThat(forged.stdout()).contains("HTTP 403");
  }
}
