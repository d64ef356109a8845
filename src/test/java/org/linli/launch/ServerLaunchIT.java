package org.linli.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "done when", on the packaged jar: the service starts with the embedded defaults and
 * is healthy within 60 s, answers a question with a passage and its source, and still has the
 * conversation after a restart.
 */
class ServerLaunchIT {

  @TempDir Path workDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
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

  private void startAndAwaitHealthy(int port) throws Exception {
    server = PackagedJar.server(workDir, port, workDir.resolve("server-" + System.nanoTime() + ".log"));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> get(port, "/actuator/health").contains("\"UP\""));
  }

  private String get(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .body();
  }

  @Test
  void startsHealthyAnswersAndKeepsTheConversationAcrossARestart() throws Exception {
    int port = PackagedJar.freePort();
    startAndAwaitHealthy(port);

    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/chat/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"高龄津贴怎么申请\"}", StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(answer.body());
    assertThat(body.at("/replies/0/sources/0/docId").asString()).isEqualTo("elderly-allowance");
    String conversationId = body.get("conversationId").asString();
    // operators see turns per channel at the Prometheus endpoint
    assertThat(get(port, "/actuator/prometheus"))
        .contains("linli_turns_total{channel=\"web\",outcome=\"answered\"}")
        .contains("linli_turn_latency_seconds");
    // the kiosk's page and files are inside the jar
    assertThat(get(port, "/kiosk")).contains("/kiosk/kiosk.js");
    assertThat(get(port, "/kiosk/kiosk.js")).contains("'use strict'");
    assertThat(get(port, "/kiosk/messages")).contains("高龄津贴");

    server.destroy();
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(workDir.resolve("data/linli.mv.db"))).isTrue();

    startAndAwaitHealthy(port);
    JsonNode history = json.readTree(get(port, "/api/chat/conversations/" + conversationId));
    assertThat(history.get("messages").size()).isEqualTo(2);
    assertThat(history.at("/messages/0/text").asString()).isEqualTo("高龄津贴怎么申请");
  }
}
