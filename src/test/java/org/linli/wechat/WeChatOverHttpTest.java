package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.junit.jupiter.api.Test;
import org.linli.channels.wechat.WeChatSimulator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The channel over real HTTP: the simulator (what {@code wechat send} uses) talks to the running
 * service in plain and safe mode, and a streamed body without a length is cut off at the limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WeChatOverHttpTest {

  @DynamicPropertySource
  static void wechat(DynamicPropertyRegistry registry) {
    registry.add("linli.wechat.token", () -> WeChatRequests.TOKEN);
    registry.add("linli.wechat.aes-key", () -> WeChatRequests.AES_KEY);
    registry.add("linli.wechat.app-id", () -> WeChatRequests.APP_ID);
  }

  @LocalServerPort int port;

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + port + "/channels/wechat");
  }

  @Test
  void theSimulatorGetsAnAnswerInPlainAndInSafeMode() throws Exception {
    WeChatSimulator simulator =
        new WeChatSimulator(WeChatRequests.TOKEN, WeChatRequests.AES_KEY, WeChatRequests.APP_ID);

    WeChatSimulator.Response plain =
        simulator.sendText(endpoint(), "o_http_1", "高龄津贴怎么申请", false);
    WeChatSimulator.Response safe = simulator.sendText(endpoint(), "o_http_2", "高龄津贴怎么申请", true);

    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.replyText()).contains("高龄津贴");
    assertThat(safe.body()).contains("<Encrypt>").doesNotContain("高龄津贴");
    assertThat(safe.replyText()).contains("高龄津贴");
  }

  @Test
  void aStreamedBodyOverTheLimitIsCutOff() throws Exception {
    String timestamp = "1700000000";
    String nonce = "n1";
    byte[] big = ("<xml>" + "x".repeat(200_000) + "</xml>").getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    endpoint()
                        + "?signature="
                        + SHA1.gen(WeChatRequests.TOKEN, timestamp, nonce)
                        + "&timestamp="
                        + timestamp
                        + "&nonce="
                        + nonce))
            .header("Content-Type", "text/xml")
            // no Content-Length: the service must count as it reads
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();

    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
  }
}
